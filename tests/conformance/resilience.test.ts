// Failures a real network and a real backend produce: the emulator restarting under a live subscription, and a
// connection dropped after a mutation committed but before its response was sent, which the official client answers
// by replaying the mutation; the emulator must apply it exactly once.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { EmulatorProcess } from "./emulator-process.js";
import { emulatorForSuite, eventually, notes, postJson, Subscription, within, type Note } from "./helpers.js";

describe("a subscription across an emulator restart", { timeout: 120_000 }, () => {
  const suite = emulatorForSuite();
  const clients = suite.clients;

  for (const signal of ["SIGTERM", "SIGKILL"] as const) {
    test(`reconnects and keeps receiving updates after a ${signal} restart, with the data kept`, async () => {
      const subscriber = clients.ws(suite.emulator.url);
      const subscription = new Subscription<Note[]>(subscriber, notes.list, {});
      const beforeId = await within(clients.http(suite.emulator.url).mutation(notes.create, { title: `before ${signal}`, content: "" }), "create");
      await subscription.next((list) => list.some((note) => note._id === beforeId), "the note made before the restart");

      await suite.emulator.restart(signal);

      // The data file kept the note, and the restarted clock is above everything the client observed (otherwise
      // the emulator would close the reconnecting client for a maxObservedTimestamp from the future).
      const kept = await within(clients.http(suite.emulator.url).query(notes.list, {}), "list after the restart");
      assert.ok(kept.some((note) => note._id === beforeId), "data survived the restart");
      const afterId = await within(clients.http(suite.emulator.url).mutation(notes.create, { title: `after ${signal}`, content: "" }), "create after");
      const latest = await subscription.next(
        (list) => list.some((note) => note._id === afterId),
        "the live update after the restart",
      );
      assert.ok(latest.some((note) => note._id === beforeId));
      assert.notEqual(beforeId, afterId, "ids are not reused after a restart");
      // The same client's own mutations work over the new connection too (read-your-writes included).
      const ownId = await within(subscriber.mutation(notes.create, { title: "own", content: "" }), "own mutation after restart");
      assert.ok(subscription.latest?.some((note) => note._id === ownId));
      subscription.unsubscribe();
    });
  }
});

describe("an in-flight mutation over a dropped connection", { timeout: 120_000 }, () => {
  const suite = emulatorForSuite({ testHooks: true });
  const clients = suite.clients;

  afterEach(async () => {
    await postJson(`${suite.emulator.url}/_emulator/resume-responses`, {});
  });

  test("is replayed by the client after reconnecting and applied exactly once", async () => {
    const client = clients.ws(suite.emulator.url);
    const subscription = new Subscription<Note[]>(client, notes.list, {});
    await subscription.next(() => true, "the first result");
    const http = clients.http(suite.emulator.url);
    const statsBefore = await stats(suite.emulator);

    // Hold every response, let the mutation commit, then cut the socket before its MutationResponse goes out.
    await postJson(`${suite.emulator.url}/_emulator/pause-responses`, {});
    const title = `exactly once ${Date.now()}`;
    const pending = client.mutation(notes.create, { title, content: "" });
    await eventually(async () => {
      const list = await http.query(notes.list, {});
      return list.some((note) => note.title === title) ? true : undefined;
    }, "the mutation to commit");
    const { body: dropped } = await postJson(`${suite.emulator.url}/_emulator/drop-connections`, {});
    assert.ok(dropped.dropped >= 1, "the client's socket was dropped");
    await postJson(`${suite.emulator.url}/_emulator/resume-responses`, {});

    // The client reconnects with the same session id and replays the mutation; the emulator answers it from its
    // idempotency record, so the promise resolves with the original id and nothing is inserted twice.
    const id = await within(pending, "the replayed mutation to resolve", 30_000);
    const matching = (await within(http.query(notes.list, {}), "list")).filter((note) => note.title === title);
    assert.deepEqual(matching.map((note) => note._id), [id]);
    assert.ok(subscription.latest?.some((note) => note._id === id), "read-your-writes holds after the replay");

    const statsAfter = await stats(suite.emulator);
    assert.equal(statsAfter.mutationsDeduplicated - statsBefore.mutationsDeduplicated, 1, "the replay was answered from the record");
    assert.equal(statsAfter.mutationsExecuted - statsBefore.mutationsExecuted, 1, "the mutation ran once");
  });
});

async function stats(emulator: EmulatorProcess): Promise<{ mutationsDeduplicated: number; mutationsExecuted: number }> {
  const response = await within(fetch(`${emulator.url}/_emulator/stats`), "the emulator's stats");
  const text = await within(response.text(), "the emulator's stats body");
  const body = JSON.parse(text) as { mutationsDeduplicated?: unknown; mutationsExecuted?: unknown };
  // Counters that are not numbers would turn the differences below into NaN; say what actually answered instead.
  assert.ok(
    response.status === 200 && typeof body.mutationsDeduplicated === "number" && typeof body.mutationsExecuted === "number",
    `GET /_emulator/stats answered ${response.status} ${text}`,
  );
  return body as { mutationsDeduplicated: number; mutationsExecuted: number };
}
