// One connection's live queries (state.rs's query set): the ids the client has added, the modifications not yet
// answered by a Transition, and the hash of the last result sent for each query, so a Transition carries only the
// results that changed (state.rs `complete_fetch` / `hash_result`).
import type { FunctionPath } from "../function-path.js";
import type { RunOutcome } from "../runtime.js";
import { encodeValue, type JsonValue, type Value } from "../values.js";
import type { QuerySetModification, StateModificationJson } from "./protocol.js";

export interface Subscription {
  readonly path: FunctionPath;
  readonly args: Record<string, Value>;
}

/** A subscription with the query journal to run it with: the client's from its Add, then the one of each result. */
export interface JournaledSubscription extends Subscription {
  readonly journal: string | null;
}

/** What the backend treats as an untagged internal error (close 1011): a duplicate add or an unknown remove. */
export class QuerySetError extends Error {}

type Pending = { readonly type: "Add"; readonly queryId: number; readonly subscription: Subscription; readonly journal: string | null } | { readonly type: "Remove"; readonly queryId: number };
type AddModification = Extract<QuerySetModification, { type: "Add" }>;

export class QuerySet {
  /** Ids live as of the messages received, so duplicates and unknown removes are refused when they arrive. */
  private readonly liveIds = new Set<number>();
  private pending: Pending[] = [];
  private readonly subscriptions = new Map<number, { readonly subscription: Subscription; lastHash: string | null; journal: string | null }>();
  /** The commit ts and identity version the last results were computed at; -1 forces a full rerun. */
  private resultsTs = -1n;
  private resultsIdentity = -1;

  /**
   * Validates a whole ModifyQuerySet before queueing any of it. `parse` turns an Add into a subscription, or returns
   * null after it has refused the message (FatalError); then nothing is queued and false is returned.
   */
  receive(modifications: readonly QuerySetModification[], parse: (add: AddModification) => Subscription | null): boolean {
    const live = new Set(this.liveIds);
    const accepted: Pending[] = [];
    for (const modification of modifications) {
      if (modification.type === "Remove") {
        if (!live.delete(modification.queryId)) throw new QuerySetError(`Nonexistent query id ${modification.queryId}`);
        accepted.push(modification);
        continue;
      }
      if (live.has(modification.queryId)) throw new QuerySetError(`Duplicate query ID ${modification.queryId}`);
      const subscription = parse(modification);
      if (subscription === null) return false;
      live.add(modification.queryId);
      accepted.push({ type: "Add", queryId: modification.queryId, subscription, journal: modification.journal });
    }
    this.liveIds.clear();
    for (const id of live) this.liveIds.add(id);
    this.pending.push(...accepted);
    return true;
  }

  /** Applies the queued modifications (all at once, as the backend does) and returns the QueryRemoved entries. */
  applyPending(): StateModificationJson[] {
    const removed: StateModificationJson[] = [];
    for (const modification of this.pending.splice(0)) {
      if (modification.type === "Add") {
        this.subscriptions.set(modification.queryId, { subscription: modification.subscription, lastHash: null, journal: modification.journal });
      } else {
        this.subscriptions.delete(modification.queryId);
        removed.push({ type: "QueryRemoved", queryId: modification.queryId });
      }
    }
    return removed;
  }

  /** The queries to run for a Transition: all of them when the data or the identity moved, else only new ones. */
  toRun(ts: bigint, identityVersion: number): Array<[number, JournaledSubscription]> {
    const rerunAll = ts !== this.resultsTs || identityVersion !== this.resultsIdentity;
    return [...this.subscriptions.entries()]
      .filter(([, entry]) => rerunAll || entry.lastHash === null)
      .map(([id, entry]) => [id, { ...entry.subscription, journal: entry.journal }]);
  }

  /** Forgets when the last results were computed, so the next Transition reruns everything. */
  invalidate(): void {
    this.resultsTs = -1n;
  }

  /** Records results computed at (ts, identityVersion) and returns the modifications for the ones that changed. */
  record(results: ReadonlyMap<number, RunOutcome>, ts: bigint, identityVersion: number): StateModificationJson[] {
    this.resultsTs = ts;
    this.resultsIdentity = identityVersion;
    const changed: StateModificationJson[] = [];
    for (const [queryId, outcome] of results) {
      const entry = this.subscriptions.get(queryId);
      if (entry === undefined) continue;
      // state.rs complete_fetch keeps every run's journal for the next run, also when the result is unchanged.
      entry.journal = outcome.journal ?? null;
      const { hash, modification } = described(outcome);
      if (hash === entry.lastHash) continue;
      entry.lastHash = hash;
      changed.push({ ...modification, queryId });
    }
    return changed;
  }
}

export function errorDataOf(outcome: Extract<RunOutcome, { success: false }>): { errorData?: JsonValue } {
  return outcome.errorData === undefined ? {} : { errorData: encodeValue(outcome.errorData) };
}

/**
 * Subscribed query outcomes are shared by every connection with the same query (runtime.runSubscribedQuery), so
 * their wire form and hash are computed once per outcome rather than once per connection.
 */
const descriptions = new WeakMap<RunOutcome, { readonly hash: string; readonly modification: StateModificationJson }>();

function described(outcome: RunOutcome): { readonly hash: string; readonly modification: StateModificationJson } {
  let description = descriptions.get(outcome);
  if (description === undefined) {
    description = { hash: resultHash(outcome), modification: toModification(0, outcome) };
    descriptions.set(outcome, description);
  }
  return description;
}

function toModification(queryId: number, outcome: RunOutcome): StateModificationJson {
  if (outcome.success) {
    return { type: "QueryUpdated", queryId, value: encodeValue(outcome.value), logLines: outcome.logLines, journal: outcome.journal ?? null };
  }
  return { type: "QueryFailed", queryId, errorMessage: outcome.errorMessage, logLines: outcome.logLines, journal: outcome.journal ?? null, ...errorDataOf(outcome) };
}

/**
 * state.rs hash_result: the value and log lines, or the error and log lines. Each run of a failing query gets a new
 * request id; it is left out so an unchanged error is not resent on every commit.
 */
function resultHash(outcome: RunOutcome): string {
  if (outcome.success) return JSON.stringify(["ok", encodeValue(outcome.value), outcome.logLines]);
  const message = outcome.errorMessage.replace(/^\[Request ID: [0-9a-f]+\] /, "");
  return JSON.stringify(["error", message, outcome.errorData === undefined ? null : encodeValue(outcome.errorData), outcome.logLines]);
}
