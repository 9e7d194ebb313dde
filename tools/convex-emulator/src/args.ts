// The emulator's command line: every option the AppHost, the tests and the benchmarks rely on (documented in README.md).
import { parseArgs } from "node:util";

export interface EmulatorOptions {
  readonly port: number;
  readonly sitePort: number;
  readonly adminKey: string | undefined;
  readonly instanceName: string;
  readonly dataFile: string | undefined;
  /** Fold the --data log into the snapshot at this size; undefined = the snapshot's size, at least 1 MiB. */
  readonly dataCompactionBytes: number | undefined;
  readonly recordFile: string | undefined;
  /** The Convex functions directory; the project's convex/ unless a test points elsewhere. */
  readonly functionsDir: string;
  /** Start without functions and serve only what the Convex CLI pushes (--functions is not read). */
  readonly awaitPush: boolean;
  /** Enables the /_emulator/* endpoints that tests use to pause responses and drop connections. */
  readonly testHooks: boolean;
  /** Echo function log lines to stderr. */
  readonly verbose: boolean;
  /** Quiet time before a JSON Ping; the backend's 15 s unless a test shortens it. */
  readonly idlePingMs: number;
  /** WebSocket ping frame interval; the backend's 5 s unless a test shortens it. */
  readonly pingIntervalMs: number;
  /** Drop a client that sent no frame for this long; the backend's 120 s unless a test shortens it. */
  readonly clientTimeoutMs: number;
  /** Test-only: answer each WebSocket upgrade after this many ms (0 = at once). */
  readonly upgradeDelayMs: number;
}

/**
 * The environment variable that can carry the admin key instead of --admin-key, so it shows neither in process
 * listings nor in a launcher's "starting process" log line. --admin-key wins when both are given.
 */
export const ADMIN_KEY_VARIABLE = "CONVEX_EMULATOR_ADMIN_KEY";

export const USAGE = `Usage: node --import tsx tools/convex-emulator/src/main.ts [options]
  --port N             main port: sync WebSocket, HTTP API, /http/ actions (default 3210; 0 = any free port)
  --site-port N        HTTP actions port (default 3211; 0 = any free port)
  --admin-key KEY      admin key accepted by Authenticate{Admin} and "Authorization: Convex KEY"
                       (or set ${ADMIN_KEY_VARIABLE}, which keeps it off the command line)
  --instance-name NAME reported by GET /instance_name (default convex-self-hosted)
  --data FILE          keep the database in FILE across restarts (every commit is appended to FILE.log
                       before it is acknowledged; the log is folded into FILE now and then)
  --data-compaction-bytes N  fold FILE.log into FILE once it reaches N bytes (default: FILE's size, at least 1 MiB)
  --record FILE        append every WebSocket frame in and out to FILE as JSON lines
  --functions DIR      Convex functions directory loaded at start (default convex), until the CLI pushes
  --await-push         start without functions and serve only what the Convex CLI pushes
  --test-hooks         enable /_emulator/{pause,resume}-responses, drop-connections, {hold,release}-data-writes, stats
  --idle-ping-ms N     send {"type":"Ping"} after N ms without output (default 15000)
  --ping-interval-ms N send a WebSocket ping frame every N ms (default 5000)
  --client-timeout-ms N  close a client that sent no frame for N ms (default 120000)
  --upgrade-delay-ms N accept each WebSocket upgrade only after N ms (tests; default 0)
  --verbose            echo function log lines to stderr`;

export class UsageError extends Error {}

function port(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new UsageError(`--${name} must be a port number, got ${value}`);
  return parsed;
}

function milliseconds(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 10) throw new UsageError(`--${name} must be an integer >= 10`);
  return parsed;
}

function byteCount(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new UsageError(`--${name} must be a positive integer`);
  return parsed;
}

export function parseOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): EmulatorOptions | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        port: { type: "string" },
        "site-port": { type: "string" },
        "admin-key": { type: "string" },
        "instance-name": { type: "string" },
        data: { type: "string" },
        "data-compaction-bytes": { type: "string" },
        record: { type: "string" },
        functions: { type: "string" },
        "await-push": { type: "boolean" },
        "test-hooks": { type: "boolean" },
        "idle-ping-ms": { type: "string" },
        "ping-interval-ms": { type: "string" },
        "client-timeout-ms": { type: "string" },
        "upgrade-delay-ms": { type: "string" },
        verbose: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help === true) return "help";
  return {
    port: port(values.port, 3210, "port"),
    sitePort: port(values["site-port"], 3211, "site-port"),
    adminKey: values["admin-key"] ?? (env[ADMIN_KEY_VARIABLE] || undefined),
    instanceName: values["instance-name"] ?? "convex-self-hosted",
    dataFile: values.data,
    dataCompactionBytes: byteCount(values["data-compaction-bytes"], "data-compaction-bytes"),
    recordFile: values.record,
    functionsDir: values.functions ?? "convex",
    awaitPush: values["await-push"] === true,
    testHooks: values["test-hooks"] === true,
    verbose: values.verbose === true,
    idlePingMs: milliseconds(values["idle-ping-ms"], 15_000, "idle-ping-ms"),
    pingIntervalMs: milliseconds(values["ping-interval-ms"], 5_000, "ping-interval-ms"),
    clientTimeoutMs: milliseconds(values["client-timeout-ms"], 120_000, "client-timeout-ms"),
    upgradeDelayMs: values["upgrade-delay-ms"] === undefined ? 0 : milliseconds(values["upgrade-delay-ms"], 0, "upgrade-delay-ms"),
  };
}
