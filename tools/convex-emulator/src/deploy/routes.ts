// The deployment API routes the Convex CLI uses against a self-hosted deployment (local_backend/src/router.rs):
// get_config_hashes, the deploy2 push sequence, environment variables and function log streaming. Push bodies come
// brotli-compressed (`Content-Encoding: br`, deploy2.ts brotliCompress); answers are the JSON the CLI's zod schemas
// (deployApi/*.ts) accept, request errors the usual {code, message}.
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { authenticateHttp, isAdminKey, type AuthConfig } from "../auth.js";
import { HttpError, readBody, sendJson } from "../http/respond.js";
import type { Deployment } from "./deployment.js";
import { POLL_WAIT_MS, type FunctionLogs } from "./function-logs.js";

export interface DeploymentApiDependencies {
  readonly auth: AuthConfig;
  readonly deployment: Deployment;
  readonly functionLogs: FunctionLogs;
  log(message: string): void;
}

/** A push carries every module's source and source map: far above the function API's 16 MiB. */
const MAX_PUSH_BYTES = 60 * 1024 * 1024;
const MAX_DECOMPRESSED_BYTES = 512 * 1024 * 1024;

const brotliDecompress = promisify(zlib.brotliDecompress);
const gunzip = promisify(zlib.gunzip);

type Body = Record<string, unknown>;

/** Handles the deployment API; returns false for paths it does not own. */
export async function handleDeploymentApi(req: IncomingMessage, res: ServerResponse, url: URL, deps: DeploymentApiDependencies): Promise<boolean> {
  const { deployment } = deps;
  switch (`${req.method} ${url.pathname}`) {
    case "POST /api/get_config_hashes": {
      requireAdmin(req, await readPushBody(req), deps.auth);
      sendJson(res, 200, deployment.configHashes());
      return true;
    }
    case "POST /api/deploy2/start_push":
    case "POST /api/deploy2/evaluate_push": {
      const body = requireAdmin(req, await readPushBody(req), deps.auth);
      sendJson(res, 200, await deployment.startPush(body, url.pathname.endsWith("evaluate_push")));
      return true;
    }
    case "POST /api/deploy2/evaluate_schema": {
      requireAdmin(req, await readPushBody(req), deps.auth);
      sendJson(res, 200, deployment.evaluateSchema());
      return true;
    }
    case "POST /api/deploy2/wait_for_schema": {
      const body = requireAdmin(req, await readPushBody(req), deps.auth);
      sendJson(res, 200, deployment.waitForSchema(body));
      return true;
    }
    case "POST /api/deploy2/finish_push": {
      const body = requireAdmin(req, await readPushBody(req), deps.auth);
      sendJson(res, 200, await deployment.finishPush(body));
      return true;
    }
    case "POST /api/deploy2/report_push_completed": {
      requireAdmin(req, await readPushBody(req), deps.auth);
      sendJson(res, 200, null);
      return true;
    }
    case "POST /api/update_environment_variables": {
      const body = requireAdmin(req, await readPushBody(req), deps.auth);
      deployment.updateEnvironmentVariables(body);
      res.writeHead(200, { "Content-Length": 0 });
      res.end();
      return true;
    }
    case "GET /api/list_environment_variables":
    case "GET /api/v1/list_environment_variables": {
      requireAdmin(req, {}, deps.auth);
      sendJson(res, 200, { environmentVariables: Object.fromEntries(deployment.listEnvironmentVariables().map(({ name, value }) => [name, value])) });
      return true;
    }
    case "GET /api/v1/get_canonical_urls": {
      requireAdmin(req, {}, deps.auth);
      sendJson(res, 200, { convexCloudUrl: deployment.cloudUrl, convexSiteUrl: deployment.siteUrl });
      return true;
    }
    case "GET /api/stream_function_logs": {
      requireAdmin(req, {}, deps.auth);
      const cursor = Number(url.searchParams.get("cursor") ?? "0");
      if (!Number.isFinite(cursor) || cursor < 0) throw new HttpError(400, "InvalidCursor", "cursor must be a non-negative number");
      const gone = new AbortController();
      res.once("close", () => gone.abort());
      const answer = await deps.functionLogs.poll(cursor, POLL_WAIT_MS, gone.signal);
      if (!res.destroyed) sendJson(res, 200, answer);
      return true;
    }
  }
  return false;
}

/** The admin key from the body's `adminKey` (deploy2) or the Authorization header (the CLI sends both). */
function requireAdmin(req: IncomingMessage, body: Body, auth: AuthConfig): Body {
  if (typeof body.adminKey === "string" && isAdminKey(auth, body.adminKey)) return body;
  const result = authenticateHttp(auth, req.headers.authorization, null);
  if (result.ok && result.identity.kind === "admin") return body;
  if (!result.ok) throw new HttpError(result.status, result.code, result.message);
  throw new HttpError(401, "BadAdminKey", "The provided admin key was invalid for this instance");
}

/** JSON, possibly brotli- or gzip-compressed. */
async function readPushBody(req: IncomingMessage): Promise<Body> {
  const raw = await readBody(req, MAX_PUSH_BYTES);
  const encoding = (req.headers["content-encoding"] ?? "").toLowerCase();
  let text: Buffer;
  try {
    text = encoding === "br" ? await brotliDecompress(raw, { maxOutputLength: MAX_DECOMPRESSED_BYTES }) : encoding === "gzip" ? await gunzip(raw, { maxOutputLength: MAX_DECOMPRESSED_BYTES }) : raw;
  } catch (error) {
    throw new HttpError(400, "BadJsonBody", `Could not decompress the ${encoding} request body: ${(error as Error).message}`);
  }
  if (text.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.toString("utf8"));
  } catch (error) {
    throw new HttpError(400, "BadJsonBody", `Failed to parse the request body as JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new HttpError(400, "BadJsonBody", "The request body must be a JSON object");
  return parsed as Body;
}
