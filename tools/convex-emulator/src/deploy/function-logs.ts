// Function log streaming for `convex logs` and the `convex dev` watcher: GET /api/stream_function_logs?cursor=N is a
// long poll (local_backend/src/logs.rs) answering {entries, newCursor} with every finished execution after the
// cursor (cursors are strictly increasing numbers, milliseconds where possible). Entries carry the fields the CLI prints (logs.ts processLogs): kind "Completion", identifier, udfType,
// timestamp (seconds), logLines ("[LOG] …"), executionTime (seconds) and error.
import type { FunctionExecution } from "../runtime.js";

/** How many executions are kept for late pollers (`convex logs --history`). */
const RETAINED = 1_000;
/** How long a poll waits for something new before answering with nothing. */
export const POLL_WAIT_MS = 10_000;

interface Entry {
  readonly seq: number;
  readonly json: Record<string, unknown>;
}

export class FunctionLogs {
  private readonly entries: Entry[] = [];
  private seq = 0;
  private readonly waiters = new Set<() => void>();

  add(execution: FunctionExecution): void {
    // Milliseconds when possible (as the backend's cursors), so a watcher's cursor stays valid across a restart.
    this.seq = Math.max(this.seq + 1, Date.now());
    this.entries.push({
      seq: this.seq,
      json: {
        kind: "Completion",
        identifier: execution.identifier,
        udfType: execution.udfType,
        componentPath: null,
        timestamp: execution.startedAtMs / 1000,
        logLines: execution.logLines,
        executionTime: execution.durationMs / 1000,
        cachedResult: false,
        error: execution.error,
        requestId: null,
        executionId: String(this.seq),
      },
    });
    if (this.entries.length > RETAINED) this.entries.splice(0, this.entries.length - RETAINED);
    for (const wake of [...this.waiters]) wake();
  }

  /**
   * Everything after `cursor` (0 = everything retained), waiting up to `waitMs` for the first
   * entry. `aborted` ends the wait early (the client went away).
   */
  async poll(cursor: number, waitMs: number, aborted: AbortSignal): Promise<{ entries: Array<Record<string, unknown>>; newCursor: number }> {
    if (this.seq <= cursor && !aborted.aborted) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          aborted.removeEventListener("abort", done);
          resolve();
        };
        const timer = setTimeout(done, waitMs);
        this.waiters.add(done);
        aborted.addEventListener("abort", done);
      });
    }
    const entries = this.entries.filter((entry) => entry.seq > cursor).map((entry) => entry.json);
    return { entries, newCursor: Math.max(cursor, this.seq) };
  }
}
