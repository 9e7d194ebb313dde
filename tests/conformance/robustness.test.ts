// Abusive and odd input that must neither crash nor hang the emulator: malformed UTF-8, messages out of the usual
// order, huge query sets, a client that stops reading, oversized chunked bodies and a half-sent upgrade request.
// After each, the emulator must still answer.
import assert from "node:assert/strict";
import net from "node:net";
import { after, describe, test } from "node:test";
import { EmulatorProcess, FIXTURE_FUNCTIONS } from "./emulator-process.js";
import { emulatorForSuite, postJson, RawSocket, within, type Frame } from "./helpers.js";

function add(queryId: number, udfPath: string, args: Record<string, unknown> = {}) {
  return { type: "Add", queryId, udfPath, args: [args] };
}

/** A request body streamed with chunked transfer encoding (no Content-Length), `chunks` pieces of 1 MiB. */
function chunkedBody(chunks: number): ReadableStream<Uint8Array> {
  const piece = new Uint8Array(1024 * 1024).fill(0x20);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent++ < chunks) controller.enqueue(piece);
      else controller.close();
    },
  });
}

describe("odd and abusive input", { timeout: 180_000 }, () => {
  const suite = emulatorForSuite({ functions: FIXTURE_FUNCTIONS });
  const sockets: RawSocket[] = [];
  // The unversioned path: Transitions always come whole (no TransitionChunk), which the backlog test counts.
  const open = async () => {
    const socket = await RawSocket.connect(suite.emulator.url, "/api/sync");
    sockets.push(socket);
    return socket;
  };

  const assertServing = async () => {
    const response = await within(fetch(`${suite.emulator.url}/version`), "GET /version");
    assert.equal(response.status, 200, `the emulator still serves\nstderr:\n${suite.emulator.stderr}`);
  };

  after(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });

  test("a text frame that is not UTF-8 closes that socket with 1007 and nothing else", async () => {
    const socket = await open();
    socket.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    assert.equal(await socket.waitClosed(), 1007);
    await assertServing();
  });

  test("a second Connect on the same socket is accepted; the socket keeps serving", async () => {
    const socket = await open();
    socket.connect();
    socket.connect();
    socket.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [add(0, "values:echo", { value: "twice" })] });
    const transition = await socket.next("Transition");
    assert.deepEqual((transition.modifications as Frame[]).map((modification) => modification.value), ["twice"]);
  });

  test("Authenticate before Connect is accepted (the backend does not require Connect first)", async () => {
    const socket = await open();
    socket.send({ type: "Authenticate", baseVersion: 0, tokenType: "None" });
    socket.connect();
    const transition = await socket.next("Transition");
    assert.equal((transition.endVersion as { identity: number }).identity, 1);
  });

  test("an argument nested 100,000 deep gets FatalError, not a crash of the process", async () => {
    const socket = await open();
    socket.connect();
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    socket.send(`{"type":"Mutation","requestId":0,"udfPath":"values:store","args":[{"label":"deep","value":${deep}}]}`);
    const fatal = await socket.next("FatalError");
    assert.match(String(fatal.error), /^WSMessageInvalidJson: /);
    await assertServing();
  });

  test("a ModifyQuerySet with 10,000 Adds is answered with 10,000 results, and a Remove of all of them after", async () => {
    const socket = await open();
    socket.connect();
    const ids = Array.from({ length: 10_000 }, (_, id) => id);
    socket.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: ids.map((id) => add(id, "values:echo", { value: id })) });
    // 10,000 query runs: seconds on an idle machine, more on a busy CI one; the bound only keeps a hang from lasting.
    const transition = await socket.next("Transition", "the Transition with 10,000 results", 120_000);
    const values = new Map((transition.modifications as Frame[]).map((modification) => [modification.queryId, modification.value]));
    assert.equal(values.size, 10_000);
    assert.ok(ids.every((id) => values.get(id) === id));
    socket.send({ type: "ModifyQuerySet", baseVersion: 1, newVersion: 2, modifications: ids.map((queryId) => ({ type: "Remove", queryId })) });
    const removal = await socket.next("Transition", "the removal of 10,000 queries", 120_000);
    assert.equal((removal.modifications as Frame[]).length, 10_000);
    await assertServing();
  });

  test("a client that stops reading gets the latest state when it reads again, not one Transition per commit", async () => {
    const socket = await open();
    socket.connect();
    socket.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [add(0, "values:samples")] });
    await socket.next("Transition");
    // Every commit changes the subscribed result (and makes it bigger), so a naive server would queue them all.
    socket.ws.pause();
    const commits = 100;
    const value = "x".repeat(100_000);
    for (let i = 0; i < commits; i++) {
      const { body } = await postJson(`${suite.emulator.url}/api/mutation`, { path: "values:store", args: { label: `unread ${i}`, value } });
      assert.equal(body.status, "success", JSON.stringify(body));
    }
    socket.ws.resume();

    const isComplete = (frame: Frame) =>
      ((frame.modifications as Frame[])[0]?.value as Array<{ label: string }> | undefined)?.filter((sample) => sample.label.startsWith("unread ")).length === commits;
    const transitions = await within(socket.nextWhere("Transition", isComplete, "the Transition with every commit"), "the backlog", 60_000);
    // The backend computes no new Transition while 2 are unwritten (SYNC_MAX_SEND_TRANSITION_COUNT); what the OS
    // socket buffers took before the client stopped reading adds a few more, never one per commit.
    assert.ok(transitions.length < commits / 2, `${transitions.length} Transitions for ${commits} commits`);
  });

  for (const [name, mebibytes, path] of [
    ["a chunked function API body over 16 MiB", 18, "/api/mutation"],
    ["a chunked body far over every limit", 80, "/api/mutation"],
  ] as const) {
    test(`${name} is refused with 413 or cut, and the emulator serves on`, async () => {
      const outcome = await within(
        fetch(`${suite.emulator.url}${path}`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: chunkedBody(mebibytes),
          duplex: "half",
        } as RequestInit).then(
          async (response) => ({ status: response.status, body: await response.text() }),
          (error: unknown) => ({ status: 0, body: String(error) }),
        ),
        "the answer to the oversized body",
        60_000,
      );
      // Up to a bound the body is drained so the client can read the 413; past it the connection is simply cut.
      if (outcome.status !== 0) {
        assert.equal(outcome.status, 413, outcome.body);
        assert.equal(JSON.parse(outcome.body).code, "PayloadTooLarge");
      }
      if (mebibytes < 64) assert.equal(outcome.status, 413, "a body within the drain bound gets its 413");
      await assertServing();
    });
  }
});

describe("a half-sent upgrade request (slow loris)", { timeout: 120_000 }, () => {
  test("neither blocks other clients nor delays a SIGTERM", async () => {
    const emulator = await EmulatorProcess.start({ functions: FIXTURE_FUNCTIONS });
    const loris = net.connect(emulator.port, "127.0.0.1");
    try {
      await within(new Promise((resolve) => loris.once("connect", resolve)), "the slow client to connect");
      loris.on("error", () => undefined);
      loris.write("GET /api/sync HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n");

      const socket = await RawSocket.connect(emulator.url);
      socket.connect();
      socket.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [add(0, "values:echo", { value: 1 })] });
      await socket.next("Transition", "a Transition for another client");
      socket.close();

      await emulator.stop("SIGTERM");
      assert.equal(emulator.exitCode, 0, emulator.stderr);
    } finally {
      loris.destroy();
      await emulator.dispose();
    }
  });
});
