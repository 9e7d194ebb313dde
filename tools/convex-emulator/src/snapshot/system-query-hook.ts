// Lets the snapshot API answer the `_system/cli/…` queries the CLI subscribes to, on every route a query takes
// (HTTP /api/query, the sync socket). Paths it does not answer go on to the runtime as before.
import type { FunctionPath } from "../function-path.js";
import { requestIdFor } from "../errors.js";
import type { FunctionKind, FunctionRuntime, Identity, RunOutcome } from "../runtime.js";
import type { Value } from "../values.js";

export type SystemQuery = (path: FunctionPath, args: Record<string, Value>, identity: Identity) => Promise<Value> | null;

export function installSystemQueries(runtime: FunctionRuntime, answer: SystemQuery): void {
  const run = runtime.run.bind(runtime);
  const runSubscribed = runtime.runSubscribedQuery.bind(runtime);
  runtime.run = async (kind: FunctionKind, path: FunctionPath, args: Record<string, Value>, identity: Identity, requestId: string): Promise<RunOutcome> => {
    const pending = kind === "query" ? answer(path, args, identity) : null;
    if (pending === null) return await run(kind, path, args, identity, requestId);
    return { success: true, value: await pending, logLines: [], ts: null, committed: false };
  };
  // Their state lives outside the database, so a result must never be reused for a later call at the same commit.
  runtime.runSubscribedQuery = (path, args, identity) =>
    path.module.startsWith("_system/") ? runtime.run("query", path, args, identity, requestIdFor(null, null)) : runSubscribed(path, args, identity);
}
