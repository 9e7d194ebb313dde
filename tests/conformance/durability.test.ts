// --data durability: nothing the emulator has acknowledged may be lost by a crash. Every answer to a request that
// committed (a mutation, an action that ran mutations, an HTTP action) goes out only after the commit is saved, on
// every route: the function API, the sync socket, HTTP actions on the site port and under /http/ on the main port.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { FIXTURE_FUNCTIONS } from "./emulator-process.js";
import { emulatorForSuite, eventually, postJson, RawSocket, within, type Frame, type Note } from "./helpers.js";

describe("a note created by an HTTP action survives a crash right after the answer", { timeout: 120_000 }, () => {
  const suite = emulatorForSuite();

  for (const [route, url] of [
    ["the site port", () => `${suite.emulator.siteUrl}/notes`],
    ["/http/ on the main port", () => `${suite.emulator.url}/http/notes`],
  ] as const) {
    test(`POST /notes on ${route}, SIGKILL at once, restart: the note is there`, async () => {
      const ids: string[] = [];
      for (let round = 0; round < 3; round++) {
        const response = await postJson(url(), { title: `durable ${round}`, content: route });
        // The crash comes the moment the answer is in, before anything else can give the emulator time to save.
        await suite.emulator.stop("SIGKILL");
        assert.equal(response.status, 201, JSON.stringify(response.body));
        ids.push((response.body as { id: string }).id);
        await suite.emulator.restart();
      }
      const list = await within(fetch(`${suite.emulator.siteUrl}/notes`).then((r) => r.json() as Promise<Note[]>), "GET /notes");
      for (const id of ids) assert.ok(list.some((note) => note._id === id), `note ${id} survived the crash`);
    });
  }
});

describe("no answer to a request that committed goes out before the commit is saved", { timeout: 180_000 }, () => {
  const suite = emulatorForSuite({ functions: FIXTURE_FUNCTIONS, testHooks: true });

  afterEach(async () => {
    // Each case crashes the emulator; the next one gets a fresh process on the same data.
    if (!suite.emulator.running) await suite.emulator.restart();
  });

  const storeArgs = (label: string) => ({ label, value: 1 });
  const httpRequest = (url: () => string, body: (label: string) => unknown) => (label: string) =>
    fetch(url(), { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body(label)) }).then(
      async (response) => `HTTP ${response.status} ${await response.text()}`,
    );
  const socketRequest = (type: "Mutation" | "Action", udfPath: string) => async (label: string) => {
    const socket = await RawSocket.connect(suite.emulator.url);
    socket.connect();
    socket.send({ type, requestId: 0, udfPath, args: [storeArgs(label)] });
    await socket.closed;
    const answer = socket.pending().find((frame: Frame) => frame.type === `${type}Response`);
    if (answer !== undefined) return JSON.stringify(answer);
    throw new Error("the socket closed without an answer");
  };

  for (const [route, request] of [
    ["an HTTP action on the site port", httpRequest(() => `${suite.emulator.siteUrl}/store`, storeArgs)],
    ["an HTTP action under /http/ on the main port", httpRequest(() => `${suite.emulator.url}/http/store`, storeArgs)],
    ["POST /api/mutation", httpRequest(() => `${suite.emulator.url}/api/mutation`, (label) => ({ path: "values:store", args: storeArgs(label) }))],
    ["POST /api/action (runMutation inside)", httpRequest(() => `${suite.emulator.url}/api/action`, (label) => ({ path: "values:storeViaAction", args: storeArgs(label) }))],
    ["a sync Mutation", socketRequest("Mutation", "values:store")],
    ["a sync Action (runMutation inside)", socketRequest("Action", "values:storeViaAction")],
  ] as const) {
    test(`${route}: with the data write held, the commit is not acknowledged before a crash`, async () => {
      await postJson(`${suite.emulator.url}/_emulator/hold-data-writes`, {});
      const label = `held ${route} ${Date.now()}`;
      const answer = request(label).then(
        (text) => ({ answered: text }),
        (error: unknown) => ({ failed: String(error) }),
      );
      // The commit is in memory (a query sees it) while its write to disk is held back.
      await eventually(async () => {
        const { body } = await postJson(`${suite.emulator.url}/api/query`, { path: "values:samples", args: {}, format: "json" });
        return (body.value as Array<{ label: string }>).some((sample) => sample.label === label) ? true : undefined;
      }, "the commit to be visible");
      await suite.emulator.stop("SIGKILL");

      const outcome = await within(answer, "the request to end with the crash");
      assert.ok("failed" in outcome, `the client was told of a commit that was never saved: ${JSON.stringify(outcome)}`);
    });
  }
});
