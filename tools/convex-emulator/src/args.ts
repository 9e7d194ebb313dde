// The emulator's command line (the contract in the project brief): every option other services rely on.
import { parseArgs } from "node:util";

export interface EmulatorOptions {
  readonly port: number;
  readonly sitePort: number;
  readonly adminKey: string | undefined;
  readonly instanceName: string;
  readonly dataFile: string | undefined;
  readonly recordFile: string | undefined;
  /** The Convex functions directory; the project's convex/ unless a test points elsewhere. */
  readonly functionsDir: string;
  /** Enables the /_emulator/* endpoints that tests use to pause responses and drop connections. */
  readonly testHooks: boolean;
  /** Echo function log lines to stderr. */
  readonly verbose: boolean;
  /** Quiet time before a JSON Ping; the backend's 15 s unless a test shortens it. */
  readonly idlePingMs: number;
}

export const USAGE = `Usage: node --import tsx tools/convex-emulator/src/main.ts [options]
  --port N             main port: sync WebSocket, HTTP API, /http/ actions (default 3210; 0 = any free port)
  --site-port N        HTTP actions port (default 3211; 0 = any free port)
  --admin-key KEY      admin key accepted by Authenticate{Admin} and "Authorization: Convex KEY"
  --instance-name NAME reported by GET /instance_name (default convex-self-hosted)
  --data FILE          keep the database in FILE across restarts (written after every commit)
  --record FILE        append every WebSocket frame in and out to FILE as JSON lines
  --functions DIR      Convex functions directory (default convex)
  --test-hooks         enable /_emulator/{pause-responses,resume-responses,drop-connections,stats}
  --idle-ping-ms N     send {"type":"Ping"} after N ms without output (default 15000)
  --verbose            echo function log lines to stderr`;

export class UsageError extends Error {}

function port(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new UsageError(`--${name} must be a port number, got ${value}`);
  return parsed;
}

export function parseOptions(argv: readonly string[]): EmulatorOptions | "help" {
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
        record: { type: "string" },
        functions: { type: "string" },
        "test-hooks": { type: "boolean" },
        "idle-ping-ms": { type: "string" },
        verbose: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help === true) return "help";
  const idlePingMs = Number(values["idle-ping-ms"] ?? "15000");
  if (!Number.isInteger(idlePingMs) || idlePingMs < 10) throw new UsageError("--idle-ping-ms must be an integer >= 10");
  return {
    port: port(values.port, 3210, "port"),
    sitePort: port(values["site-port"], 3211, "site-port"),
    adminKey: values["admin-key"],
    instanceName: values["instance-name"] ?? "convex-self-hosted",
    dataFile: values.data,
    recordFile: values.record,
    functionsDir: values.functions ?? "convex",
    testHooks: values["test-hooks"] === true,
    verbose: values.verbose === true,
    idlePingMs,
  };
}
