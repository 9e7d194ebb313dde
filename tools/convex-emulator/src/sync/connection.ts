// One sync WebSocket: the per-connection state machine (the backend's
// crates/sync/src/state.rs and worker.rs). It tracks the versions the client has sent and the version it has been
// sent, runs mutations strictly one at a time and actions concurrently, and answers every change with a Transition
// that carries only the query results that changed.
import type { WebSocket } from "ws";
import { authenticateToken } from "../auth.js";
import { requestIdFor } from "../errors.js";
import { parseFunctionPath, type FunctionPath } from "../function-path.js";
import { ANONYMOUS, type Identity, type RunOutcome } from "../runtime.js";
import { decodeTimestamp, encodeTimestamp, nowNanos } from "../timestamps.js";
import { decodeArgs, encodeValue, type Value } from "../values.js";
import type { SyncContext } from "./context.js";
import {
  InvalidMessageError,
  parseClientMessage,
  serializeServerMessage,
  type ClientMessage,
  type ServerMessage,
} from "./protocol.js";
import { errorDataOf, QuerySet } from "./query-set.js";
import { splitTransition } from "./transition-chunks.js";

/** Limits from worker.rs: a queue of 1000 mutations, ~1000 actions in flight per socket. */
const MAX_PENDING_MUTATIONS = 1000;
const MAX_INFLIGHT_ACTIONS = 1000;
/**
 * SYNC_MAX_SEND_TRANSITION_COUNT: no new Transition is computed while this many are still unwritten to the socket.
 * A client that stops reading then gets the latest state once it reads again, instead of the emulator queueing one
 * Transition per commit in memory until it runs out (intermediate states are skipped, as on the backend).
 */
const MAX_UNWRITTEN_TRANSITIONS = 2;

interface StateVersion {
  readonly querySet: number;
  readonly identity: number;
  readonly ts: bigint;
}

/** A request the backend treats as an untagged internal error: close 1011 "InternalServerError". */
class InternalProtocolError extends Error {}

export class SyncConnection {
  private sessionId: string | null = null;
  private clientClockSkew: number | null = null;
  private identity: Identity = ANONYMOUS;

  /** Versions received from the client (state.rs `received_client_version`). */
  private receivedQuerySet = 0;
  private receivedIdentity = 0;
  /** The version of the last Transition sent (state.rs `current_version`); every new socket starts at zero. */
  private current: StateVersion = { querySet: 0, identity: 0, ts: 0n };

  private readonly queries = new QuerySet();

  private mutationQueue: Promise<void> = Promise.resolve();
  private pendingMutations = 0;
  private inflightActions = 0;
  /** Highest ts of a successful MutationResponse sent since the last Transition at or above it. */
  private pendingMutationTs: bigint | null = null;

  private updateRequested = false;
  private updating = false;
  /** Transitions handed to the socket whose last byte has not been written out yet. */
  private unwrittenTransitions = 0;
  private closed = false;
  private held: string[] = [];

  private lastIncoming = Date.now();
  private readonly heartbeat: NodeJS.Timeout;
  private idlePing: NodeJS.Timeout | undefined;

  constructor(
    private readonly ws: WebSocket,
    readonly id: number,
    private readonly context: SyncContext,
    /** npm >= 1.28 clients reassemble large Transitions from TransitionChunk frames. */
    private readonly chunkedTransitions: boolean,
  ) {
    ws.on("message", (data, isBinary) => this.guard(() => this.onFrame(data as Buffer, isBinary)));
    ws.on("pong", () => (this.lastIncoming = Date.now()));
    ws.on("ping", () => (this.lastIncoming = Date.now()));
    ws.on("close", (code, reason) => this.onClosed(code, reason.toString("utf8")));
    ws.on("error", (error) => this.context.log(`conn ${id}: socket error: ${error.message}`));
    // The socket layer pings every 5 s and drops a client that has sent no frame at all for 120 s (subs/mod.rs).
    this.heartbeat = setInterval(() => this.guard(() => this.onHeartbeat()), context.timings.pingIntervalMs);
    this.armIdlePing();
  }

  /** Something committed (anywhere): rerun this connection's queries and send what changed. */
  invalidate(): void {
    this.scheduleUpdate();
  }

  /** Test hook: frames held while responses were paused go out now, in order. */
  flushHeld(): void {
    const held = this.held;
    this.held = [];
    for (const text of held) this.transmit(text);
  }

  /** Test hook and shutdown: drop the socket without a close handshake, as a network failure would. */
  terminate(): void {
    this.closed = true;
    this.ws.terminate();
  }

  /** Shutdown: a normal close, so clients reconnect to the next emulator on the same port. */
  shutdown(): void {
    this.closeWith(1001, "GoingAway");
  }

  private onFrame(data: Buffer, isBinary: boolean): void {
    this.lastIncoming = Date.now();
    if (this.closed) return;
    this.context.recorder?.frame(this.id, "in", isBinary ? data : data.toString("utf8"));
    if (isBinary) {
      this.fatal("WSMessageInvalidJson: Unexpected message type: binary frames are not part of the protocol");
      return;
    }
    let message: ClientMessage;
    try {
      message = parseClientMessage(data.toString("utf8"));
    } catch (error) {
      if (error instanceof InvalidMessageError) {
        this.fatal(`WSMessageInvalidJson: ${error.message}`);
        return;
      }
      throw error;
    }
    this.onMessage(message);
  }

  private onMessage(message: ClientMessage): void {
    switch (message.type) {
      case "Connect":
        return this.onConnect(message);
      case "ModifyQuerySet":
        return this.onModifyQuerySet(message);
      case "Mutation":
        return this.onMutation(message);
      case "Action":
        return this.onAction(message);
      case "Authenticate":
        return this.onAuthenticate(message);
      case "Event":
        return; // Client telemetry; the backend only counts it.
    }
  }

  private onConnect(message: Extract<ClientMessage, { type: "Connect" }>): void {
    this.sessionId = message.sessionId;
    this.clientClockSkew = message.clientTs === null ? null : Math.round(message.clientTs - Date.now());
    if (message.maxObservedTimestamp !== null) {
      let observed: bigint;
      try {
        observed = decodeTimestamp(message.maxObservedTimestamp);
      } catch (error) {
        this.fatal(`WSMessageInvalidJson: Connect.maxObservedTimestamp: ${(error as Error).message}`);
        return;
      }
      // Linearizability guard: a client that has seen a newer state than this backend has must not be served.
      if (observed > this.context.runtime.latestTs) {
        throw new InternalProtocolError(
          `client observed timestamp ${observed} ahead of the latest commit ${this.context.runtime.latestTs}`,
        );
      }
    }
  }

  private onModifyQuerySet(message: Extract<ClientMessage, { type: "ModifyQuerySet" }>): void {
    if (message.baseVersion !== this.receivedQuerySet) {
      this.fatal(
        `BaseVersionMismatch: Base version ${message.baseVersion} passed up doesn't match the current version ${this.receivedQuerySet}`,
      );
      return;
    }
    if (message.newVersion <= message.baseVersion) {
      this.fatal(`InvalidNewVersion: New version ${message.newVersion} must be greater than base version ${message.baseVersion}`);
      return;
    }
    if (!this.queries.receive(message.modifications, (add) => this.parseCall(add))) return;
    this.receivedQuerySet = message.newVersion;
    this.scheduleUpdate();
  }

  private onMutation(message: Extract<ClientMessage, { type: "Mutation" }>): void {
    const parsed = this.parseCall(message);
    if (parsed === null) return;
    if (this.pendingMutations >= MAX_PENDING_MUTATIONS) {
      this.closeWith(1013, "TooManyConcurrentMutations");
      return;
    }
    this.pendingMutations++;
    // Strictly one at a time, in arrival order (worker.rs `buffered(1)`).
    this.mutationQueue = this.mutationQueue
      .then(() => this.runMutation(message.requestId, parsed.path, parsed.args))
      .catch((error: unknown) => this.failInternally(error))
      .finally(() => this.pendingMutations--);
  }

  private async runMutation(requestId: number, path: FunctionPath, args: Record<string, Value>): Promise<void> {
    if (this.closed) return;
    const sessionId = this.sessionId;
    if (sessionId === null) {
      await this.executeMutation(null, requestId, path, args);
      return;
    }
    await this.context.sessions.exclusive(sessionId, requestId, async () => {
      const stored = this.context.sessions.get(sessionId, requestId);
      if (stored === undefined) {
        await this.executeMutation(sessionId, requestId, path, args);
        return;
      }
      // A retry of a mutation that already committed: answer from the record, never run it again.
      this.context.stats.mutationsDeduplicated++;
      const ts = BigInt(stored.ts);
      this.send({ type: "MutationResponse", requestId, success: true, result: stored.result, ts: encodeTimestamp(ts), logLines: [...stored.logLines] });
      this.awaitTransitionAt(ts);
    });
  }

  private async executeMutation(sessionId: string | null, requestId: number, path: FunctionPath, args: Record<string, Value>): Promise<void> {
    const { runtime, sessions, stats } = this.context;
    const outcome = await runtime.run("mutation", path, args, this.identity, requestIdFor(sessionId, requestId));
    stats.mutationsExecuted++;
    if (outcome.success) {
      const ts = outcome.ts ?? runtime.latestTs;
      const result = encodeValue(outcome.value);
      if (sessionId !== null) sessions.put(sessionId, requestId, { result, logLines: outcome.logLines, ts: ts.toString() });
      // The commit and its idempotency record reach the disk before the client can learn the commit ts.
      await this.context.persist();
      if (this.closed) return;
      this.send({ type: "MutationResponse", requestId, success: true, result, ts: encodeTimestamp(ts), logLines: outcome.logLines });
      this.awaitTransitionAt(ts);
      return;
    }
    if (this.closed) return;
    this.send({ type: "MutationResponse", requestId, success: false, result: outcome.errorMessage, ts: null, logLines: outcome.logLines, ...errorDataOf(outcome) });
    this.scheduleUpdate();
  }

  /** The client resolves a mutation only on a Transition with endVersion.ts >= its ts that arrives after the response. */
  private awaitTransitionAt(ts: bigint): void {
    // A Transition at or past `ts` needs the clock there; it always is, unless a record outlived a clock reset.
    this.context.runtime.advanceClockTo(ts);
    this.pendingMutationTs = this.pendingMutationTs === null || ts > this.pendingMutationTs ? ts : this.pendingMutationTs;
    this.scheduleUpdate();
  }

  private onAction(message: Extract<ClientMessage, { type: "Action" }>): void {
    const parsed = this.parseCall(message);
    if (parsed === null) return;
    if (this.inflightActions >= MAX_INFLIGHT_ACTIONS) {
      this.closeWith(1013, "TooManyInflightActionsForSingleClient");
      return;
    }
    this.inflightActions++;
    // Actions run concurrently with each other and with the mutation queue; they are never de-duplicated.
    void this.context.runtime
      .run("action", parsed.path, parsed.args, this.identity, requestIdFor(this.sessionId, message.requestId))
      .then(async (outcome) => {
        // Mutations the action ran reach the disk before the client hears the action is done.
        if (outcome.committed) await this.context.persist();
        if (this.closed) return;
        this.send(
          outcome.success
            ? { type: "ActionResponse", requestId: message.requestId, success: true, result: encodeValue(outcome.value), logLines: outcome.logLines }
            : { type: "ActionResponse", requestId: message.requestId, success: false, result: outcome.errorMessage, logLines: outcome.logLines, ...errorDataOf(outcome) },
        );
        this.scheduleUpdate();
      })
      .catch((error: unknown) => this.failInternally(error))
      .finally(() => this.inflightActions--);
  }

  private onAuthenticate(message: Extract<ClientMessage, { type: "Authenticate" }>): void {
    // The token is validated first (worker.rs fetch_identity), then the version (state.rs modify_identity).
    const result = authenticateToken(this.context.auth, message.token);
    if (!result.ok) {
      this.sendNow({ type: "AuthError", error: result.message, baseVersion: this.current.identity, authUpdateAttempted: true });
      this.closeWithoutCode();
      return;
    }
    if (message.baseVersion !== this.receivedIdentity) {
      throw new InternalProtocolError(`Identity base version ${message.baseVersion} doesn't match ${this.receivedIdentity}`);
    }
    this.identity = result.identity;
    this.receivedIdentity++;
    this.scheduleUpdate();
  }

  /**
   * The function and args of a query Add, Mutation or Action. Components are not emulated: a non-root componentPath
   * fails the socket as it does for non-admins (1011). A malformed path or args value invalidates the whole message
   * (FatalError, then null), as in worker.rs.
   */
  private parseCall(call: { udfPath: string; args: unknown[]; componentPath?: string }): { path: FunctionPath; args: Record<string, Value> } | null {
    if (call.componentPath !== undefined && call.componentPath !== "") {
      throw new InternalProtocolError(`componentPath ${JSON.stringify(call.componentPath)} is not supported`);
    }
    try {
      return { path: parseFunctionPath(call.udfPath), args: decodeArgs(call.args) };
    } catch (error) {
      // FunctionPathError, or an argument value that is not valid Convex-JSON.
      if (error instanceof Error) {
        this.fatal(`WSMessageInvalidJson: ${error.message}`);
        return null;
      }
      throw error;
    }
  }

  private scheduleUpdate(): void {
    if (this.closed) return;
    this.updateRequested = true;
    this.startUpdates();
  }

  /** Starts computing Transitions when one is wanted, none is being computed and the socket is keeping up. */
  private startUpdates(): void {
    if (this.updating || !this.updateRequested || this.unwrittenTransitions >= MAX_UNWRITTEN_TRANSITIONS) return;
    this.updating = true;
    // Deferred so a burst of commits and messages collapses into one Transition, and so no query starts inside a
    // commit hook.
    setImmediate(() => void this.runUpdates());
  }

  private async runUpdates(): Promise<void> {
    try {
      // A request left pending here is picked up by startUpdates when a Transition has been written out.
      while (this.updateRequested && !this.closed && this.unwrittenTransitions < MAX_UNWRITTEN_TRANSITIONS) {
        this.updateRequested = false;
        await this.sendTransition();
      }
    } catch (error) {
      this.failInternally(error);
    } finally {
      this.updating = false;
    }
  }

  /** worker.rs begin/finish_update_queries: apply pending modifications, rerun queries, send only what changed. */
  private async sendTransition(): Promise<void> {
    const { runtime } = this.context;
    const modifications = this.queries.applyPending();
    const querySet = this.receivedQuerySet;
    const identityVersion = this.receivedIdentity;
    const identity = this.identity;

    // A commit that lands while the queries run would make the results a mix of two states, so the run is repeated
    // (bounded); the Transition is labelled with the ts read before the run, which its results are never older than.
    let ts = runtime.latestTs;
    let results = new Map<number, RunOutcome>();
    for (let attempt = 0; attempt < 3 && !this.closed; attempt++) {
      ts = runtime.latestTs;
      results = new Map();
      for (const [id, subscription] of this.queries.toRun(ts, identityVersion)) {
        results.set(id, await runtime.runSubscribedQuery(subscription.path, subscription.args, identity, subscription.journal));
      }
      if (runtime.latestTs === ts) break;
      this.queries.invalidate();
    }
    if (this.closed) return;
    modifications.push(...this.queries.record(results, ts, identityVersion));

    const endTs = ts > this.current.ts ? ts : this.current.ts;
    const versionChanged = querySet !== this.current.querySet || identityVersion !== this.current.identity;
    if (modifications.length === 0 && !versionChanged && this.pendingMutationTs === null) return;
    const start = this.current;
    this.current = { querySet, identity: identityVersion, ts: endTs };
    this.send({
      type: "Transition",
      startVersion: versionJson(start),
      endVersion: versionJson(this.current),
      modifications,
      clientClockSkew: this.clientClockSkew,
      serverTs: nowNanos(),
    });
    if (this.pendingMutationTs !== null) {
      if (endTs >= this.pendingMutationTs) this.pendingMutationTs = null;
      else this.updateRequested = true;
    }
  }

  private onHeartbeat(): void {
    if (this.closed) return;
    if (Date.now() - this.lastIncoming > this.context.timings.clientTimeoutMs) {
      this.closeWith(1000, "ClientDisconnect");
      return;
    }
    this.ws.ping();
  }

  /** The sync worker's JSON Ping after a quiet spell with no outgoing protocol message (worker.rs). */
  private armIdlePing(): void {
    clearTimeout(this.idlePing);
    this.idlePing = setTimeout(() => this.guard(() => this.send({ type: "Ping" })), this.context.timings.idlePingMs);
  }

  private send(message: ServerMessage): void {
    if (this.closed) return;
    const text = serializeServerMessage(message);
    const frames = (this.chunkedTransitions && message.type === "Transition" ? splitTransition(text) : null) ?? [text];
    this.armIdlePing();
    if (this.context.responsesPaused()) {
      this.held.push(...frames);
      return;
    }
    const last = frames.length - 1;
    frames.forEach((frame, index) => this.transmit(frame, message.type === "Transition" && index === last));
  }

  /** Errors that end the socket are never held back by the pause hook. */
  private sendNow(message: ServerMessage): void {
    if (this.closed) return;
    this.transmit(serializeServerMessage(message));
  }

  /** `endsTransition`: the frame is a Transition's last, which counts towards MAX_UNWRITTEN_TRANSITIONS until written. */
  private transmit(text: string, endsTransition = false): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    this.context.recorder?.frame(this.id, "out", text);
    if (!endsTransition) {
      this.ws.send(text);
      return;
    }
    this.unwrittenTransitions++;
    // Called once the frame is written to the OS (or the socket failed): the next Transition may be computed.
    this.ws.send(text, () => {
      this.unwrittenTransitions--;
      this.startUpdates();
    });
  }

  /** A deterministic client error: FatalError, then a close frame without a code (peers see 1005). */
  private fatal(error: string): void {
    this.context.log(`conn ${this.id}: FatalError: ${error}`);
    this.sendNow({ type: "FatalError", error });
    this.closeWithoutCode();
  }

  private failInternally(error: unknown): void {
    this.context.log(`conn ${this.id}: internal error: ${error instanceof Error ? error.message : String(error)}`);
    this.closeWith(1011, "InternalServerError");
  }

  private closeWithoutCode(): void {
    if (this.closed) return;
    this.closed = true;
    this.ws.close();
  }

  private closeWith(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.ws.close(code, reason);
  }

  /** Every handler runs inside this: an exception closes this socket (1011) and never reaches the process. */
  private guard(handler: () => void): void {
    try {
      handler();
    } catch (error) {
      this.failInternally(error);
    }
  }

  private onClosed(code: number, reason: string): void {
    this.closed = true;
    this.held = [];
    clearInterval(this.heartbeat);
    clearTimeout(this.idlePing);
    this.context.recorder?.close(this.id, code, reason);
    this.context.onClosed(this);
  }
}

function versionJson(version: StateVersion): { querySet: number; identity: number; ts: string } {
  return { querySet: version.querySet, identity: version.identity, ts: encodeTimestamp(version.ts) };
}
