// The two listeners: the main port (sync WebSocket, HTTP function API, meta routes, /http/ actions) and the site
// port (HTTP actions only), both bound to 127.0.0.1. Every handler is wrapped: a failure answers 500 (or closes the
// socket) and never takes the process down.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { AuthConfig } from "./auth.js";
import { handleDeploymentApi, type DeploymentApiDependencies } from "./deploy/routes.js";
import { handleFunctionApi } from "./http/function-api.js";
import { handleHttpAction } from "./http/http-actions.js";
import { applyCors, EMULATOR_HEADER, EMULATOR_HEADER_VALUE, HttpError, readBody, sendError, sendJson, sendText } from "./http/respond.js";
import { handleTestHook, type TestHookTargets } from "./http/test-hooks.js";
import type { FunctionRuntime } from "./runtime.js";
import type { SnapshotApi } from "./snapshot/snapshot-api.js";
import type { EmulatorStats } from "./sync/context.js";
import { rejectUpgrade, type SyncServer } from "./sync/sync-server.js";

export interface ServerDependencies {
  readonly runtime: FunctionRuntime;
  readonly sync: SyncServer;
  readonly auth: AuthConfig;
  readonly instanceName: string;
  readonly testHooks: boolean;
  readonly stats: EmulatorStats;
  /** The CLI's deployment API (pushes, environment variables, log streaming). */
  readonly deploymentApi: DeploymentApiDependencies;
  /** The --data writer, which the test hooks can hold back. */
  readonly dataWrites: TestHookTargets["dataWrites"];
  /** `convex export` / `convex import` (snapshot/). */
  readonly snapshots: SnapshotApi;
  persist(): Promise<void>;
  log(message: string): void;
}

export interface RunningServers {
  readonly port: number;
  readonly sitePort: number;
  close(): Promise<void>;
}

/** What GET /version reports; clients only look at the status. */
const VERSION_TEXT = "convexnotes-emulator";
const ROOT_TEXT = "This Convex deployment is running. See https://docs.convex.dev/.";

export async function startServers(port: number, sitePort: number, deps: ServerDependencies): Promise<RunningServers> {
  const main = createServer((req, res) => void guarded(req, res, deps, () => handleMain(req, res, deps)));
  main.on("upgrade", (req, socket, head) => {
    socket.on("error", () => undefined);
    try {
      if (!deps.sync.handleUpgrade(req, socket, head)) rejectUpgrade(socket, 404, "NotFound", `No WebSocket endpoint at ${req.url}`);
    } catch (error) {
      deps.log(`upgrade failed: ${(error as Error).message}`);
      socket.destroy();
    }
  });
  const site = createServer((req, res) => void guarded(req, res, deps, () => handleSite(req, res, deps)));
  for (const server of [main, site]) {
    server.on("clientError", (_error, socket) => socket.destroy());
    // Long polls and idle keep-alive sockets must not keep a stopping emulator alive.
    server.keepAliveTimeout = 5_000;
  }
  await listen(main, port);
  try {
    await listen(site, sitePort);
  } catch (error) {
    main.close();
    throw error;
  }
  return {
    port: (main.address() as AddressInfo).port,
    sitePort: (site.address() as AddressInfo).port,
    close: async () => {
      await Promise.all([main, site].map((server) => new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })));
    },
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
}

async function guarded(req: IncomingMessage, res: ServerResponse, deps: ServerDependencies, handler: () => Promise<void>): Promise<void> {
  res.setHeader(EMULATOR_HEADER, EMULATOR_HEADER_VALUE);
  try {
    await handler();
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof HttpError) {
      sendError(res, error);
      return;
    }
    deps.log(`${req.method} ${req.url} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    sendError(res, new HttpError(500, "InternalServerError", "Your request couldn't be completed. Try again later."));
  }
}

async function handleMain(req: IncomingMessage, res: ServerResponse, deps: ServerDependencies): Promise<void> {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  // The site proxy forwards to /http/<path>; HTTP actions do their own CORS, so the router's CORS layer is skipped.
  if (url.pathname.startsWith("/http/")) {
    await handleHttpAction(req, res, url.pathname.slice("/http".length) + url.search, deps);
    return;
  }
  if (applyCors(req, res)) return;
  switch (`${req.method} ${url.pathname}`) {
    case "GET /version":
    case "GET /instance_version":
      sendText(res, 200, VERSION_TEXT);
      return;
    case "GET /instance_name":
      sendText(res, 200, deps.instanceName);
      return;
    case "GET /":
      sendText(res, 200, ROOT_TEXT);
      return;
    case "POST /echo": {
      const body = await readBody(req);
      res.writeHead(200, { "Content-Type": req.headers["content-type"] ?? "application/octet-stream", "Content-Length": body.length });
      res.end(body);
      return;
    }
  }
  if (deps.testHooks && url.pathname.startsWith("/_emulator/") && handleTestHook(req, res, url.pathname, deps)) return;
  if (await deps.snapshots.handle(req, res, url)) return;
  if (await handleDeploymentApi(req, res, url, deps.deploymentApi)) return;
  if (await handleFunctionApi(req, res, url, deps)) return;
  sendJson(res, 404, { code: "NotFound", message: `No route for ${req.method} ${url.pathname}` });
}

async function handleSite(req: IncomingMessage, res: ServerResponse, deps: ServerDependencies): Promise<void> {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  await handleHttpAction(req, res, url.pathname + url.search, deps);
}
