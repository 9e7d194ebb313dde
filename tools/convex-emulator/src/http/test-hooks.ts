// Test-only endpoints (enabled by --test-hooks), so conformance tests can create the failures a real network
// produces at a precise moment: e.g. pause responses, let a mutation commit, drop the socket before its response
// goes out, then check the client's replay is answered from the idempotency record instead of running twice.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatorStats } from "../sync/context.js";
import type { SyncServer } from "../sync/sync-server.js";
import { sendJson } from "./respond.js";

export interface TestHookTargets {
  readonly sync: SyncServer;
  readonly stats: EmulatorStats;
  readonly dataWrites: { holdWrites(): void; releaseWrites(): void };
}

export function handleTestHook(req: IncomingMessage, res: ServerResponse, pathname: string, { sync, stats, dataWrites }: TestHookTargets): boolean {
  switch (`${req.method} ${pathname}`) {
    case "POST /_emulator/pause-responses":
      sync.pause();
      sendJson(res, 200, { paused: true });
      return true;
    case "POST /_emulator/resume-responses":
      sync.resume();
      sendJson(res, 200, { paused: false });
      return true;
    case "POST /_emulator/drop-connections":
      sendJson(res, 200, { dropped: sync.dropAll() });
      return true;
    case "POST /_emulator/hold-data-writes":
      dataWrites.holdWrites();
      sendJson(res, 200, { held: true });
      return true;
    case "POST /_emulator/release-data-writes":
      dataWrites.releaseWrites();
      sendJson(res, 200, { held: false });
      return true;
    case "GET /_emulator/stats":
      sendJson(res, 200, { ...stats, openConnections: sync.connectionCount });
      return true;
    default:
      return false;
  }
}
