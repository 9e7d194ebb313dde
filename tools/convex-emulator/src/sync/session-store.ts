// Mutation idempotency (crates/sync/src/worker.rs): the backend records every successful mutation of a socket that
// sent Connect under (sessionId, requestId) and answers a retry with the stored result, log lines and original
// commit timestamp without running it again. The JS client keeps its session id across reconnects and replays
// unresolved mutations, so this is what makes "exactly once" hold over a dropped connection. Failed mutations are not
// recorded. The backend keeps records for two weeks; the emulator keeps the most recent ones up to a count.
import type { JsonValue } from "../values.js";

export interface StoredMutation {
  /** The result in Convex-JSON. */
  readonly result: JsonValue;
  readonly logLines: readonly string[];
  /** Commit timestamp, decimal nanoseconds (JSON has no u64). */
  readonly ts: string;
}

export type SessionRecord = readonly [key: string, record: StoredMutation];

export class SessionRequestStore {
  private readonly records = new Map<string, StoredMutation>();
  /** Mutations still executing, so a retry that arrives meanwhile waits for the original instead of racing it. */
  private readonly executing = new Map<string, Promise<void>>();
  private readonly putListeners: Array<(record: SessionRecord) => void> = [];

  constructor(private readonly capacity = 20_000) {}

  get(sessionId: string, requestId: number): StoredMutation | undefined {
    return this.records.get(`${sessionId}|${requestId}`);
  }

  put(sessionId: string, requestId: number, record: StoredMutation): void {
    const key = `${sessionId}|${requestId}`;
    this.add(key, record);
    for (const listener of this.putListeners) listener([key, record]);
  }

  /** Called synchronously with every record put (--data saves them with the commit they belong to). */
  onPut(listener: (record: SessionRecord) => void): void {
    this.putListeners.push(listener);
  }

  /**
   * Runs `execute` as the only execution of (sessionId, requestId) at a time. The backend checks for a record inside
   * the mutation's transaction, so a retry can never run alongside its original; this gives the same guarantee.
   */
  async exclusive<T>(sessionId: string, requestId: number, execute: () => Promise<T>): Promise<T> {
    const key = `${sessionId}|${requestId}`;
    for (let running = this.executing.get(key); running !== undefined; running = this.executing.get(key)) {
      await running;
    }
    const result = execute();
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.executing.set(key, settled);
    try {
      return await result;
    } finally {
      if (this.executing.get(key) === settled) this.executing.delete(key);
    }
  }

  export(): SessionRecord[] {
    return [...this.records.entries()];
  }

  /** Loads saved records, oldest first (a snapshot's, then those of later log lines); the newest are kept. */
  import(records: readonly SessionRecord[]): void {
    for (const [key, record] of records) this.add(key, record);
  }

  private add(key: string, record: StoredMutation): void {
    this.records.set(key, record);
    // Maps iterate in insertion order, so the first key is the oldest record.
    while (this.records.size > this.capacity) {
      const oldest = this.records.keys().next().value as string;
      this.records.delete(oldest);
    }
  }
}
