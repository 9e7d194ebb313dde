// What a sync connection needs from the rest of the emulator, kept narrow so connection.ts stays testable and small.
import type { AuthConfig } from "../auth.js";
import type { Recorder } from "../recorder.js";
import type { FunctionRuntime } from "../runtime.js";
import type { SessionRequestStore } from "./session-store.js";

export interface SyncTimings {
  /** WebSocket ping frame interval (backend: 5 s). */
  readonly pingIntervalMs: number;
  /** JSON {"type":"Ping"} after this long without an outgoing message (backend: 15 s). */
  readonly idlePingMs: number;
  /** Close a client that sent no frame at all for this long (backend: 120 s). */
  readonly clientTimeoutMs: number;
  /**
   * Test-only: accept a WebSocket upgrade only after this long (0 = at once), so that work a client requests right
   * after it is created is certain to be in its first connection's opening, however busy the machine.
   */
  readonly upgradeDelayMs: number;
}

/** Counters exposed by the test hooks, so tests can prove a replayed mutation was answered from the record. */
export interface EmulatorStats {
  connectionsOpened: number;
  mutationsExecuted: number;
  mutationsDeduplicated: number;
}

export interface SyncContext {
  readonly runtime: FunctionRuntime;
  readonly sessions: SessionRequestStore;
  readonly auth: AuthConfig;
  readonly recorder: Recorder | undefined;
  readonly stats: EmulatorStats;
  readonly timings: SyncTimings;
  /** Resolves once every commit so far (and the session records) are saved; immediate without --data. */
  persist(): Promise<void>;
  /** Test hook: while true, protocol messages are held back (not dropped) until resumed. */
  responsesPaused(): boolean;
  log(message: string): void;
  onClosed(connection: { readonly id: number }): void;
}
