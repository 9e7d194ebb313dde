// The sync protocol frame by frame, with a hand-driven socket: the exact shapes the official clients rely on, the
// version rules, and the backend's answers to bad input (FatalError then close, or close 1011), none of which the
// official client ever provokes. After all the abuse the emulator must still be serving.
import assert from "node:assert/strict";
import { after, afterEach, before, describe, test } from "node:test";
import { EmulatorProcess, FIXTURE_FUNCTIONS } from "./emulator-process.js";
import { RawSocket, UpgradeRefused, within, type Frame } from "./helpers.js";

const ADMIN_KEY = "convex-self-hosted|feedface";
const INITIAL = { querySet: 0, identity: 0, ts: "AAAAAAAAAAA=" };
/** Close code a peer observes for a close frame without a payload (the backend's answer to BadRequest). */
const NO_STATUS = 1005;

function tsOf(frame: Frame): bigint {
  return Buffer.from((frame.endVersion as { ts: string }).ts, "base64").readBigUInt64LE();
}

function add(queryId: number, udfPath: string, args: Record<string, unknown> = {}) {
  return { type: "Add", queryId, udfPath, args: [args] };
}

describe("sync protocol frames", { timeout: 120_000 }, () => {
  let emulator: EmulatorProcess;
  const sockets: RawSocket[] = [];
  const open = async (path?: string) => {
    const socket = await RawSocket.connect(emulator.url, path);
    sockets.push(socket);
    return socket;
  };

  before(async () => {
    emulator = await EmulatorProcess.start({
      functions: FIXTURE_FUNCTIONS,
      adminKey: ADMIN_KEY,
      // The backend's heartbeat timings (15 s, 5 s, 120 s), shortened so the suite can observe them.
      extraArgs: ["--idle-ping-ms", "300", "--ping-interval-ms", "100", "--client-timeout-ms", "1500"],
    });
  });

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });

  after(async () => {
    // Whatever the tests sent, the process must still be up and serving.
    const alive = emulator?.running === true ? await within(fetch(`${emulator.url}/version`), "GET /version") : undefined;
    await emulator?.dispose();
    assert.equal(alive?.status, 200, `the emulator survived the suite\nstderr:\n${emulator?.stderr}`);
  });

  test("the first Transition starts at the initial version and carries QueryUpdated with journal and log lines", async () => {
    const socket = await open();
    socket.connect();
    socket.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [add(0, "values:echo", { value: 1 }), add(1, "values:logs")] });
    const transition = await socket.next("Transition");
    assert.deepEqual(transition.startVersion, INITIAL);
    assert.equal((transition.endVersion as { querySet: number }).querySet, 1);
    assert.equal((transition.endVersion as { identity: number }).identity, 0);
    assert.ok(tsOf(transition) > 0n);
    assert.equal(typeof transition.serverTs, "number");
    assert.equal(typeof transition.clientClockSkew, "number");
    const byId = new Map((transition.modifications as Frame[]).map((modification) => [modification.queryId, modification]));
    assert.deepEqual(byId.get(0), { type: "QueryUpdated", queryId: 0, value: 1, logLines: [], journal: null });
    assert.deepEqual(byId.get(1), {
      type: "QueryUpdated",
      queryId: 1,
      value: null,
      logLines: ["[LOG] 'hello' { n: 1 }", "[INFO] 'info line'", "[WARN] 'careful'", "[ERROR] 'bad' 42"],
      journal: null,
    });

    socket.send({ type: "ModifyQuerySet", baseVersion: 1, newVersion: 2, modifications: [{ type: "Remove", queryId: 1 }] });
    const removal = await socket.next("Transition", "the removal");
    assert.deepEqual(removal.startVersion, transition.endVersion, "transitions chain");
    assert.deepEqual(removal.modifications, [{ type: "QueryRemoved", queryId: 1 }]);
  });

  test("reports failing queries as QueryFailed with errorData only for ConvexError", async () => {
    const socket = await open();
    socket.connect();
    socket.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [add(0, "values:fails"), add(1, "values:failsWithData")] });
    const transition = await socket.next("Transition");
    const [plain, withData] = [...(transition.modifications as Frame[])].sort((a, b) => Number(a.queryId) - Number(b.queryId));
    assert.equal(plain.type, "QueryFailed");
    assert.match(String(plain.errorMessage), /^\[Request ID: [0-9a-f]{16}\] Server Error\nUncaught Error: boom/);
    assert.equal(plain.journal, null);
    assert.equal("errorData" in plain, false);
    assert.deepEqual(withData.errorData, { code: "FIXTURE", message: "data travels" });
  });

  test("answers mutations with a commit ts, then a Transition at or after it; only changed results are sent", async () => {
    const socket = await open();
    socket.connect();
    socket.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [add(0, "values:samples"), add(1, "values:echo", { value: "same" })] });
    const first = await socket.next("Transition");
    socket.send({ type: "Mutation", requestId: 0, udfPath: "values:store", args: [{ label: "m", value: { $integer: "AQAAAAAAAAA=" } }] });
    const [response, earlier] = await socket.nextWithPrevious("MutationResponse");
    assert.equal(response.success, true);
    assert.deepEqual(response.result, { $integer: "AQAAAAAAAAA=" });
    assert.deepEqual(response.logLines, []);
    const commitTs = Buffer.from(String(response.ts), "base64").readBigUInt64LE();
    // Transitions may come before the response too (the commit invalidates the query at once); the client resolves
    // the mutation on the first Transition after the response whose endVersion.ts is at or past the commit ts.
    const afterResponse = await socket.next("Transition", "the Transition after the mutation response");
    assert.ok(tsOf(afterResponse) >= commitTs, "endVersion.ts >= the mutation's ts");
    const transitions = [first, ...earlier.filter((frame) => frame.type === "Transition"), afterResponse];
    for (let i = 1; i < transitions.length; i++) assert.deepEqual(transitions[i].startVersion, transitions[i - 1].endVersion, "transitions chain");
    const changed = new Set(transitions.slice(1).flatMap((transition) => (transition.modifications as Frame[]).map((modification) => modification.queryId)));
    assert.deepEqual([...changed], [0], "only the changed query's result is sent; the unchanged echo is not resent");

    socket.send({ type: "Mutation", requestId: 1, udfPath: "values:echo", args: [{ value: 1 }] });
    const wrongType = await socket.next("MutationResponse");
    assert.equal(wrongType.success, false);
    assert.equal(wrongType.ts, null);
    assert.match(String(wrongType.result), /Trying to execute values\.js:echo as Mutation, but it is defined as Query\./);

    socket.send({ type: "Action", requestId: 2, udfPath: "values:echoAction", args: [{ value: { $bytes: "ABCD" } }] });
    const action = await socket.next("ActionResponse");
    assert.deepEqual(action, { type: "ActionResponse", requestId: 2, success: true, result: { $bytes: "ABCD" }, logLines: [] });
  });

  test("replays a mutation retried on another connection of the same session without running it again", async () => {
    const sessionId = crypto.randomUUID();
    const first = await open();
    first.connect(sessionId);
    const mutation = { type: "Mutation", requestId: 7, udfPath: "values:store", args: [{ label: `dedup-${sessionId}`, value: 1 }] };
    first.send(mutation);
    const original = await first.next("MutationResponse");
    first.close();

    const second = await open();
    second.connect(sessionId, { connectionCount: 1, lastCloseReason: "test", maxObservedTimestamp: original.ts });
    second.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [add(0, "values:samples")] });
    second.send(mutation);
    const replayed = await second.next("MutationResponse");
    assert.deepEqual(replayed, original, "same result and the original commit ts");
    const transition = await second.next("Transition");
    const samples = ((transition.modifications as Frame[])[0].value as Array<{ label: string }>).filter((sample) => sample.label === `dedup-${sessionId}`);
    assert.equal(samples.length, 1, "stored once");
  });

  test("Authenticate: Admin with the right key bumps the identity version and unlocks internal functions", async () => {
    const socket = await open();
    socket.connect();
    socket.send({ type: "Authenticate", baseVersion: 0, tokenType: "Admin", value: ADMIN_KEY, impersonating: { tokenIdentifier: "iss|sub" } });
    socket.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [add(0, "values:secret"), add(1, "values:whoami")] });
    // Authenticate and ModifyQuerySet may be answered by one Transition or by two.
    const [transition] = (await socket.nextWhere("Transition", (frame) => (frame.endVersion as { querySet: number }).querySet === 1, "the Transition with the queries")).slice(-1);
    assert.equal((transition.endVersion as { identity: number }).identity, 1);
    const values = new Map((transition.modifications as Frame[]).map((modification) => [modification.queryId, modification.value]));
    assert.equal(values.get(0), "internal");
    assert.equal(values.get(1), "iss|sub");

    socket.send({ type: "Authenticate", baseVersion: 1, tokenType: "None" });
    const loggedOut = await socket.next("Transition", "the Transition after logging out");
    assert.equal((loggedOut.endVersion as { identity: number }).identity, 2);
    const secret = (loggedOut.modifications as Frame[]).find((modification) => modification.queryId === 0);
    assert.equal(secret?.type, "QueryFailed", "internal functions are hidden again");
  });

  for (const [name, token] of [
    ["a wrong admin key", { tokenType: "Admin", value: "wrong" }],
    ["a user JWT (no auth providers configured)", { tokenType: "User", value: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln" }],
  ] as const) {
    test(`Authenticate with ${name} gets AuthError, then the socket closes`, async () => {
      const socket = await open();
      socket.connect();
      socket.send({ type: "Authenticate", baseVersion: 0, ...token });
      const error = await socket.next("AuthError");
      assert.equal(error.authUpdateAttempted, true);
      assert.equal(error.baseVersion, 0);
      assert.equal(typeof error.error, "string");
      assert.equal(await socket.waitClosed(), NO_STATUS);
    });
  }

  test("a ModifyQuerySet with the wrong base version gets FatalError BaseVersionMismatch and a close without code", async () => {
    const socket = await open();
    socket.connect();
    socket.send({ type: "ModifyQuerySet", baseVersion: 3, newVersion: 4, modifications: [] });
    const fatal = await socket.next("FatalError");
    assert.match(String(fatal.error), /BaseVersionMismatch/);
    assert.equal(await socket.waitClosed(), NO_STATUS);
  });

  for (const [name, frame] of [
    ["invalid JSON", "{not json"],
    ["an unknown message type", JSON.stringify({ type: "Teleport" })],
    ["a message of the wrong shape", JSON.stringify({ type: "Mutation", requestId: "zero", udfPath: "values:store", args: [] })],
    ["a mutation without args", JSON.stringify({ type: "Mutation", requestId: 0, udfPath: "values:store" })],
    ["a malformed function path", JSON.stringify({ type: "Action", requestId: 0, udfPath: "values.ts:echo", args: [{}] })],
    ["a Connect without a UUID session id", JSON.stringify({ type: "Connect", sessionId: "x", connectionCount: 0 })],
  ] as const) {
    test(`${name} gets FatalError and a close without code`, async () => {
      const socket = await open();
      socket.send(frame);
      const fatal = await socket.next("FatalError");
      assert.match(String(fatal.error), /WSMessageInvalidJson/);
      assert.equal(await socket.waitClosed(), NO_STATUS);
    });
  }

  test("a binary frame gets FatalError", async () => {
    const socket = await open();
    socket.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    await socket.next("FatalError");
    assert.equal(await socket.waitClosed(), NO_STATUS);
  });

  for (const [name, modifications] of [
    ["a duplicate query id", [add(0, "values:samples"), add(0, "values:samples")]],
    ["removing an unknown query id", [{ type: "Remove", queryId: 9 }]],
  ] as const) {
    test(`${name} closes the socket with 1011 InternalServerError`, async () => {
      const socket = await open();
      socket.connect();
      socket.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications });
      assert.equal(await socket.waitClosed(), 1011);
      assert.equal(socket.closeReason, "InternalServerError");
    });
  }

  test("a maxObservedTimestamp ahead of the latest commit closes the socket with 1011", async () => {
    const socket = await open();
    const future = Buffer.alloc(8);
    future.writeBigUInt64LE(BigInt(Date.now() + 3_600_000) * 1_000_000n);
    socket.connect(undefined, { maxObservedTimestamp: future.toString("base64") });
    assert.equal(await socket.waitClosed(), 1011);
    assert.equal(socket.closeReason, "InternalServerError");
  });

  test("an identity base-version mismatch closes the socket with 1011", async () => {
    const socket = await open();
    socket.connect();
    socket.send({ type: "Authenticate", baseVersion: 5, tokenType: "None" });
    assert.equal(await socket.waitClosed(), 1011);
  });

  test("sends a JSON Ping after a quiet spell", async () => {
    const socket = await open("/api/sync");
    socket.connect();
    const ping = await socket.next("Ping", "a Ping (the suite runs the emulator with --idle-ping-ms 300)");
    assert.deepEqual(ping, { type: "Ping" });
  });

  test("sends WebSocket ping frames and drops a client that answers nothing", async () => {
    const socket = await RawSocket.connect(emulator.url, "/api/1.48.0/sync", {}, { autoPong: false });
    sockets.push(socket);
    socket.connect();
    const pinged = await within(new Promise<boolean>((resolve) => socket.ws.once("ping", () => resolve(true))), "a WebSocket ping");
    assert.ok(pinged);
    // Frames from the client count as liveness, so stay silent: the emulator must close with 1000 ClientDisconnect.
    assert.equal(await socket.waitClosed("the silent client to be dropped"), 1000);
    assert.equal(socket.closeReason, "ClientDisconnect");
  });

  test("keeps a client that answers pings", async () => {
    const socket = await open();
    socket.connect();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    assert.equal(socket.closeCode, undefined, "a client whose WebSocket answers pings stays connected");
  });

  test("splits a Transition over 5,000,000 bytes into TransitionChunks for npm >= 1.28 and only for them", async () => {
    const subscribe = (socket: RawSocket) => {
      socket.connect();
      socket.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [add(0, "values:big", { size: 12_000_000 })] });
    };
    const npm = await open("/api/1.48.0/sync");
    subscribe(npm);
    const chunks = [await npm.next("TransitionChunk")];
    while (chunks.length < Number(chunks[0].totalParts)) chunks.push(await npm.next("TransitionChunk"));
    assert.deepEqual(chunks.map((chunk) => chunk.partNumber), [...chunks.keys()]);
    assert.ok(chunks.every((chunk) => chunk.transitionId === chunks[0].transitionId && Buffer.byteLength(String(chunk.chunk)) <= 5_000_000));
    const assembled = JSON.parse(chunks.map((chunk) => chunk.chunk).join("")) as Frame;
    assert.equal(assembled.type, "Transition");
    assert.equal(((assembled.modifications as Frame[])[0].value as string).length, 6_000_000);

    const unversioned = await open("/api/sync");
    subscribe(unversioned);
    const whole = await unversioned.next("Transition", "one whole Transition for a client that did not say it is npm");
    assert.equal(((whole.modifications as Frame[])[0].value as string).length, 6_000_000);
  });

  test("a frame over 16 MiB closes the socket", async () => {
    const socket = await open();
    socket.send("x".repeat(16 * 1024 * 1024 + 1));
    assert.equal(await socket.waitClosed("the close after an oversized frame"), 1009);
  });

  test("refuses an upgrade with a bad version in the path or a bad Convex-Client header with HTTP 400", async () => {
    for (const attempt of [
      () => RawSocket.connect(emulator.url, "/api/not-a-version/sync"),
      () => RawSocket.connect(emulator.url, "/api/sync", { "Convex-Client": "nodash" }),
      () => RawSocket.connect(emulator.url, "/api/0.19.0/sync"),
    ]) {
      await assert.rejects(attempt(), (error: unknown) => error instanceof UpgradeRefused && error.status === 400);
    }
    await assert.rejects(RawSocket.connect(emulator.url, "/api/elsewhere"), (error: unknown) => error instanceof UpgradeRefused && error.status === 404);
  });
});
