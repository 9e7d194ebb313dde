// The HTTP side: the official ConvexHttpClient, raw requests for both output formats and for the backend's
// request-level errors, meta routes, CORS, and HTTP actions on both ports.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { makeFunctionReference } from "convex/server";
import { ConvexError } from "convex/values";
import { FIXTURE_FUNCTIONS } from "./emulator-process.js";
import { emulatorForSuite, eventually, notes, postJson, rejectionOf, within } from "./helpers.js";

const ADMIN_KEY = "convex-self-hosted|0123456789abcdef";

const echo = makeFunctionReference<"query", { value: unknown }, unknown>("values:echo");
const echoAction = makeFunctionReference<"action", { value: unknown }, unknown>("values:echoAction");

/** One value of every Convex type that JSON cannot carry by itself. */
function specialValue() {
  return {
    int: 42n,
    negative: -1n,
    bytes: new Uint8Array([0x00, 0x10, 0x83]).buffer,
    nan: Number.NaN,
    infinity: Number.POSITIVE_INFINITY,
    negativeZero: -0,
    float: 1.5,
    nested: [{ deep: 9_007_199_254_740_993n }],
  };
}

const ENCODED_SPECIAL = {
  int: { $integer: "KgAAAAAAAAA=" },
  negative: { $integer: "//////////8=" },
  bytes: { $bytes: "ABCD" },
  nan: { $float: "AAAAAAAA+H8=" },
  infinity: { $float: "AAAAAAAA8H8=" },
  negativeZero: { $float: "AAAAAAAAAIA=" },
  float: 1.5,
  nested: [{ deep: { $integer: "AQAAAAAAIAA=" } }],
};

describe("HTTP API on the project's functions", { timeout: 120_000 }, () => {
  const suite = emulatorForSuite({ adminKey: ADMIN_KEY });
  const clients = suite.clients;

  test("the official ConvexHttpClient runs queries and mutations", async () => {
    const http = clients.http(suite.emulator.url);
    const id = await within(http.mutation(notes.create, { title: "over http", content: "body" }), "create");
    const note = await within(http.query(notes.get, { id }), "get");
    assert.equal(note?.title, "over http");
    assert.equal(await within(http.query(notes.get, { id: "garbage" }), "get garbage"), null);
    const list = await within(http.query(notes.list, {}), "list");
    assert.ok(list.some((candidate) => candidate._id === id));
  });

  test("the ConvexHttpClient surfaces ConvexError data", async () => {
    const http = clients.http(suite.emulator.url);
    const error = await rejectionOf(http.mutation(notes.update, { id: "missing", title: "x" }), "the failing update");
    assert.ok(error instanceof ConvexError);
    assert.deepEqual(error.data, { code: "NOT_FOUND", message: 'Note "missing" does not exist.' });
  });

  test("answers both output formats with the backend's response shapes", async () => {
    const { body: created } = await postJson(`${suite.emulator.url}/api/mutation`, {
      path: "notes:create",
      args: { title: "formats", content: "" },
      format: "convex_encoded_json",
    });
    assert.equal(created.status, "success");
    assert.equal(typeof created.value, "string");
    assert.equal("logLines" in created, false, "empty logLines are omitted");

    const encoded = await postJson(`${suite.emulator.url}/api/query`, { path: "notes:get", args: { id: created.value }, format: "convex_json" });
    const clean = await postJson(`${suite.emulator.url}/api/query`, { path: "notes:get", args: [{ id: created.value }], format: "json" });
    assert.equal(encoded.status, 200);
    assert.equal(encoded.body.value.title, "formats");
    assert.deepEqual(clean.body, encoded.body, "notes hold only strings and floats, which both formats write alike");

    const failure = await postJson(`${suite.emulator.url}/api/mutation`, { path: "notes:remove", args: { id: "nope" } });
    assert.equal(failure.status, 200, "a function failure is still HTTP 200");
    assert.equal(failure.body.status, "error");
    assert.match(failure.body.errorMessage, /^\[Request ID: [0-9a-f]{16}\] Server Error\nUncaught ConvexError: /);
    assert.deepEqual(failure.body.errorData, { code: "NOT_FOUND", message: 'Note "nope" does not exist.' });
  });

  test("runs /api/run/<module>/<function>, GET /api/query, query_batch, query_ts and query_at_ts", async () => {
    const run = await postJson(`${suite.emulator.url}/api/run/notes/list`, { args: {} });
    assert.equal(run.status, 200);
    assert.equal(run.body.status, "success");
    assert.ok(Array.isArray(run.body.value));

    const get = await within(fetch(`${suite.emulator.url}/api/query?path=notes:list&args=${encodeURIComponent("{}")}&format=json`), "GET /api/query");
    assert.equal(get.status, 200);
    assert.deepEqual((await get.json()).value, run.body.value);

    const batch = await postJson(`${suite.emulator.url}/api/query_batch`, {
      queries: [{ path: "notes:list", args: {} }, { path: "notes:nope", args: {} }],
    });
    assert.equal(batch.body.results.length, 2);
    assert.equal(batch.body.results[0].status, "success");
    assert.equal(batch.body.results[1].status, "error");

    const ts = await within(fetch(`${suite.emulator.url}/api/query_ts`, { method: "POST" }), "query_ts");
    const { ts: snapshot } = (await ts.json()) as { ts: string };
    assert.equal(Buffer.from(snapshot, "base64").length, 8);
    const atTs = await postJson(`${suite.emulator.url}/api/query_at_ts`, { path: "notes:list", args: {}, ts: snapshot });
    assert.equal(atTs.body.status, "success");

    const consistent = await within(clients.http(suite.emulator.url).consistentQuery(notes.list, {}), "consistentQuery");
    assert.ok(Array.isArray(consistent));
  });

  test("refuses malformed requests with the backend's codes", async () => {
    const noContentType = await within(fetch(`${suite.emulator.url}/api/query`, { method: "POST", body: "{}" }), "no content type");
    assert.equal(noContentType.status, 400);
    assert.equal(((await noContentType.json()) as { code: string }).code, "BadJsonBody");

    const badJson = await within(
      fetch(`${suite.emulator.url}/api/query`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{nope" }),
      "invalid JSON",
    );
    assert.equal(badJson.status, 400);
    assert.equal(((await badJson.json()) as { code: string }).code, "BadJsonBody");

    const badPath = await postJson(`${suite.emulator.url}/api/query`, { path: "notes.ts:list", args: {} });
    assert.deepEqual([badPath.status, badPath.body.code], [400, "BadConvexFunctionIdentifier"]);

    const badFormat = await postJson(`${suite.emulator.url}/api/query`, { path: "notes:list", args: {}, format: "yaml" });
    assert.deepEqual([badFormat.status, badFormat.body.code], [400, "BadFormat"]);

    const badAuth = await postJson(`${suite.emulator.url}/api/query`, { path: "notes:list", args: {} }, { Authorization: "Basic abcdef" });
    assert.deepEqual([badAuth.status, badAuth.body.code], [400, "InvalidAdminKey"]);

    const badBearer = await postJson(`${suite.emulator.url}/api/query`, { path: "notes:list", args: {} }, { Authorization: "Bearer not-a-jwt" });
    assert.equal(badBearer.status, 401);

    const wrongKey = await postJson(`${suite.emulator.url}/api/query`, { path: "notes:list", args: {} }, { Authorization: "Convex wrong" });
    assert.deepEqual([wrongKey.status, wrongKey.body.code], [401, "BadAdminKey"]);

    const missingRunPath = await postJson(`${suite.emulator.url}/api/run/notes`, { args: {} });
    assert.deepEqual([missingRunPath.status, missingRunPath.body.code], [400, "MissingIdentifier"]);

    const badClient = await postJson(`${suite.emulator.url}/api/query`, { path: "notes:list", args: {} }, { "Convex-Client": "nodash" });
    assert.deepEqual([badClient.status, badClient.body.code], [400, "InvalidClientVersion"]);
  });

  test("reports unknown functions and wrong function types as function errors", async () => {
    const unknown = await postJson(`${suite.emulator.url}/api/query`, { path: "notes:lst", args: {} });
    assert.equal(unknown.status, 200);
    assert.match(unknown.body.errorMessage, /Could not find public function for 'notes:lst'\. Did you forget to run `npx convex dev`/);
    const wrongType = await postJson(`${suite.emulator.url}/api/mutation`, { path: "notes:list", args: {} });
    assert.match(wrongType.body.errorMessage, /Trying to execute notes\.js:list as Mutation, but it is defined as Query\./);
  });

  test("refuses bodies over 16 MiB with 413", async () => {
    const huge = JSON.stringify({ path: "notes:create", args: { title: "big", content: "x".repeat(17 * 1024 * 1024) } });
    const response = await within(
      fetch(`${suite.emulator.url}/api/mutation`, { method: "POST", headers: { "Content-Type": "application/json" }, body: huge }),
      "the oversized request",
    );
    assert.equal(response.status, 413);
    assert.equal(((await response.json()) as { code: string }).code, "PayloadTooLarge");
    const alive = await within(fetch(`${suite.emulator.url}/version`), "GET /version after the oversized request");
    assert.equal(alive.status, 200);
  });

  test("serves the meta routes and checks admin keys", async () => {
    const version = await within(fetch(`${suite.emulator.url}/version`), "/version");
    assert.equal(version.status, 200);
    assert.match(version.headers.get("x-convex-emulator") ?? "", /not a Convex backend/);
    assert.equal(await (await within(fetch(`${suite.emulator.url}/instance_name`), "/instance_name")).text(), "convex-self-hosted");
    assert.match(await (await within(fetch(`${suite.emulator.url}/`), "/")).text(), /This Convex deployment is running/);

    const good = await within(fetch(`${suite.emulator.url}/api/check_admin_key`, { headers: { Authorization: `Convex ${ADMIN_KEY}` } }), "good key");
    assert.equal(good.status, 200);
    assert.deepEqual(await good.json(), { success: true, allowedOps: [], isReadOnly: false });
    const bad = await within(fetch(`${suite.emulator.url}/api/check_admin_key`, { headers: { Authorization: "Convex nope" } }), "bad key");
    assert.equal(bad.status, 401);
    assert.equal(((await bad.json()) as { code: string }).code, "BadAdminKey");
    const none = await within(fetch(`${suite.emulator.url}/api/check_admin_key`), "no key");
    assert.equal(none.status, 401);
  });

  test("mirrors the Origin for CORS and answers preflights", async () => {
    const preflight = await within(
      fetch(`${suite.emulator.url}/api/query`, {
        method: "OPTIONS",
        headers: { Origin: "http://app.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type,convex-client" },
      }),
      "the preflight",
    );
    assert.equal(preflight.status, 200);
    assert.equal(preflight.headers.get("access-control-allow-origin"), "http://app.example");
    assert.equal(preflight.headers.get("access-control-allow-credentials"), "true");
    assert.equal(preflight.headers.get("access-control-allow-headers"), "content-type,convex-client");
    assert.equal(preflight.headers.get("access-control-max-age"), "86400");
  });

  test("serves HTTP actions on the site port and under /http/ on the main port", async () => {
    const created = await within(
      fetch(`${suite.emulator.siteUrl}/notes`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ title: "via action", content: "" }) }),
      "POST /notes on the site port",
    );
    assert.equal(created.status, 201);
    const { id } = (await created.json()) as { id: string };
    const listed = await within(fetch(`${suite.emulator.url}/http/notes`), "GET /http/notes on the main port");
    assert.equal(listed.status, 200);
    assert.ok(((await listed.json()) as Array<{ _id: string }>).some((note) => note._id === id));
    const invalid = await within(
      fetch(`${suite.emulator.siteUrl}/notes`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ title: "", content: "" }) }),
      "an invalid POST /notes",
    );
    assert.equal(invalid.status, 400);
    const missing = await within(fetch(`${suite.emulator.siteUrl}/nothing-here`), "an unrouted path");
    assert.equal(missing.status, 404);
  });
});

describe("value encodings through the official clients (fixture functions)", { timeout: 120_000 }, () => {
  const suite = emulatorForSuite({ functions: FIXTURE_FUNCTIONS, adminKey: ADMIN_KEY });
  const clients = suite.clients;

  test("Int64, bytes and special floats round-trip through ConvexHttpClient, ConvexClient queries and actions", async () => {
    const value = specialValue();
    const viaHttp = (await within(clients.http(suite.emulator.url).query(echo, { value }), "HTTP echo")) as ReturnType<typeof specialValue>;
    const viaSocket = (await within(clients.ws(suite.emulator.url).query(echo, { value }), "WS echo")) as ReturnType<typeof specialValue>;
    const viaAction = (await within(clients.ws(suite.emulator.url).action(echoAction, { value }), "WS action echo")) as ReturnType<typeof specialValue>;
    for (const received of [viaHttp, viaSocket, viaAction]) {
      assert.equal(received.int, 42n);
      assert.equal(received.negative, -1n);
      assert.deepEqual([...new Uint8Array(received.bytes)], [0x00, 0x10, 0x83]);
      assert.ok(Number.isNaN(received.nan));
      assert.equal(received.infinity, Number.POSITIVE_INFINITY);
      assert.ok(Object.is(received.negativeZero, -0));
      assert.equal(received.float, 1.5);
      assert.equal(received.nested[0].deep, 9_007_199_254_740_993n);
    }
  });

  test("the official client reassembles a result sent as TransitionChunks", async () => {
    const big = makeFunctionReference<"query", { size: number }, string>("values:big");
    const value = await within(clients.ws(suite.emulator.url).query(big, { size: 11_000_000 }), "a result of 11 MB");
    assert.equal(value.length, 5_500_000);
    assert.equal(value[0], "é");
  });

  test("writes the lossless encoding for convex_encoded_json and the clean one for json", async () => {
    const encoded = await postJson(`${suite.emulator.url}/api/query`, { path: "values:echo", args: { value: ENCODED_SPECIAL }, format: "convex_encoded_json" });
    assert.deepEqual(encoded.body, { status: "success", value: ENCODED_SPECIAL });
    const clean = await postJson(`${suite.emulator.url}/api/query`, { path: "values:echo", args: { value: ENCODED_SPECIAL }, format: "json" });
    assert.deepEqual(clean.body.value, {
      int: "42",
      negative: "-1",
      bytes: "ABCD",
      nan: "NaN",
      infinity: "Infinity",
      negativeZero: 0,
      float: 1.5,
      nested: [{ deep: "9007199254740993" }],
    });
    // Without a format, modern clients get the clean encoding; /api/run always defaults to it.
    const defaulted = await postJson(`${suite.emulator.url}/api/run/values/echo`, { args: { value: { $integer: "KgAAAAAAAAA=" } } });
    assert.equal(defaulted.body.value, "42");
  });

  test("stores every value type and reads it back unchanged", async () => {
    const http = clients.http(suite.emulator.url);
    const stored = (await within(
      http.mutation(makeFunctionReference<"mutation", { label: string; value: unknown }, unknown>("values:store"), { label: "special", value: specialValue() }),
      "store",
    )) as ReturnType<typeof specialValue>;
    assert.equal(stored.int, 42n);
    assert.deepEqual([...new Uint8Array(stored.bytes)], [0x00, 0x10, 0x83]);
  });

  test("returns log lines in the backend's format", async () => {
    const response = await postJson(`${suite.emulator.url}/api/query`, { path: "values:logs", args: {} });
    assert.deepEqual(response.body.logLines, ["[LOG] 'hello' { n: 1 }", "[INFO] 'info line'", "[WARN] 'careful'", "[ERROR] 'bad' 42"]);
  });

  test("formats thrown errors like the backend and carries ConvexError data", async () => {
    const plain = await postJson(`${suite.emulator.url}/api/query`, { path: "values:fails", args: {} });
    assert.match(plain.body.errorMessage, /^\[Request ID: [0-9a-f]{16}\] Server Error\nUncaught Error: boom\n {4}at handler \(\.\.\/convex\/values\.ts:\d+:\d+\)/);
    assert.equal("errorData" in plain.body, false);
    const withData = await postJson(`${suite.emulator.url}/api/query`, { path: "values:failsWithData", args: {} });
    assert.deepEqual(withData.body.errorData, { code: "FIXTURE", message: "data travels" });
    assert.match(withData.body.errorMessage, /Uncaught ConvexError: \{"code":"FIXTURE","message":"data travels"\}/);
  });

  test("HTTP actions: the request reaches the handler; a throwing handler answers 500 with the error in `code`", async () => {
    const echoed = await within(
      fetch(`${suite.emulator.siteUrl}/echo?a=1`, { method: "POST", headers: { "Content-Type": "text/csv" }, body: "x,y" }),
      "POST /echo",
    );
    assert.equal(echoed.status, 200);
    assert.equal(echoed.headers.get("content-type"), "text/csv");
    assert.equal(echoed.headers.get("x-query"), "?a=1");
    assert.equal(await echoed.text(), "x,y");
    const thrown = await within(fetch(`${suite.emulator.url}/http/throws`), "GET /http/throws");
    assert.equal(thrown.status, 500);
    assert.match(((await thrown.json()) as { code: string }).code, /^\[Request ID: [0-9a-f]{16}\] Server Error\nUncaught Error: kaput/);
  });

  test("survives exceptions thrown and promises rejected outside any request", async () => {
    const response = await postJson(`${suite.emulator.url}/api/action`, { path: "values:crashLater", args: {} });
    assert.equal(response.body.value, "scheduled");
    await eventually(
      () => (suite.emulator.stderr.includes("uncaught exception") && suite.emulator.stderr.includes("unhandled rejection") ? true : undefined),
      "the emulator to log both failures",
    );
    assert.ok(suite.emulator.running, "the process is still running");
    const after = await postJson(`${suite.emulator.url}/api/query`, { path: "values:echo", args: { value: "still here" } });
    assert.equal(after.body.value, "still here");
  });

  test("hides internal functions from everyone but admins", async () => {
    const anonymous = await postJson(`${suite.emulator.url}/api/query`, { path: "values:secret", args: {} });
    assert.match(anonymous.body.errorMessage, /Could not find public function for 'values:secret'/);
    const admin = await postJson(`${suite.emulator.url}/api/query`, { path: "values:secret", args: {} }, { Authorization: `Convex ${ADMIN_KEY}` });
    assert.deepEqual(admin.body, { status: "success", value: "internal" });
    const actingAs = Buffer.from(JSON.stringify({ issuer: "https://issuer", subject: "user-1", tokenIdentifier: "https://issuer|user-1" })).toString("base64");
    const impersonated = await postJson(`${suite.emulator.url}/api/query`, { path: "values:whoami", args: {} }, { Authorization: `Convex ${ADMIN_KEY}:${actingAs}` });
    assert.equal(impersonated.body.value, "https://issuer|user-1");
  });
});
