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
import { nowNanos } from "./timestamps.js";
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
  /** Stages a write (null = delete) in the innermost open transaction. */
  _addWrite(id: string, value: Record<string, Value> | null): void;
  /** A new id in `table` (convex-test's format: a zero-padded counter followed by the table name). */
  _generateId(table: string): string;
  /** Throws when `fields` (a document without its system fields) does not match the table's schema. */
  _validate(tableName: string, fields: Record<string, Value>): void;
  /** The schema's tables as `tableSchema.export()` gives them (null = no schema); swapped by a push. */
  _schema: { schemaValidation: boolean; tables: Map<string, unknown> } | null;
}
interface TransactionManager {
  _lastCommitTs: bigint;
  commit(isNested: boolean): bigint | null;
}
interface ConvexTestGlobal {
  /** `modules` resolves a module path without extension (`notes`) to its exports; swapped by a push. */
  components: Record<string, { db: DatabaseFake; modules: (modulePath: string) => Promise<Record<string, unknown>> }>;
  transactionManager: TransactionManager;
}

type Accessor = ReturnType<typeof convexTest>;

/** One finished function run, as `convex logs` and the `convex dev` watcher show it (see deploy/function-logs.ts). */
export interface FunctionExecution {
  readonly udfType: "Query" | "Mutation" | "Action" | "HttpAction";
  /** `notes:list`, or `GET /notes` for HTTP actions. */
  readonly identifier: string;
  readonly startedAtMs: number;
  readonly durationMs: number;
  readonly logLines: readonly string[];
  /** The error text of a failed run, null on success. */
  readonly error: string | null;
}

/** Built-in functions under `_system/` (deploy/system-functions.ts); null = no such function. */
export type SystemFunctions = (path: FunctionPath, args: Record<string, Value>, identity: Identity) => Promise<Value> | null;
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
  private readonly executionListeners: Array<(execution: FunctionExecution) => void> = [];
  private systemFunctions: SystemFunctions | undefined;

  private constructor(
    private modules: FunctionModules,
    private readonly root: Accessor,
    private readonly internals: ConvexTestGlobal,
  ) {
    this.installCommitHook();
    installPagination(internals);
  }

  /** Imports every module (so a broken functions directory fails at start, not on first call) and starts convex-test. */
  static async load(functionsDir: string): Promise<FunctionRuntime> {
    return await FunctionRuntime.fromModules(discoverModules(functionsDir));
  }

  /** Starts convex-test on `modules` (every one is imported first); deploy/ passes pushed modules, or none at all. */
  static async fromModules(modules: FunctionModules): Promise<FunctionRuntime> {
    for (const load of Object.values(modules.forConvexTest)) await load();
    const root = convexTest(await loadSchema(modules), modules.forConvexTest);
    const internals = await captureInternals(root);
    return new FunctionRuntime(modules, root, internals);
  }

  /**
   * Serves `modules` from now on, keeping the database, the clock and scheduled functions: convex-test's module map
   * and schema are swapped in place. Every subscription is rerun (as a push commits on the backend). The caller has
   * imported and checked the modules (deploy/push.ts).
   */
  async replaceModules(modules: FunctionModules): Promise<void> {
    const schema = await loadSchema(modules);
    const byPath = new Map(Object.entries(modules.forConvexTest).map(([key, load]) => [key.replace(/^\.\/convex\//, "").replace(/\.[^./]+$/, ""), load]));
    const root = this.internals.components[""];
    root.modules = async (modulePath) => {
      const load = byPath.get(modulePath);
      if (load === undefined) throw new Error(`Could not find module for: "${modulePath}"`);
      return await load();
    };
    root.db._schema = schema === undefined ? null : exportSchema(schema);
    this.modules = modules;
    this.touch();
  }

  /**
   * Moves the clock one tick and tells the commit listeners, without writing documents: a push or an environment
   * variable change invalidates every subscription on the backend, and here too.
   */
  touch(): void {
    const manager = this.internals.transactionManager;
    const ts = nowNanos() > manager._lastCommitTs ? nowNanos() : manager._lastCommitTs + 1n;
    manager._lastCommitTs = ts;
    this.notifyCommit(ts, []);
  }

  /** Answers `_system/…` paths (admin only); installed by deploy/. */
  setSystemFunctions(functions: SystemFunctions): void {
    this.systemFunctions = functions;
  }

  /** Called after every query, mutation, action and HTTP action run, for `convex logs`. */
  onExecution(listener: (execution: FunctionExecution) => void): void {
    this.executionListeners.push(listener);
  }

  /** Every user module (not _generated) and its exports; the pushed or loaded functions. */
  get functionModules(): FunctionModules {
    return this.modules;
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
    const startedAtMs = Date.now();
    const outcome = await this.runUnreported(kind, path, args, identity, requestId, journal);
    if (!path.module.startsWith("_system/")) {
      this.report({
        udfType: KIND_NAMES[kind] as FunctionExecution["udfType"],
        identifier: path.stripped,
        startedAtMs,
        durationMs: Date.now() - startedAtMs,
        logLines: outcome.logLines,
        error: outcome.success ? null : outcome.errorMessage,
      });
    }
    return outcome;
  }

  private async runUnreported(kind: FunctionKind, path: FunctionPath, args: Record<string, Value>, identity: Identity, requestId: string, journal: string | null): Promise<RunOutcome> {
    if (path.module.startsWith("_system/")) return await this.runSystem(kind, path, args, identity, requestId);
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

  private async runSystem(kind: FunctionKind, path: FunctionPath, args: Record<string, Value>, identity: Identity, requestId: string): Promise<RunOutcome> {
    const pending = kind === "query" && identity.kind === "admin" ? this.systemFunctions?.(path, args, identity) ?? null : null;
    if (pending === null) return { success: false, errorMessage: serverError(requestId, notFoundMessage(path.stripped)), logLines: [], committed: false };
    try {
      return { success: true, value: await pending, logLines: [], ts: null, committed: false };
    } catch (error) {
      return { success: false, ...describeThrown(error, requestId, this.modules.root), logLines: [], committed: false };
    }
  }

  private report(execution: FunctionExecution): void {
    for (const listener of this.executionListeners) {
      try {
        listener(execution);
      } catch (error) {
        outsideCapture(() => console.error("convex-emulator: execution listener failed", error));
      }
    }
  }

  /**
   * A subscribed query at the latest commit. Every commit reruns every subscription of every connection, so identical
   * queries (same identity, path, args and journal) are run once per commit timestamp and their outcome shared.
   */
  runSubscribedQuery(path: FunctionPath, args: Record<string, Value>, identity: Identity, journal: string | null = null): Promise<RunOutcome> {
    // System queries read state outside the database (environment variables, the pushed modules): never shared.
    if (path.module.startsWith("_system/")) return this.run("query", path, args, identity, requestIdFor(null, null));
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
    const startedAtMs = Date.now();
    const { result, logLines } = await captureLogs(() => commitSlots.run(slot, () => this.root.fetch(pathAndQuery, init)));
    const committed = slot.ts !== null;
    this.report({
      udfType: "HttpAction",
      identifier: `${init.method ?? "GET"} ${new URL(pathAndQuery, "http://localhost").pathname}`,
      startedAtMs,
      durationMs: Date.now() - startedAtMs,
      logLines,
      error: result.status === "fulfilled" ? null : describeThrown(result.reason, requestIdFor(null, null), this.modules.root).errorMessage,
    });
    return result.status === "fulfilled" ? { response: result.value, logLines, committed } : { error: result.reason, logLines, committed };
  }

  /** The committed documents by id (read-only use: the schema check of a push). */
  get documents(): Readonly<Record<string, Record<string, Value>>> {
    return this.rootDatabase._documents;
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

  /** The tables the schema defines (they exist, maybe empty, as after a push), or none without a schema. */
  get schemaTableNames(): string[] {
    return [...(this.rootDatabase._schema?.tables.keys() ?? [])];
  }

  /** A fresh document id in `table`, never issued before. */
  newDocumentId(table: string): string {
    return this.rootDatabase._generateId(table);
  }

  /** The root component's committed documents as they are now (read-only: snapshot export reads them). */
  get committedDocuments(): Readonly<Record<string, Readonly<Record<string, Value>>>> {
    return this.rootDatabase._documents;
  }

  /**
   * Writes documents with the ids they carry (null deletes) as one commit, as a snapshot import does; the commit hook
   * runs as for any mutation, so subscriptions rerun and --data saves it. Ids this runtime could have issued move
   * its id counter past them, so later inserts never collide. A document that breaks the schema throws, and nothing
   * is written.
   */
  async commitDocuments(writes: ReadonlyMap<string, Record<string, Value> | null>): Promise<bigint> {
    const slot = { ts: null as bigint | null };
    await commitSlots.run(slot, () =>
      this.root.run(async () => {
        const db = this.rootDatabase;
        for (const [id, document] of writes) {
          if (document !== null) {
            // Checked like an insert: against the schema, without the system fields. A failure rolls everything back.
            const { _id, _creationTime, ...fields } = document;
            db._validate(id.replace(/^[0-9]+/, ""), fields);
          }
          db._addWrite(id, document);
          const counter = /^[0-9]+/.exec(id);
          if (document !== null && counter !== null) db._nextDocId = Math.max(db._nextDocId, Number(counter[0]) + 1);
          if (document !== null && typeof document._creationTime === "number") {
            db._lastCreationTime = Math.max(db._lastCreationTime, document._creationTime);
          }
        }
      }),
    );
    return slot.ts ?? this.latestTs;
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
        this.notifyCommit(ts, changedIds);
      }
      return ts;
    };
  }

  private notifyCommit(ts: bigint, changedIds: readonly string[]): void {
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

async function loadSchema(modules: FunctionModules): Promise<SchemaDefinition<GenericSchema, boolean> | undefined> {
  const schemaModule = modules.byModulePath.get("schema");
  return schemaModule === undefined ? undefined : ((await schemaModule()).default as SchemaDefinition<GenericSchema, boolean>);
}

/** What convex-test's DatabaseFake constructor keeps of a schema. */
function exportSchema(schema: SchemaDefinition<GenericSchema, boolean>): NonNullable<DatabaseFake["_schema"]> {
  const tables = Object.entries(schema.tables as unknown as Record<string, { export(): unknown }>);
  return { schemaValidation: schema.schemaValidation, tables: new Map(tables.map(([name, table]) => [name, table.export()])) };
}

function looksLikeConvexTestGlobal(store: unknown): store is ConvexTestGlobal {
  if (typeof store !== "object" || store === null) return false;
  const candidate = store as Partial<ConvexTestGlobal>;
  if (typeof candidate.components?.[""]?.modules !== "function") return false;
  const db = candidate.components[""].db as Partial<DatabaseFake> | undefined;
  const manager = candidate.transactionManager as Partial<TransactionManager> | undefined;
  return (
    typeof db?._documents === "object" &&
    Array.isArray(db._writes) &&
    typeof db._nextDocId === "number" &&
    typeof db._lastCreationTime === "number" &&
    "_schema" in db &&
    typeof manager?._lastCommitTs === "bigint" &&
    typeof manager.commit === "function"
  );
}
