// Turns console.* calls made inside Convex functions into the protocol's log lines ("[LOG] 'hello'", as the
// backend's crates/isolate/src/helpers.rs formats them). convex-test lets functions print straight to the process's stdout, so the emulator patches
// the console methods once and routes each call to the collector of the function run it belongs to, found through
// AsyncLocalStorage (which follows the run across awaits). Calls outside any run print as usual.
import { AsyncLocalStorage } from "node:async_hooks";
import { inspect } from "node:util";

const LEVELS = { log: "LOG", info: "INFO", warn: "WARN", error: "ERROR", debug: "DEBUG" } as const;
type ConsoleMethod = keyof typeof LEVELS;

const collectors = new AsyncLocalStorage<string[]>();
let installed = false;

/** Formats like the Convex runtime: each argument inspected (strings quoted), joined by spaces. */
export function formatLogLine(level: string, args: readonly unknown[]): string {
  return `[${level}] ${args.map((arg) => inspect(arg, { depth: 5, breakLength: Infinity })).join(" ")}`;
}

/** Patches the console once; `echo` receives every captured line as well (for --verbose). */
export function installLogCapture(echo?: (line: string) => void): void {
  if (installed) return;
  installed = true;
  const target = console as unknown as Record<ConsoleMethod, (...args: unknown[]) => void>;
  for (const method of Object.keys(LEVELS) as ConsoleMethod[]) {
    const original = target[method].bind(console);
    target[method] = (...args: unknown[]) => {
      const lines = collectors.getStore();
      if (lines === undefined) {
        original(...args);
        return;
      }
      const line = formatLogLine(LEVELS[method], args);
      lines.push(line);
      echo?.(line);
    };
  }
}

/** Runs `fn`, collecting the log lines of every console call it makes (including nested function calls). */
export async function captureLogs<T>(fn: () => Promise<T>): Promise<{ result: PromiseSettledResult<T>; logLines: string[] }> {
  const lines: string[] = [];
  try {
    const value = await collectors.run(lines, fn);
    return { result: { status: "fulfilled", value }, logLines: [...lines] };
  } catch (reason) {
    return { result: { status: "rejected", reason }, logLines: [...lines] };
  }
}

/** Runs `fn` outside any function run, so the emulator's own console output is never taken for a function's logs. */
export function outsideCapture<T>(fn: () => T): T {
  return collectors.exit(fn);
}
