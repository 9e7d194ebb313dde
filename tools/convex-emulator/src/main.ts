// Entry point of the ConvexNotes emulator: a local test double of Convex that serves the real sync and HTTP
// protocols (convex-protocol.md) and runs the project's convex/ functions through the official convex-test package.
// It is not a Convex backend, and says so on every start.
import { parseOptions, USAGE, UsageError, type EmulatorOptions } from "./args.js";
import { installLogCapture } from "./log-capture.js";
import { Recorder } from "./recorder.js";
import { FunctionRuntime } from "./runtime.js";
import { startServers } from "./server.js";
import { DataStore } from "./store.js";
import type { EmulatorStats } from "./sync/context.js";
import { SessionRequestStore } from "./sync/session-store.js";
import { SyncServer } from "./sync/sync-server.js";
import { nowNanos } from "./timestamps.js";

const BANNER =
  "ConvexNotes emulator: a local test double of Convex (runs convex/ through convex-test). It is NOT a Convex backend.";

/** Diagnostics go to stderr; stdout carries only the banner and the READY line that launchers wait for. */
function log(message: string): void {
  process.stderr.write(`convex-emulator: ${message}\n`);
}

async function main(options: EmulatorOptions): Promise<void> {
  process.stdout.write(`${BANNER}\n`);
  // A bug in one request must never stop the emulator that every test depends on.
  process.on("uncaughtException", (error) => log(`uncaught exception: ${error.stack ?? error.message}`));
  process.on("unhandledRejection", (reason) => log(`unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
  installLogCapture(options.verbose ? (line) => log(`function: ${line}`) : undefined);

  const runtime = await FunctionRuntime.load(options.functionsDir);
  const sessions = new SessionRequestStore();
  const store = new DataStore(options.dataFile, runtime, sessions, log);
  store.load();
  // Timestamps are wall-clock nanoseconds that never go backwards, also across restarts (the loaded clock).
  runtime.advanceClockTo(nowNanos());
  runtime.onCommit(() => store.markDirty());

  const recorder = options.recordFile === undefined ? undefined : new Recorder(options.recordFile);
  const stats: EmulatorStats = { connectionsOpened: 0, mutationsExecuted: 0, mutationsDeduplicated: 0 };
  const auth = { adminKey: options.adminKey };
  const persist = () => store.flush();
  const sync = new SyncServer({
    runtime,
    sessions,
    auth,
    recorder,
    stats,
    timings: { idlePingMs: options.idlePingMs, pingIntervalMs: options.pingIntervalMs, clientTimeoutMs: options.clientTimeoutMs },
    persist,
    log,
  });
  const servers = await startServers(options.port, options.sitePort, {
    runtime,
    sync,
    auth,
    instanceName: options.instanceName,
    testHooks: options.testHooks,
    stats,
    persist,
    log,
  });
  process.stdout.write(`CONVEX_EMULATOR_READY url=http://127.0.0.1:${servers.port} site=http://127.0.0.1:${servers.sitePort}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down`);
    // Bounded: a stuck socket or write must not keep a stopped emulator around.
    setTimeout(() => process.exit(0), 3_000).unref();
    sync.shutdown();
    void servers
      .close()
      .then(() => store.flushSync())
      .then(() => recorder?.end())
      .catch((error: unknown) => log(`shutdown: ${(error as Error).message}`))
      .finally(() => process.exit(0));
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

let options: EmulatorOptions | "help";
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`${error.message}\n${USAGE}\n`);
  process.exit(2);
}
if (options === "help") {
  process.stdout.write(`${USAGE}\n`);
} else {
  main(options).catch((error: unknown) => {
    log(`failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  });
}
