// --record FILE: every frame in and out of every connection as JSON lines, with the upgrade path and headers, so the
// frames the C# client sends can later be compared side by side with the official client's for the same scenario.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { emulatorForSuite, notes, Subscription, within, type Note } from "./helpers.js";

interface Entry {
  t: number;
  conn: number;
  event?: "open" | "close";
  path?: string;
  headers?: Record<string, unknown>;
  dir?: "in" | "out";
  frame?: { type?: string; value?: unknown } | string | null;
}

describe("recording mode", { timeout: 60_000 }, () => {
  const directory = mkdtempSync(path.join(tmpdir(), "convex-emulator-record-"));
  const recording = path.join(directory, "frames.jsonl");
  const suite = emulatorForSuite({ record: recording, adminKey: "secret-admin-key" });
  const clients = suite.clients;

  // Runs after the suite's own `after`, which has stopped the emulator writing to the directory.
  after(() => rmSync(directory, { recursive: true, force: true }));

  test("writes the open event, every frame in and out, and the close event of a session", async () => {
    const client = clients.ws(suite.emulator.url);
    // setAdminAuth is the client's (internal) admin-key path, which the dashboard uses; it sends Authenticate{Admin}.
    (client as unknown as { setAdminAuth(key: string): void }).setAdminAuth("secret-admin-key");
    const subscription = new Subscription<Note[]>(client, notes.list, {});
    await subscription.next(() => true, "the first result");
    await within(client.mutation(notes.create, { title: "recorded", content: "" }), "the mutation");
    await clients.closeAll();
    await suite.emulator.stop("SIGTERM");

    const entries = readFileSync(recording, "utf8").trim().split("\n").map((line) => JSON.parse(line) as Entry);
    const open = entries.find((entry) => entry.event === "open");
    assert.equal(open?.path, "/api/1.48.0/sync", "the official client's versioned sync path");
    assert.equal(typeof open?.headers?.["sec-websocket-key"], "string");
    const conn = open?.conn;
    const typesIn = entries.filter((entry) => entry.conn === conn && entry.dir === "in").map((entry) => (entry.frame as { type: string }).type);
    const typesOut = entries.filter((entry) => entry.conn === conn && entry.dir === "out").map((entry) => (entry.frame as { type: string }).type);
    assert.deepEqual(typesIn.slice(0, 3), ["Connect", "Authenticate", "ModifyQuerySet"], "the official client's opening sequence");
    assert.ok(typesIn.includes("Mutation"));
    assert.ok(typesOut.includes("Transition"));
    assert.ok(typesOut.includes("MutationResponse"));
    assert.ok(entries.some((entry) => entry.conn === conn && entry.event === "close"));
    assert.ok(entries.every((entry) => typeof entry.t === "number"));
    assert.equal(readFileSync(recording, "utf8").includes("secret-admin-key"), false, "token values are redacted");
  });
});
