// The HTTP function API on the main port (the backend's crates/local_backend/src/public_api.rs).
// A function's own outcome, success or failure, is HTTP 200 with {status, value | errorMessage, errorData?, logLines?};
// only request-level problems (bad body, bad path, bad auth, bad format) are non-200 {code, message}.
import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticateHttp, isAdminKey, type AuthConfig } from "../auth.js";
import { defaultsToEncodedFormat, isUnsupported, parseClientHeader } from "../client-version.js";
import { requestIdFor, serverError } from "../errors.js";
import { FunctionPathError, functionPathFromRunRoute, parseFunctionPath, type FunctionPath } from "../function-path.js";
import type { FunctionKind, FunctionRuntime, Identity, RunOutcome } from "../runtime.js";
import { decodeTimestamp, encodeTimestamp } from "../timestamps.js";
import { decodeArgs, formatValue, parseValueFormat, type JsonValue, type Value, type ValueFormat } from "../values.js";
import { HttpError, readJsonBody, sendJson } from "./respond.js";

export interface FunctionApiDependencies {
  readonly runtime: FunctionRuntime;
  readonly auth: AuthConfig;
  /** Resolves once every commit so far is saved (--data), so a response never outruns the disk. */
  persist(): Promise<void>;
}

type Body = Record<string, unknown>;

interface Call {
  readonly path: FunctionPath;
  readonly args: Record<string, Value>;
  readonly format: ValueFormat;
}

/** Handles /api/* function routes; returns false for paths it does not own. */
export async function handleFunctionApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: FunctionApiDependencies,
): Promise<boolean> {
  const route = `${req.method} ${url.pathname}`;
  switch (route) {
    case "POST /api/query":
    case "POST /api/mutation":
    case "POST /api/action": {
      const kind = url.pathname.slice("/api/".length) as FunctionKind;
      const { identity, defaultFormat } = callerOf(req, url, deps.auth);
      const call = parseCall(await readObject(req), defaultFormat);
      await respondWithOutcome(res, deps, kind, call, identity);
      return true;
    }
    case "GET /api/query": {
      const { identity, defaultFormat } = callerOf(req, url, deps.auth);
      const argsText = url.searchParams.get("args");
      let args: unknown = {};
      if (argsText !== null) {
        try {
          args = JSON.parse(argsText);
        } catch {
          throw new HttpError(400, "BadQueryArgs", "The `args` query parameter must be JSON");
        }
      }
      const call = parseCall({ path: url.searchParams.get("path") ?? undefined, args, format: url.searchParams.get("format") ?? undefined }, defaultFormat);
      await respondWithOutcome(res, deps, "query", call, identity);
      return true;
    }
    case "POST /api/function": {
      const { identity, defaultFormat } = callerOf(req, url, deps.auth);
      if (identity.kind !== "admin") throw new HttpError(403, "Unauthorized", "This endpoint requires an admin key");
      const body = await readObject(req);
      if (body.componentPath !== undefined && body.componentPath !== null && body.componentPath !== "") {
        throw new HttpError(404, "ComponentNotFound", "Components are not supported by the emulator");
      }
      await runAnyKind(res, deps, parseCall(body, defaultFormat), identity);
      return true;
    }
    case "POST /api/query_batch": {
      const { identity, defaultFormat } = callerOf(req, url, deps.auth);
      const body = await readObject(req);
      if (!Array.isArray(body.queries)) throw new HttpError(400, "BadJsonBody", "missing field `queries`");
      const calls = body.queries.map((query) => parseCall(asObject(query), defaultFormat));
      const results: JsonValue[] = [];
      for (const call of calls) results.push(udfResponse(await run(deps, "query", call, identity), call.format));
      sendJson(res, 200, { results });
      return true;
    }
    case "POST /api/query_ts":
      callerOf(req, url, deps.auth);
      sendJson(res, 200, { ts: encodeTimestamp(deps.runtime.latestTs) });
      return true;
    case "POST /api/query_at_ts": {
      const { identity, defaultFormat } = callerOf(req, url, deps.auth);
      const body = await readObject(req);
      try {
        decodeTimestamp(body.ts as string);
      } catch {
        throw new HttpError(400, "BadJsonBody", "`ts` must be a base64 little-endian u64 timestamp");
      }
      // The emulator keeps no history: it answers at the latest state, which is never older than `ts`.
      await respondWithOutcome(res, deps, "query", parseCall(body, defaultFormat), identity);
      return true;
    }
    case "GET /api/check_admin_key":
      checkAdminKey(req, res, url, deps.auth);
      return true;
  }
  if (req.method === "POST" && url.pathname.startsWith("/api/run/")) {
    const { identity } = callerOf(req, url, deps.auth);
    const raw = functionPathFromRunRoute(url.pathname.slice("/api/run/".length).split("/").filter((s) => s !== ""));
    if (raw === null) throw new HttpError(400, "MissingIdentifier", "The URL must name a function: /api/run/<module>/<function>");
    const body = await readObject(req);
    // /api/run defaults to clean JSON for every client.
    await runAnyKind(res, deps, parseCall({ ...body, path: raw }, "clean"), identity);
    return true;
  }
  return false;
}

/** dashboard.rs check_admin_key: 200 with the key's permissions, 401 BadAdminKey for anything else. */
function checkAdminKey(req: IncomingMessage, res: ServerResponse, url: URL, auth: AuthConfig): void {
  const header = req.headers.authorization ?? "";
  const key = header.startsWith("Convex ") ? header.slice(7).trim() : (url.searchParams.get("adminKey") ?? "");
  if (!isAdminKey(auth, key)) throw new HttpError(401, "BadAdminKey", "The provided admin key was invalid for this instance");
  sendJson(res, 200, { success: true, allowedOps: [], isReadOnly: false });
}

function callerOf(req: IncomingMessage, url: URL, auth: AuthConfig): { identity: Identity; defaultFormat: ValueFormat } {
  const header = req.headers["convex-client"];
  let client = null;
  if (typeof header === "string") {
    client = parseClientHeader(header);
    if (client === null) throw new HttpError(400, "InvalidClientVersion", `Invalid Convex-Client header ${JSON.stringify(header)}`);
    if (isUnsupported(client)) throw new HttpError(400, "ClientVersionUnsupported", `Client version ${header} is no longer supported`);
  }
  const result = authenticateHttp(auth, req.headers.authorization, url.searchParams.get("adminKey"));
  if (!result.ok) throw new HttpError(result.status, result.code, result.message);
  return { identity: result.identity, defaultFormat: defaultsToEncodedFormat(client) ? "encoded" : "clean" };
}

async function readObject(req: IncomingMessage): Promise<Body> {
  return asObject(await readJsonBody(req));
}

function asObject(value: unknown): Body {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new HttpError(400, "BadJsonBody", "The request body must be a JSON object");
  }
  return value as Body;
}

function parseCall(body: Body, defaultFormat: ValueFormat): Call {
  if (typeof body.path !== "string") throw new HttpError(400, "BadJsonBody", "missing field `path`");
  let path: FunctionPath;
  try {
    path = parseFunctionPath(body.path);
  } catch (error) {
    if (error instanceof FunctionPathError) throw new HttpError(400, "BadConvexFunctionIdentifier", error.message);
    throw error;
  }
  const format = parseValueFormat(body.format, defaultFormat);
  if (format === null) throw new HttpError(400, "BadFormat", `Invalid value format ${JSON.stringify(body.format)}`);
  let args: Record<string, Value>;
  try {
    args = decodeArgs(body.args ?? {});
  } catch (error) {
    throw new HttpError(400, "BadJsonBody", `Invalid args: ${(error as Error).message}`);
  }
  return { path, args, format };
}

async function run(deps: FunctionApiDependencies, kind: FunctionKind, call: Call, identity: Identity): Promise<RunOutcome> {
  const outcome = await deps.runtime.run(kind, call.path, call.args, identity, requestIdFor(null, null));
  // Whatever committed (a mutation, or the mutations an action ran) is on disk before the caller hears of it.
  if (outcome.committed) await deps.persist();
  return outcome;
}

async function respondWithOutcome(res: ServerResponse, deps: FunctionApiDependencies, kind: FunctionKind, call: Call, identity: Identity): Promise<void> {
  sendJson(res, 200, udfResponse(await run(deps, kind, call, identity), call.format));
}

/** /api/run and /api/function run whatever kind the function is; an unknown one fails like a query would. */
async function runAnyKind(res: ServerResponse, deps: FunctionApiDependencies, call: Call, identity: Identity): Promise<void> {
  const kind = await deps.runtime.kindOf(call.path, identity);
  if (kind === null) {
    // application/src/lib.rs any_udf words this one differently from the typed routes (the CLI's `convex run` looks
    // for "Could not find function" to list the available functions).
    const message = `Could not find function for '${call.path.stripped}'. Did you forget to run \`npx convex dev\`?`;
    sendJson(res, 200, udfResponse({ success: false, errorMessage: serverError(requestIdFor(null, null), message), logLines: [], committed: false }, call.format));
    return;
  }
  await respondWithOutcome(res, deps, kind, call, identity);
}

/** public_api.rs UdfResponse: `logLines` and `errorData` are omitted when empty or absent. */
function udfResponse(outcome: RunOutcome, format: ValueFormat): JsonValue {
  const logLines: { logLines?: string[] } = outcome.logLines.length === 0 ? {} : { logLines: outcome.logLines };
  if (outcome.success) return { status: "success", value: formatValue(outcome.value, format), ...logLines } as JsonValue;
  return {
    status: "error",
    errorMessage: outcome.errorMessage,
    ...(outcome.errorData === undefined ? {} : { errorData: formatValue(outcome.errorData, format) }),
    ...logLines,
  } as JsonValue;
}
