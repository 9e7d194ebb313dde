// The sync endpoint: accepts WebSocket upgrades at /api/sync and /api/<semver>/sync (crates/local_backend/src/router.rs), keeps
// the open connections, and tells all of them when anything commits so every subscriber sees the new state.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { isSemver, isUnsupported, parseClientHeader, type ClientVersion } from "../client-version.js";
import { EMULATOR_HEADER, EMULATOR_HEADER_VALUE } from "../http/respond.js";
import { SyncConnection } from "./connection.js";
import type { SyncContext } from "./context.js";
import { receivesTransitionChunks } from "./transition-chunks.js";

/** tungstenite's default frame limit, which the backend does not override for the sync socket. */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;

const SYNC_PATH = /^\/api\/(?:([^/]+)\/)?sync$/;

export type SyncDependencies = Omit<SyncContext, "onClosed" | "responsesPaused">;

export class SyncServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  private readonly connections = new Map<number, SyncConnection>();
  private nextConnectionId = 1;
  private paused = false;
  private readonly context: SyncContext;

  constructor(dependencies: SyncDependencies) {
    this.context = {
      ...dependencies,
      responsesPaused: () => this.paused,
      onClosed: (connection) => this.connections.delete(connection.id),
    };
    this.wss.on("headers", (headers) => headers.push(`${EMULATOR_HEADER}: ${EMULATOR_HEADER_VALUE}`));
    dependencies.runtime.onCommit(() => {
      for (const connection of this.connections.values()) connection.invalidate();
    });
  }

  /** Returns false when the path is not a sync path, so the caller can answer 404. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const pathname = new URL(request.url ?? "/", "http://localhost").pathname;
    const match = SYNC_PATH.exec(pathname);
    if (match === null) return false;
    const refusal = this.refusal(request.headers["convex-client"], match[1]);
    if (refusal !== null) {
      rejectUpgrade(socket, 400, refusal.code, refusal.message);
      return true;
    }
    const client = clientOf(request.headers["convex-client"], match[1]);
    const accept = () =>
      this.wss.handleUpgrade(request, socket, head, (ws) => {
        const id = this.nextConnectionId++;
        this.context.stats.connectionsOpened++;
        this.context.recorder?.open(id, request.url ?? pathname, request.headers);
        this.connections.set(id, new SyncConnection(ws, id, this.context, receivesTransitionChunks(client)));
      });
    const delay = this.context.timings.upgradeDelayMs;
    if (delay > 0) setTimeout(() => { if (!socket.destroyed) accept(); }, delay);
    else accept();
    return true;
  }

  /** Test hook: hold every outgoing protocol message until resume(). */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    for (const connection of this.connections.values()) connection.flushHeld();
  }

  /** Test hook: drop every socket abruptly, losing whatever was held back. */
  dropAll(): number {
    const count = this.connections.size;
    for (const connection of [...this.connections.values()]) connection.terminate();
    this.connections.clear();
    return count;
  }

  shutdown(): void {
    for (const connection of this.connections.values()) connection.shutdown();
    this.wss.close();
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** common/src/http/mod.rs client_version_from_req_parts: the header wins; else the path's version must be semver. */
  private refusal(header: string | string[] | undefined, pathVersion: string | undefined): { code: string; message: string } | null {
    if (typeof header === "string") {
      const client = parseClientHeader(header);
      if (client === null) return { code: "InvalidClientVersion", message: `Invalid Convex-Client header ${JSON.stringify(header)}` };
      if (isUnsupported(client)) return { code: "ClientVersionUnsupported", message: `Client version ${header} is no longer supported` };
      return null;
    }
    if (pathVersion === undefined) return null;
    if (!isSemver(pathVersion)) return { code: "InvalidVersion", message: `Invalid client version ${JSON.stringify(pathVersion)}` };
    const client = clientOf(undefined, pathVersion);
    if (client !== null && isUnsupported(client)) {
      return { code: "ClientVersionUnsupported", message: `Client version npm-${pathVersion} is no longer supported` };
    }
    return null;
  }
}

/** The client as the backend identifies it: the Convex-Client header, else npm at the path's version. */
function clientOf(header: string | string[] | undefined, pathVersion: string | undefined): ClientVersion | null {
  if (typeof header === "string") return parseClientHeader(header);
  if (pathVersion === undefined) return null;
  return parseClientHeader(`npm-${pathVersion}`);
}

/** An HTTP error answer on a socket that asked to upgrade: the backend answers such requests like any other route. */
function rejectUpgrade(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ code, message });
  socket.on("error", () => undefined);
  socket.end(
    `HTTP/1.1 ${status} ${status === 400 ? "Bad Request" : "Not Found"}\r\n` +
      "Content-Type: application/json\r\n" +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      `${EMULATOR_HEADER}: ${EMULATOR_HEADER_VALUE}\r\n` +
      "Connection: close\r\n\r\n" +
      body,
  );
}

export { rejectUpgrade };
