// Small HTTP helpers shared by the routes: the backend's error body {code, message}, CORS, and bounded body reading.
import type { IncomingMessage, ServerResponse } from "node:http";

/** Every response says what answered it: the emulator is a test double of Convex, not Convex. */
export const EMULATOR_HEADER = "X-Convex-Emulator";
export const EMULATOR_HEADER_VALUE = "ConvexNotes emulator (test double, not a Convex backend)";

/** MAX_BACKEND_PUBLIC_API_REQUEST_SIZE: 16 MiB of arguments plus room for the envelope. */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024 + 2000;

/** A request-level failure: non-200 with {"code","message"} (common/src/http/mod.rs HttpError). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

export function sendError(res: ServerResponse, error: HttpError): void {
  sendJson(res, error.status, { code: error.code, message: error.message });
}

/**
 * router.rs cors(): mirror the Origin and the requested headers, allow credentials, the usual methods, and cache the
 * preflight for a day. Returns true when the request was a preflight and has been answered.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    res.setHeader("Access-Control-Allow-Origin", origin);
    res.setHeader("Access-Control-Allow-Credentials", "true");
    res.setHeader("Vary", "Origin");
  }
  if (req.method !== "OPTIONS" || req.headers["access-control-request-method"] === undefined) return false;
  res.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS, PATCH, DELETE, PUT");
  const requested = req.headers["access-control-request-headers"];
  if (requested !== undefined) res.setHeader("Access-Control-Allow-Headers", requested);
  res.setHeader("Access-Control-Max-Age", "86400");
  res.writeHead(200, { "Content-Length": 0 });
  res.end();
  return true;
}

/** Past this much an oversized body is no longer drained: the connection is simply cut. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

/**
 * Reads the whole body, refusing (413) anything above `limit` without buffering it. An oversized body is still
 * drained (up to a bound) before answering, so the client gets to read the 413 instead of a reset connection.
 */
export async function readBody(req: IncomingMessage, limit = MAX_REQUEST_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_DRAIN_BYTES) {
      req.destroy();
      break;
    }
    if (size <= limit) chunks.push(chunk);
  }
  if (size > limit) throw tooLarge(limit);
  return Buffer.concat(chunks);
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, "PayloadTooLarge", `Request body exceeds the limit of ${limit} bytes`);
}

/** common/src/http/extract.rs Json: Content-Type application/json is required, then the body must parse. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const contentType = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (contentType !== "application/json") {
    throw new HttpError(400, "BadJsonBody", "Expected request with `Content-Type: application/json`");
  }
  const body = await readBody(req);
  try {
    return JSON.parse(body.toString("utf8")) as unknown;
  } catch (error) {
    throw new HttpError(400, "BadJsonBody", `Failed to parse the request body as JSON: ${(error as Error).message}`);
  }
}
