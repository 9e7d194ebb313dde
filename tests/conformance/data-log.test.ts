// --data is a snapshot (FILE) plus a log of commits after it (FILE.log), so a commit's write is as big as the commit.
// These cases check what the log must keep across a crash: documents (inserted, updated, deleted), the commit clock
// and the idempotency records; that a torn last line (a crash mid-append) is ignored while any other damage refuses
// to start; that compaction folds the log into the snapshot without losing anything, even with a crash right after;
// and that a version-1 data file (whole snapshot, no log) still loads.
import assert from "node:assert/strict";
import { appendFileSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { describe, test } from "node:test";
import { emulatorForSuite, postJson, RawSocket, type Frame, type Note } from "./helpers.js";
import type { EmulatorProcess } from "./emulator-process.js";

const logOf = (emulator: EmulatorProcess) => `${emulator.dataFile}.log`;
const logSize = (emulator: EmulatorProcess) => (existsSync(logOf(emulator)) ? statSync(logOf(emulator)).size : 0);
const tsOf = (frame: Frame) => Buffer.from(String(frame.ts), "base64").readBigUInt64LE();

async function mutate(emulator: EmulatorProcess, path: string, args: Record<string, unknown>): Promise<unknown> {
  const { status, body } = await postJson(`${emulator.url}/api/mutation`, { path, args, format: "json" });
  assert.equal(status, 200, JSON.stringify(body));
  assert.equal(body.status, "success", JSON.stringify(body));
  return body.value;
}

async function listNotes(emulator: EmulatorProcess): Promise<Map<string, string>> {
  const { body } = await postJson(`${emulator.url}/api/query`, { path: "notes:list", args: {}, format: "json" });
  assert.equal(body.status, "success", JSON.stringify(body));
  return new Map((body.value as Note[]).map((note) => [note._id, note.title]));
}

async function stats(emulator: EmulatorProcess): Promise<{ mutationsExecuted: number; mutationsDeduplicated: number }> {
  const response = await fetch(`${emulator.url}/_emulator/stats`);
  return (await response.json()) as { mutationsExecuted: number; mutationsDeduplicated: number };
}

describe("--data log: a crash after many commits loses nothing", { timeout: 120_000 }, () => {
  const suite = emulatorForSuite({ testHooks: true });

  test("documents, commit clock and idempotency records come back from the log after SIGKILL, and after a clean stop", async () => {
    const emulator = suite.emulator;
    const expected = new Map<string, string>();
    // Sync mutations under one session leave idempotency records; their answers carry the commit ts.
    const sessionId = crypto.randomUUID();
    const socket = await RawSocket.connect(emulator.url);
    socket.connect(sessionId);
    const sent: Frame[] = [];
    const answers: Frame[] = [];
    for (let requestId = 0; requestId < 150; requestId++) {
      const mutation = { type: "Mutation", requestId, udfPath: "notes:create", args: [{ title: `ws ${requestId}`, content: "log" }] };
      socket.send(mutation);
      const answer = await socket.next("MutationResponse");
      assert.equal(answer.success, true, JSON.stringify(answer));
      sent.push(mutation);
      answers.push(answer);
      expected.set(String(answer.result), `ws ${requestId}`);
    }
    socket.close();
    // HTTP mutations: inserts, updates and deletes, so the log must carry new versions and deletions too.
    const ids = [...expected.keys()];
    for (let i = 0; i < 50; i++) {
      const id = (await mutate(emulator, "notes:create", { title: `http ${i}`, content: "log" })) as string;
      expected.set(id, `http ${i}`);
    }
    for (const id of ids.slice(0, 40)) {
      await mutate(emulator, "notes:update", { id, title: `renamed ${id}` });
      expected.set(id, `renamed ${id}`);
    }
    for (const id of ids.slice(40, 60)) {
      await mutate(emulator, "notes:remove", { id });
      expected.delete(id);
    }
    const lastTs = answers.map(tsOf).reduce((a, b) => (a > b ? a : b));
    const snapshotBefore = existsSync(emulator.dataFile) ? readFileSync(emulator.dataFile, "utf8") : "";
    assert.ok(logSize(emulator) > 0, "the commits were appended to the log");
    assert.ok(!snapshotBefore.includes("renamed"), "the updates are only in the log, not in a rewritten snapshot");

    await emulator.stop("SIGKILL");
    await emulator.restart();
    assert.deepEqual(await listNotes(emulator), expected, "every document as last committed");

    // The clock continues above every timestamp issued before the crash: a client that saw the last one may connect.
    const again = await RawSocket.connect(emulator.url);
    again.connect(sessionId, { connectionCount: 1, lastCloseReason: "test", maxObservedTimestamp: answers.at(-1)?.ts });
    again.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [] });
    await again.next("Transition", "a Transition (not a close for a timestamp from the future)");
    // Replays of the first and the last mutation are answered from their records, not run again.
    for (const index of [0, sent.length - 1]) {
      again.send(sent[index]);
      assert.deepEqual(await again.next("MutationResponse"), answers[index], `replay of request ${index}: the original answer`);
    }
    again.send({ type: "Mutation", requestId: 1000, udfPath: "notes:create", args: [{ title: "after the crash", content: "log" }] });
    const fresh = await again.next("MutationResponse");
    again.close();
    assert.ok(tsOf(fresh) > lastTs, "a new commit's ts is above every ts issued before the crash");
    expected.set(String(fresh.result), "after the crash");
    const counts = await stats(emulator);
    assert.equal(counts.mutationsDeduplicated, 2, "both replays answered from their records");
    assert.equal(counts.mutationsExecuted, 1, "only the new mutation ran since the restart");
    assert.deepEqual(await listNotes(emulator), expected, "the replays stored nothing");

    // A clean stop folds the log into the snapshot (version 2, the sequence number of the last line it includes).
    await emulator.restart("SIGTERM");
    assert.equal(logSize(emulator), 0, "the log is empty after a clean stop and a start");
    const snapshot = JSON.parse(readFileSync(emulator.dataFile, "utf8")) as { version: number; logSeq: number; database: { documents: object } };
    assert.equal(snapshot.version, 2);
    assert.ok(snapshot.logSeq > 0);
    assert.equal(Object.keys(snapshot.database.documents).length, expected.size);
    assert.deepEqual(await listNotes(emulator), expected);
  });
});

describe("--data log: damage", { timeout: 120_000 }, () => {
  const suite = emulatorForSuite();

  test("a torn last line (a crash mid-append) is ignored, and the log is usable afterwards", async () => {
    const emulator = suite.emulator;
    const first = (await mutate(emulator, "notes:create", { title: "before the tear", content: "" })) as string;
    await emulator.stop("SIGKILL");
    appendFileSync(logOf(emulator), '{"seq":999999,"commitTs":"1","nextDocId":1,"documents":{"x');
    await emulator.restart();
    assert.match(emulator.stderr, /ignoring a torn last line/);
    assert.equal(logSize(emulator), 0, "the start folded the log (torn tail dropped) into the snapshot");
    const second = (await mutate(emulator, "notes:create", { title: "after the tear", content: "" })) as string;
    await emulator.stop("SIGKILL");
    await emulator.restart();
    assert.deepEqual(await listNotes(emulator), new Map([[first, "before the tear"], [second, "after the tear"]]));
  });

  test("lines the snapshot already includes are not replayed (a crash between the snapshot's rename and the log's truncation)", async () => {
    const emulator = suite.emulator;
    const id = (await mutate(emulator, "notes:create", { title: "old title", content: "" })) as string;
    await emulator.stop("SIGKILL");
    const staleLog = readFileSync(logOf(emulator), "utf8");
    assert.match(staleLog, /old title/);
    await emulator.restart();
    await mutate(emulator, "notes:update", { id, title: "new title" });
    // A clean stop writes a snapshot with the update; the stale lines come back as if their truncation was lost.
    await emulator.stop("SIGTERM");
    writeFileSync(logOf(emulator), staleLog);
    await emulator.restart();
    assert.equal((await listNotes(emulator)).get(id), "new title");
  });

  test("a damaged line before the last one refuses to start instead of dropping commits", async () => {
    const emulator = suite.emulator;
    await mutate(emulator, "notes:create", { title: "one", content: "" });
    await mutate(emulator, "notes:create", { title: "two", content: "" });
    await emulator.stop("SIGKILL");
    const lines = readFileSync(logOf(emulator), "utf8").split("\n");
    assert.ok(lines.length >= 3, "two lines and the empty tail");
    writeFileSync(logOf(emulator), ["not json", ...lines.slice(1)].join("\n"));
    await assert.rejects(emulator.restart(), /exited with 1 before READY[\s\S]*line 1 is not a ConvexNotes emulator log entry/);
    writeFileSync(logOf(emulator), lines.join("\n"));
    await emulator.restart();
    const titles = [...(await listNotes(emulator)).values()];
    assert.ok(titles.includes("one") && titles.includes("two"), JSON.stringify(titles));
  });
});

describe("--data log: compaction", { timeout: 120_000 }, () => {
  const suite = emulatorForSuite({ extraArgs: ["--data-compaction-bytes", "4000"] });

  test("the log is folded into the snapshot once it is big enough; a crash right after loses nothing", async () => {
    const emulator = suite.emulator;
    const expected = new Map<string, string>();
    let previousSize = 0;
    let compacted = false;
    for (let i = 0; i < 200 && !compacted; i++) {
      const id = (await mutate(emulator, "notes:create", { title: `note ${i}`, content: "x".repeat(100) })) as string;
      expected.set(id, `note ${i}`);
      const size = logSize(emulator);
      compacted = size < previousSize;
      previousSize = size;
    }
    assert.ok(compacted, "the log shrank: it was folded into the snapshot");
    const snapshot = JSON.parse(readFileSync(emulator.dataFile, "utf8")) as { logSeq: number; database: { documents: object } };
    assert.ok(snapshot.logSeq > 0);
    assert.equal(Object.keys(snapshot.database.documents).length, expected.size, "the snapshot holds every commit so far");

    // The crash comes right after the compaction's answer.
    await emulator.stop("SIGKILL");
    await emulator.restart();
    assert.deepEqual(await listNotes(emulator), expected);

    // Several compactions and log lines on top of the last one, then a crash: still everything.
    for (let i = 0; i < 60; i++) {
      const id = (await mutate(emulator, "notes:create", { title: `more ${i}`, content: "x".repeat(100) })) as string;
      expected.set(id, `more ${i}`);
    }
    await emulator.stop("SIGKILL");
    await emulator.restart();
    assert.deepEqual(await listNotes(emulator), expected);
  });

  test("a version-1 data file (a whole snapshot, no log) still loads", async () => {
    const emulator = suite.emulator;
    const id = (await mutate(emulator, "notes:create", { title: "from version 1", content: "" })) as string;
    await emulator.stop("SIGTERM");
    const data = JSON.parse(readFileSync(emulator.dataFile, "utf8")) as Record<string, unknown>;
    delete data.logSeq;
    writeFileSync(emulator.dataFile, JSON.stringify({ ...data, version: 1 }));
    rmSync(logOf(emulator), { force: true });
    await emulator.restart();
    assert.equal((await listNotes(emulator)).get(id), "from version 1");
  });
});
