// HTTP actions from convex/http.ts, served on the site port (every path) and under /http/ on the main port, as the
// backend's site proxy does (crates/local_backend/src/proxy.rs and router.rs). A handler that throws answers 500 with the error text in
// `code`, like the backend's redaction.rs.
import type { IncomingMessage, ServerResponse } from "node:http";
import { describeThrown, requestIdFor } from "../errors.js";
import type { FunctionRuntime } from "../runtime.js";
import { encodeValue } from "../values.js";
import { readBody, sendJson, sendText } from "./respond.js";

/** Request headers that describe the hop to the emulator rather than the request itself. */
const HOP_HEADERS = new Set(["host", "connection", "content-length", "transfer-encoding", "keep-alive", "upgrade"]);

/** HTTP_ACTION_BODY_LIMIT is 20 MiB on the backend. */
const MAX_HTTP_ACTION_BODY = 20 * 1024 * 1024;

export interface HttpActionDependencies {
  readonly runtime: FunctionRuntime;
  /** Resolves once every commit so far is saved (--data), so an answer never outruns the disk. */
  persist(): Promise<void>;
}

export async function handleHttpAction(req: IncomingMessage, res: ServerResponse, pathAndQuery: string, { runtime, persist }: HttpActionDependencies): Promise<void> {
  if (!runtime.hasHttpRouter) {
    sendText(res, 404, `No HttpAction routed for ${new URL(pathAndQuery, "http://localhost").pathname}`);
    return;
  }
  const method = req.method ?? "GET";
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_HEADERS.has(name)) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const body = method === "GET" || method === "HEAD" ? undefined : new Uint8Array(await readBody(req, MAX_HTTP_ACTION_BODY));
  const { response, error, committed } = await runtime.fetch(pathAndQuery, { method, headers, body });
  // A client told "201 Created" must find the note after a crash: the answer waits for the commit to be saved.
  if (committed) await persist();
  if (response === undefined) {
    const failure = describeThrown(error, requestIdFor(null, null), runtime.functionsDir);
    sendJson(res, 500, { code: failure.errorMessage, ...(failure.errorData === undefined ? {} : { data: encodeValue(failure.errorData) }) });
    return;
  }
  const payload = Buffer.from(await response.arrayBuffer());
  const outgoing: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie" && name !== "content-length" && name !== "transfer-encoding") outgoing[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) outgoing["set-cookie"] = cookies;
  outgoing["content-length"] = String(payload.length);
  res.writeHead(response.status, outgoing);
  res.end(method === "HEAD" ? undefined : payload);
}
