// What an import will do to the database, worked out before anything is written: the change summary the CLI asks
// the user to confirm, and the writes of the one commit that performs it. Modes and messages follow the backend's
// crates/application/src/snapshot_import/{confirmation,table_change,import_error}.rs.
import type { Value } from "convex/values";
import type { FunctionRuntime } from "../runtime.js";
import { ImportFileError, type Document, type ImportedTables } from "./snapshot-files.js";

/** `convex import`'s modes: the default refuses non-empty tables; --append, --replace, --replace-all. */
export type ImportMode = "requireEmpty" | "append" | "replace" | "replaceAll";

export const IMPORT_MODES: readonly ImportMode[] = ["requireEmpty", "append", "replace", "replaceAll"];

export interface ImportPlan {
  /** Document id → new document, or null to delete; applied as one commit. */
  readonly writes: Map<string, Document | null>;
  /** The "Import change summary" table, as the backend renders it. */
  readonly summary: string[];
  /** True when existing documents would be deleted: the CLI then asks (or needs --yes). */
  readonly deletes: boolean;
  /** Documents written per table, in table order, for the "Imported …" checkpoint lines. */
  readonly imported: ReadonlyArray<readonly [string, number]>;
  readonly rowsWritten: number;
}

/**
 * Plans `tables` into the current database. Ids the emulator could have issued in the same table are kept (an
 * emulator export imports back unchanged); any other `_id` (a real backend's) gets a fresh id, and every string in
 * the imported documents equal to a replaced id is rewritten, so references between imported documents still hold.
 */
export function planImport(runtime: FunctionRuntime, tables: ImportedTables, mode: ImportMode): ImportPlan {
  const existing = existingByTable(runtime);
  const affected = new Set(tables.keys());
  if (mode === "replaceAll") for (const name of existing.keys()) affected.add(name);

  const writes = new Map<string, Document | null>();
  const rows: Array<[string, string, string]> = [];
  let deletes = false;
  for (const name of [...affected].sort()) {
    const current = existing.get(name) ?? [];
    const adding = tables.get(name)?.length ?? 0;
    if (mode === "requireEmpty" && current.length > 0) {
      throw new ImportFileError(`Table ${name} already exists. Please choose a new table name or use replace/append modes.`);
    }
    const deleting = mode === "replace" || mode === "replaceAll" ? current.length : 0;
    if (deleting > 0) {
      deletes = true;
      for (const id of current) writes.set(id, null);
    }
    rows.push([name, adding.toLocaleString("en-US"), `${deleting.toLocaleString("en-US")} of ${current.length.toLocaleString("en-US")}`]);
  }

  const replacedIds = new Map<string, string>();
  const pending: Array<[string, Document]> = [];
  for (const [name, documents] of tables) {
    const keep = new Set<string>();
    const existingIds = new Set(mode === "append" ? (existing.get(name) ?? []) : []);
    for (const document of documents) {
      const { _id: oldId } = document;
      let id: string;
      if (typeof oldId === "string" && isEmulatorId(oldId, name)) {
        if (keep.has(oldId)) throw new ImportFileError(`Objects in table "${name}" have duplicate _id fields`);
        if (existingIds.has(oldId)) throw new ImportFileError(`Document ${oldId} already exists in table "${name}"`);
        keep.add(oldId);
        id = oldId;
      } else {
        id = runtime.newDocumentId(name);
        if (typeof oldId === "string") replacedIds.set(oldId, id);
      }
      pending.push([id, document]);
    }
  }
  let creationTime = Date.now();
  for (const [id, document] of pending) {
    const fields = replacedIds.size === 0 ? document : (rewriteIds(document, replacedIds) as Document);
    const given = fields._creationTime;
    // An export's _creationTime is kept; a document without one is created now (strictly increasing, like inserts).
    const time = typeof given === "number" ? given : typeof given === "bigint" ? Number(given) : (creationTime += 0.001);
    writes.set(id, { ...fields, _id: id, _creationTime: time });
  }

  return {
    writes,
    summary: renderTableChanges(rows),
    deletes,
    imported: [...tables].map(([name, documents]) => [name, documents.length] as const),
    rowsWritten: pending.length,
  };
}

function existingByTable(runtime: FunctionRuntime): Map<string, string[]> {
  const byTable = new Map<string, string[]>(runtime.schemaTableNames.map((name) => [name, []]));
  for (const id of Object.keys(runtime.committedDocuments)) {
    const table = tableOf(id);
    if (table.startsWith("_")) continue; // system tables (_scheduled_functions, _storage) are not the import's
    byTable.set(table, [...(byTable.get(table) ?? []), id]);
  }
  for (const [name, ids] of byTable) byTable.set(name, ids.sort());
  return byTable;
}

/** convex-test's ids: a decimal counter followed by the table name. */
export function tableOf(id: string): string {
  return id.replace(/^[0-9]+/, "");
}

function isEmulatorId(id: string, table: string): boolean {
  return /^[0-9]+[^0-9]/.test(id) && tableOf(id) === table;
}

function rewriteIds(value: Value, replaced: ReadonlyMap<string, string>): Value {
  if (typeof value === "string") return replaced.get(value) ?? value;
  if (Array.isArray(value)) return value.map((item) => rewriteIds(item, replaced));
  if (value === null || typeof value !== "object" || value instanceof ArrayBuffer) return value;
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, rewriteIds(field as Value, replaced)]));
}

/** table_change.rs render_table_changes: a padded `table | create | delete |` grid under a dashed rule. */
function renderTableChanges(rows: ReadonlyArray<[string, string, string]>): string[] {
  if (rows.length === 0) return [];
  const all: Array<[string, string, string]> = [["table", "create", "delete"], ...rows];
  const widths = [0, 1, 2].map((column) => Math.max(...all.map((row) => row[column].length)));
  const lines = all.map((row) => `${row.map((cell, column) => cell.padEnd(widths[column])).join(" | ")} |`);
  lines.splice(1, 0, "-".repeat(widths[0] + 3 + widths[1] + 3 + widths[2] + 2));
  return ["Import change summary:", ...lines];
}
