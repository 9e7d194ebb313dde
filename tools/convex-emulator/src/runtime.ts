// Runs the project's real Convex functions through the official convex-test package, and adds what a backend needs
// on top of it: the backend's function lookup rules and error texts, log lines, commit timestamps, a commit hook for
// reactivity, and access to the committed documents so the data can be saved and restored.
import { AsyncLocalStorage } from "node:async_hooks";
import { convexTest } from "convex-test";
import { makeFunctionReference, type SchemaDefinition, type GenericSchema } from "convex/server";
import { describeThrown, notFoundMessage, requestIdFor, serverError, wrongTypeMessage } from "./errors.js";
import type { FunctionPath } from "./function-path.js";
import { captureLogs, outsideCapture } from "./log-capture.js";
import { discoverModules, type FunctionModules } from "./modules.js";
import { installPagination, withJournal } from "./pagination.js";
import { decodeValue, encodeValue, type JsonValue, type Value } from "./values.js";

export type FunctionKind = "query" | "mutation" | "action";

const KIND_NAMES: Record<FunctionKind, string> = { query: "Query", mutation: "Mutation", action: "Action" };

/** Who runs a function. Admins may call internal functions and may act as a user (impersonation). */
export type Identity =
  | { readonly kind: "none" }
  | { readonly kind: "admin"; readonly actingAs?: Readonly<Record<string, unknown>> };

export const ANONYMOUS: Identity = { kind: "none" };

/**
 * How a run ended. `committed` says whether it wrote anything (a mutation, or mutations run by an action, also one
 * that failed afterwards): its answer must then wait until the commit is saved (--data).
 */
export type RunOutcome = (
  | { readonly success: true; readonly value: Value; readonly logLines: string[]; readonly ts: bigint | null; readonly committed: boolean }
  | { readonly success: false; readonly errorMessage: string; readonly errorData?: Value; readonly logLines: string[]; readonly committed: boolean }
) & {
  /** The query journal to send with a subscription's result (pagination.ts); null when the run did not paginate. */
  readonly journal?: string | null;
};

/** The committed database, as saved by --data. */
export interface DatabaseSnapshot {
  readonly commitTs: string;
  readonly nextDocId: number;
  readonly lastCreationTime: number;
  readonly documents: Record<string, JsonValue>;
}

/** What some commits changed, as appended to the --data log: the documents they wrote (null = deleted) and the clock. */
export interface DatabaseChanges {
  readonly commitTs: string;
  readonly nextDocId: number;
  readonly lastCreationTime: number;
  readonly documents: Record<string, JsonValue | null>;
}

// The parts of convex-test 0.0.60's private state the emulator relies on. They are checked at start-up, so a
// convex-test upgrade that changes them fails loudly instead of silently losing data.
interface DatabaseFake {
  _documents: Record<string, Record<string, Value>>;
  /** Pending writes per transaction nesting level (null = delete); the top-level commit applies the last one. */
  _writes: Array<Record<string, unknown>>;
  _nextDocId: number;
  _lastCreationTime: number;
}
interface TransactionManager {
  _lastCommitTs: bigint;
  commit(isNested: boolean): bigint | null;
}
interface ConvexTestGlobal {
  components: Record<string, { db: DatabaseFake }>;
  transactionManager: TransactionManager;
}

type Accessor = ReturnType<typeof convexTest>;
type RegisteredFunction = { isQuery?: boolean; isMutation?: boolean; isAction?: boolean; isInternal?: boolean };

/**
 * Where a run learns from the commit hook that it committed, and at which timestamp (the last of its commits). The
 * store follows the run across awaits, so the mutations an action runs are seen too.
 */
const commitSlots = new AsyncLocalStorage<{ ts: bigint | null }>();

export class FunctionRuntime {
  private readonly identityAccessors = new Map<string, Accessor>();
  /** Subscription results at `sharedTs`, shared by every connection that subscribes to the same query. */
  private sharedTs = -1n;
  private readonly sharedResults = new Map<string, Promise<RunOutcome>>();
  private readonly commitListeners: Array<(ts: bigint, changedIds: readonly string[]) => void> = [];

  private constructor(
    private readonly modules: FunctionModules,
    private readonly root: Accessor,
    private readonly internals: ConvexTestGlobal,
  ) {
    this.installCommitHook();
    installPagination(internals);
  }

  /** Imports every module (so a broken functions directory fails at start, not on first call) and starts convex-test. */
  static async load(functionsDir: string): Promise<FunctionRuntime> {
    const modules = discoverModules(functionsDir);
    for (const load of Object.values(modules.forConvexTest)) await load();
    const schemaModule = modules.byModulePath.get("schema");
    const schema = schemaModule === undefined ? undefined : ((await schemaModule()).default as SchemaDefinition<GenericSchema, boolean>);
    const root = convexTest(schema, modules.forConvexTest);
    const internals = await captureInternals(root);
    return new FunctionRuntime(modules, root, internals);
  }

  get functionsDir(): string {
    return this.modules.root;
  }

  /** The latest commit timestamp (ns); every Transition's endVersion.ts is taken from here. */
  get latestTs(): bigint {
    return this.internals.transactionManager._lastCommitTs;
  }

  /** Moves the commit clock forward to at least `ts`, so new commits are always above every issued timestamp. */
  advanceClockTo(ts: bigint): void {
    const manager = this.internals.transactionManager;
    if (ts > manager._lastCommitTs) manager._lastCommitTs = ts;
  }

  /**
   * Called synchronously after every top-level commit (mutations, mutations inside actions, scheduled functions),
   * with the ids of the root component's documents it wrote or deleted.
   */
  onCommit(listener: (ts: bigint, changedIds: readonly string[]) => void): void {
    this.commitListeners.push(listener);
  }

  /** Runs a function; `journal` is a subscription's query journal from its last result (pagination.ts). */
  async run(kind: FunctionKind, path: FunctionPath, args: Record<string, Value>, identity: Identity, requestId: string, journal: string | null = null): Promise<RunOutcome> {
    const refusal = await this.checkCallable(kind, path, identity);
    if (refusal !== null) return { success: false, errorMessage: serverError(requestId, refusal), logLines: [], committed: false };
    const accessor = this.accessorFor(identity);
    // Args were validated as Convex values already; convex-test's generic signatures cannot express that statically.
    const reference = makeFunctionReference(path.reference) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    const slot = { ts: null as bigint | null };
    let journaled;
    try {
      journaled = await withJournal(journal, () =>
        captureLogs(() =>
          commitSlots.run(slot, async (): Promise<unknown> => {
            switch (kind) {
              case "query":
                return await accessor.query(reference, args);
              case "mutation":
                return await accessor.mutation(reference, args);
              case "action":
                return await accessor.action(reference, args);
            }
          }),
        ),
      );
    } catch (error) {
      // Only a journal that does not parse gets here: the backend refuses it before running anything.
      return { success: false, errorMessage: serverError(requestId, (error as Error).message), logLines: [], committed: false, journal: null };
    }
    const { result, logLines } = journaled.result;
    const committed = slot.ts !== null;
    if (result.status === "fulfilled") {
      const value = (result.value ?? null) as Value;
      return { success: true, value, logLines, ts: kind === "mutation" ? (slot.ts ?? this.latestTs) : null, committed, journal: journaled.journal };
    }
    return { success: false, ...describeThrown(result.reason, requestId, this.modules.root), logLines, committed, journal: journaled.journal };
  }

  /**
   * A subscribed query at the latest commit. Every commit reruns every subscription of every connection, so identical
   * queries (same identity, path, args and journal) are run once per commit timestamp and their outcome shared.
   */
  runSubscribedQuery(path: FunctionPath, args: Record<string, Value>, identity: Identity, journal: string | null = null): Promise<RunOutcome> {
    const ts = this.latestTs;
    if (ts !== this.sharedTs) {
      this.sharedResults.clear();
      this.sharedTs = ts;
    }
    const key = JSON.stringify([identity, path.canonical, encodeValue(args), journal]);
    let outcome = this.sharedResults.get(key);
    if (outcome === undefined) {
      outcome = this.run("query", path, args, identity, requestIdFor(null, null), journal);
      this.sharedResults.set(key, outcome);
    }
    return outcome;
  }

  /** The kind of a public (or, for admins, internal) function, or null when there is no such function. */
  async kindOf(path: FunctionPath, identity: Identity): Promise<FunctionKind | null> {
    const fn = await this.lookup(path, identity);
    if (fn === null) return null;
    return fn.isQuery ? "query" : fn.isMutation ? "mutation" : "action";
  }

  get hasHttpRouter(): boolean {
    return this.modules.byModulePath.has("http");
  }

  /** Runs an HTTP action from convex/http.ts; `pathAndQuery` starts with "/". */
  async fetch(pathAndQuery: string, init: RequestInit): Promise<{ response?: Response; error?: unknown; logLines: string[]; committed: boolean }> {
    const slot = { ts: null as bigint | null };
    const { result, logLines } = await captureLogs(() => commitSlots.run(slot, () => this.root.fetch(pathAndQuery, init)));
    const committed = slot.ts !== null;
    return result.status === "fulfilled" ? { response: result.value, logLines, committed } : { error: result.reason, logLines, committed };
  }

  exportDatabase(): DatabaseSnapshot {
    const db = this.rootDatabase;
    const documents: Record<string, JsonValue> = {};
    for (const [id, document] of Object.entries(db._documents)) documents[id] = encodeValue(document);
    return {
      commitTs: this.latestTs.toString(),
      nextDocId: db._nextDocId,
      lastCreationTime: db._lastCreationTime,
      documents,
    };
  }

  /** The current committed state of `ids` (null for the deleted ones) and of the clock. */
  exportChanges(ids: Iterable<string>): DatabaseChanges {
    const db = this.rootDatabase;
    const documents: Record<string, JsonValue | null> = {};
    for (const id of ids) {
      const document = db._documents[id];
      documents[id] = document === undefined ? null : encodeValue(document);
    }
    return { commitTs: this.latestTs.toString(), nextDocId: db._nextDocId, lastCreationTime: db._lastCreationTime, documents };
  }

  /** Replays changes exported by exportChanges on top of the current state (start-up only, before any function runs). */
  applyChanges(changes: DatabaseChanges): void {
    const db = this.rootDatabase;
    for (const [id, document] of Object.entries(changes.documents)) {
      if (document === null) delete db._documents[id];
      else db._documents[id] = decodeValue(document) as Record<string, Value>;
    }
    db._nextDocId = Math.max(db._nextDocId, changes.nextDocId);
    db._lastCreationTime = Math.max(db._lastCreationTime, changes.lastCreationTime);
    this.advanceClockTo(BigInt(changes.commitTs));
  }

  importDatabase(snapshot: DatabaseSnapshot): void {
    const db = this.rootDatabase;
    const documents: Record<string, Record<string, Value>> = {};
    for (const [id, document] of Object.entries(snapshot.documents)) {
      documents[id] = decodeValue(document) as Record<string, Value>;
    }
    db._documents = documents;
    db._nextDocId = Math.max(db._nextDocId, snapshot.nextDocId);
    db._lastCreationTime = Math.max(db._lastCreationTime, snapshot.lastCreationTime);
    this.advanceClockTo(BigInt(snapshot.commitTs));
  }

  private get rootDatabase(): DatabaseFake {
    return this.internals.components[""].db;
  }

  private installCommitHook(): void {
    const manager = this.internals.transactionManager;
    const commit = manager.commit.bind(manager);
    manager.commit = (isNested: boolean) => {
      // A top-level commit applies the outermost level of pending writes: those ids are what it changes.
      const writes = isNested ? undefined : this.rootDatabase._writes.at(-1);
      const changedIds = writes === undefined ? [] : Object.keys(writes);
      const ts = commit(isNested);
      if (ts !== null) {
        const slot = commitSlots.getStore();
        if (slot !== undefined) slot.ts = ts;
        outsideCapture(() => {
          for (const listener of this.commitListeners) {
            try {
              listener(ts, changedIds);
            } catch (error) {
              console.error("convex-emulator: commit listener failed", error);
            }
          }
        });
      }
      return ts;
    };
  }

  /** The backend's checks before running a function (udf/src/validation.rs): visibility, then the function type. */
  private async checkCallable(kind: FunctionKind, path: FunctionPath, identity: Identity): Promise<string | null> {
    const fn = await this.lookup(path, identity);
    if (fn === null) return notFoundMessage(path.stripped);
    const actual: FunctionKind = fn.isQuery ? "query" : fn.isMutation ? "mutation" : "action";
    return actual === kind ? null : wrongTypeMessage(path.canonical, KIND_NAMES[kind], KIND_NAMES[actual]);
  }

  private async lookup(path: FunctionPath, identity: Identity): Promise<RegisteredFunction | null> {
    const load = this.modules.byModulePath.get(path.module);
    if (load === undefined || path.module === "http" || path.module === "schema") return null;
    const fn = (await load())[path.name] as RegisteredFunction | undefined;
    if (fn === undefined || fn === null || !(fn.isQuery || fn.isMutation || fn.isAction)) return null;
    // Internal functions look exactly like missing ones to non-admins, so their existence does not leak.
    if (fn.isInternal && identity.kind !== "admin") return null;
    return fn;
  }

  private accessorFor(identity: Identity): Accessor {
    if (identity.kind === "none" || identity.actingAs === undefined) return this.root;
    const key = JSON.stringify(identity.actingAs);
    let accessor = this.identityAccessors.get(key);
    if (accessor === undefined) {
      accessor = this.root.withIdentity(identity.actingAs as Parameters<Accessor["withIdentity"]>[0]) as Accessor;
      this.identityAccessors.set(key, accessor);
    }
    return accessor;
  }
}

/**
 * convex-test keeps its database and transaction manager in a module-private AsyncLocalStorage store and enters it
 * on every call. Watching AsyncLocalStorage.prototype.run during one harmless call is the least invasive way to get
 * a handle on them (the alternative is forking convex-test).
 */
async function captureInternals(accessor: Accessor): Promise<ConvexTestGlobal> {
  const prototype = AsyncLocalStorage.prototype as unknown as { run: (...args: unknown[]) => unknown };
  const originalRun = prototype.run;
  let found: ConvexTestGlobal | undefined;
  prototype.run = function (this: unknown, ...args: unknown[]) {
    if (found === undefined && looksLikeConvexTestGlobal(args[0])) found = args[0];
    return originalRun.apply(this, args);
  };
  try {
    await accessor.run(async () => null);
  } finally {
    prototype.run = originalRun;
  }
  if (found === undefined) {
    throw new Error("convex-emulator: could not reach convex-test's state; the emulator is written against convex-test 0.0.60");
  }
  return found;
}

function looksLikeConvexTestGlobal(store: unknown): store is ConvexTestGlobal {
  if (typeof store !== "object" || store === null) return false;
  const candidate = store as Partial<ConvexTestGlobal>;
  const db = candidate.components?.[""]?.db as Partial<DatabaseFake> | undefined;
  const manager = candidate.transactionManager as Partial<TransactionManager> | undefined;
  return (
    typeof db?._documents === "object" &&
    Array.isArray(db._writes) &&
    typeof db._nextDocId === "number" &&
    typeof db._lastCreationTime === "number" &&
    typeof manager?._lastCommitTs === "bigint" &&
    typeof manager.commit === "function"
  );
}
