// Entry point of the ConvexNotes emulator: a local test double of Convex that serves the real sync and HTTP
// protocols (sync WebSocket, HTTP function API, HTTP actions; see README.md) and runs the project's convex/ functions through the official convex-test package.
// It is not a Convex backend, and says so on every start.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ADMIN_KEY_VARIABLE, parseOptions, USAGE, UsageError, type EmulatorOptions } from "./args.js";
import { Deployment } from "./deploy/deployment.js";
import { FunctionLogs } from "./deploy/function-logs.js";
import { noModules } from "./deploy/module-files.js";
import { systemFunctions } from "./deploy/system-functions.js";
import { installLogCapture } from "./log-capture.js";
import { Recorder } from "./recorder.js";
import { FunctionRuntime } from "./runtime.js";
import { startServers, type RunningServers } from "./server.js";
import { SnapshotApi } from "./snapshot/snapshot-api.js";
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

/** What a signal has to close; filled in as start-up gets that far, so a signal at any moment finds what exists. */
interface Running {
  store?: DataStore;
  recorder?: Recorder;
  sync?: SyncServer;
  servers?: RunningServers;
}

/**
 * SIGINT/SIGTERM handlers, installed before anything is printed: a launcher may send the signal at any moment after
 * starting the process, including the instant it reads READY, and node's default for both is to die (exit 130/143).
 * Returns a function that says whether a stop has begun, so start-up can stop short of announcing READY.
 */
function installSignalHandlers(running: Running): () => boolean {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down`);
    // Bounded: a stuck socket or write must not keep a stopped emulator around.
    setTimeout(() => process.exit(0), 3_000).unref();
    running.sync?.shutdown();
    void Promise.resolve(running.servers?.close())
      .then(() => running.store?.close())
      .then(() => running.recorder?.end())
      .catch((error: unknown) => log(`shutdown: ${(error as Error).message}`))
      .finally(() => process.exit(0));
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  return () => stopping;
}

async function main(options: EmulatorOptions): Promise<void> {
  const running: Running = {};
  const stopping = installSignalHandlers(running);
  // A bug in one request must never stop the emulator that every test depends on.
  process.on("uncaughtException", (error) => log(`uncaught exception: ${error.stack ?? error.message}`));
  process.on("unhandledRejection", (reason) => log(`unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
  process.stdout.write(`${BANNER}\n`);
  installLogCapture(options.verbose ? (line) => log(`function: ${line}`) : undefined);

  // Pushed modules live next to --data (and survive a restart with it), or in a temporary directory.
  const persistent = options.dataFile !== undefined;
  const deploymentDir = persistent ? `${options.dataFile}.deployment` : mkdtempSync(path.join(tmpdir(), "convex-emulator-push-"));
  if (!persistent) process.once("exit", () => rmSync(deploymentDir, { recursive: true, force: true }));
  const saved = persistent ? Deployment.loadSaved(deploymentDir) : null;
  const runtime =
    saved !== null
      ? await FunctionRuntime.fromModules(Deployment.writeSaved(deploymentDir, saved))
      : options.awaitPush
        ? await FunctionRuntime.fromModules(noModules(path.join(deploymentDir, "push-0")))
        : await FunctionRuntime.load(options.functionsDir);
  const deployment = new Deployment(runtime, deploymentDir, persistent, log);
  if (saved !== null) await deployment.adoptSaved(saved);
  const functionLogs = new FunctionLogs();
  runtime.onExecution((execution) => functionLogs.add(execution));
  if (stopping()) return;
  const sessions = new SessionRequestStore();
  const store = new DataStore(options.dataFile, runtime, sessions, log, { compactionBytes: options.dataCompactionBytes });
  await store.load();
  running.store = store;
  // Timestamps are wall-clock nanoseconds that never go backwards, also across restarts (the loaded clock).
  runtime.advanceClockTo(nowNanos());
  runtime.onCommit((_ts, changedIds) => store.markDirty(changedIds));

  const recorder = options.recordFile === undefined ? undefined : new Recorder(options.recordFile);
  running.recorder = recorder;
  const stats: EmulatorStats = { connectionsOpened: 0, mutationsExecuted: 0, mutationsDeduplicated: 0 };
  const auth = { adminKey: options.adminKey };
  const persist = () => store.flush();
  const snapshots = new SnapshotApi({ runtime, auth, persist });
  // One table of `_system/…` queries: the snapshot API's (convex export/import), then the deployment API's.
  const deploymentQueries = systemFunctions(runtime, deployment);
  runtime.setSystemFunctions((path, args, identity) => snapshots.systemQuery(path, args, identity) ?? deploymentQueries(path, args, identity));
  const sync = new SyncServer({
    runtime,
    sessions,
    auth,
    recorder,
    stats,
    timings: { idlePingMs: options.idlePingMs, pingIntervalMs: options.pingIntervalMs, clientTimeoutMs: options.clientTimeoutMs, upgradeDelayMs: options.upgradeDelayMs },
    persist,
    log,
  });
  running.sync = sync;
  const servers = await startServers(options.port, options.sitePort, {
    runtime,
    sync,
    auth,
    instanceName: options.instanceName,
    testHooks: options.testHooks,
    stats,
    dataWrites: store,
    deploymentApi: { auth, deployment, functionLogs, log },
    snapshots,
    persist,
    log,
  });
  running.servers = servers;
  deployment.setUrls({ cloudUrl: `http://127.0.0.1:${servers.port}`, siteUrl: `http://127.0.0.1:${servers.sitePort}` });
  // A signal that arrived while the ports were opening is already shutting down (and will close them).
  if (stopping()) return;
  process.stdout.write(`CONVEX_EMULATOR_READY url=http://127.0.0.1:${servers.port} site=http://127.0.0.1:${servers.sitePort}\n`);
}

let options: EmulatorOptions | "help";
try {
  options = parseOptions(process.argv.slice(2), process.env);
  // The functions run in this process: they have no business seeing the admin key.
  delete process.env[ADMIN_KEY_VARIABLE];
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
