// Paginated queries as the backend runs them (crates/isolate/src/environment/udf/async_syscall.rs `query_page` and
// `read_page_from_query`, crates/database/src/query/index_range.rs), in place of convex-test's own `1.0/queryPage`
// syscall, whose cursors and page ends follow other rules:
//
// - Cursors are opaque, bound to the query they came from (a fingerprint of its source and filters); a cursor that
//   does not parse fails the query with `InvalidCursor: Failed to parse cursor`, one from another query with
//   `InvalidCursor: Tried to run a query starting from a cursor, but it looks like this cursor is from a different
//   query.` (clients restart the paginated query on that text). Positions are "after this index key" or "the end".
// - Without an end cursor a page holds up to numItems documents and its continueCursor is the position after the last
//   one read; isDone only once the index range ran out (a page that ends exactly at the last document is not done yet).
// - With an end cursor (given, or taken from the query journal) the page holds every document up to and including it,
//   whatever numItems says, and continueCursor is that end cursor: a page keeps its end while documents come and go.
// - The journal of a run is its continueCursor; the sync worker keeps it and reruns the subscription with it, and
//   clients send it back when they resubscribe after a reconnect (journal strings are as opaque as cursors).
// - splitCursor is the middle of the positions read (when more than two were), pageStatus `SplitRequired` when
//   maximumRowsRead/maximumBytesRead stopped the page early, `SplitRecommended` past three quarters of the read limits
//   or over 6,144 documents.
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import { convexToJson, jsonToConvex, type Value } from "convex/values";

/** The backend's TRANSACTION_MAX_READ_SIZE_ROWS / _BYTES knobs (defaults). */
const MAX_READ_ROWS = 32_000;
const MAX_READ_BYTES = 1 << 24;
/** async_syscall.rs SOFT_MAX_PAGE_LEN: soft_data_limit(8192). */
const SOFT_MAX_PAGE_LEN = softLimit(8192);

/** A position in an index: after the document with these index keys, or the end of the range. */
type Position = { readonly kind: "after"; readonly keys: Value[] } | { readonly kind: "end" };
interface Cursor {
  readonly fingerprint: string;
  readonly position: Position;
}

// The parts of convex-test 0.0.60's DatabaseFake used here (checked by runtime.ts's captureInternals for the rest).
interface QuerySource {
  sortedDocs: Array<Record<string, Value>>;
  filterFn: (document: Record<string, Value>) => boolean;
  fieldPathsToSortBy: string[];
  order: "asc" | "desc";
}
interface PagingDatabase {
  _resolveQuerySource(query: unknown): QuerySource;
  _docIsAfterCursor(document: Record<string, Value>, keys: Value[], fieldPaths: string[], order: "asc" | "desc"): number;
}
interface SyscallGlobal {
  asyncSyscall: (op: string, jsonArgs: string) => Promise<string>;
  components: Record<string, { db: unknown }>;
}

interface QueryPageArgs {
  query: unknown;
  cursor: string | null;
  endCursor: string | null;
  pageSize: number;
  maximumRowsRead: number | null;
  maximumBytesRead: number | null;
}

/** One function run's journal: the end cursor it was given, and the one it ends with. */
interface JournalSlot {
  readonly previousEnd: Cursor | null;
  nextEnd: Cursor | null;
}

const journals = new AsyncLocalStorage<JournalSlot>();

/** Replaces convex-test's `1.0/queryPage` syscall with the backend's rules; the other syscalls are untouched. */
export function installPagination(convexGlobal: unknown): void {
  const target = convexGlobal as SyscallGlobal;
  if (typeof target.asyncSyscall !== "function" || target.components?.[""]?.db === undefined) {
    throw new Error("convex-emulator: convex-test's syscall table has an unexpected shape; written against convex-test 0.0.60");
  }
  const original = target.asyncSyscall;
  const database = target.components[""].db as PagingDatabase;
  target.asyncSyscall = async (op, jsonArgs) => {
    if (op !== "1.0/queryPage") return await original(op, jsonArgs);
    return JSON.stringify(convexToJson(queryPage(database, JSON.parse(jsonArgs) as QueryPageArgs) as Value));
  };
}

/**
 * Runs `run` with the query journal `journal` (a string from an earlier result, or null for none) and returns its
 * result with the journal to send back: null when the run did not paginate. A journal that does not parse fails the
 * run before it starts, as the backend does.
 */
export async function withJournal<T>(journal: string | null, run: () => Promise<T>): Promise<{ result: T; journal: string | null }> {
  const slot: JournalSlot = { previousEnd: journal === null ? null : parseJournal(journal), nextEnd: null };
  const result = await journals.run(slot, run);
  return { result, journal: slot.nextEnd === null ? null : encodeJournal(slot.nextEnd) };
}

function queryPage(database: PagingDatabase, args: QueryPageArgs): Record<string, unknown> {
  const pageSize = args.pageSize;
  if (pageSize === 0) throw badRequest("NoDocumentsForPagination", "Must request at least 1 document while paginating");
  if (pageSize > MAX_READ_ROWS) throw badRequest("PageSizeTooLarge", `Requested too many items: ${pageSize}`);
  if (args.maximumRowsRead === 0 || args.maximumBytesRead === 0) {
    throw badRequest("InvalidPaginationLimit", "maximumRowsRead and maximumBytesRead must be greater than 0");
  }
  const slot = journals.getStore();
  if (slot?.nextEnd !== null && slot?.nextEnd !== undefined) {
    throw badRequest(
      "MultiplePaginatedDatabaseQueries",
      "This query or mutation function ran multiple paginated queries. Convex only supports a single paginated query in each function.",
    );
  }

  const source = database._resolveQuerySource(args.query);
  const fields = source.fieldPathsToSortBy.includes("_id") ? source.fieldPathsToSortBy : [...source.fieldPathsToSortBy, "_id"];
  const fingerprint = fingerprintOf(args.query);
  const start = args.cursor === null ? null : boundCursor(parseCursor(args.cursor), fingerprint);
  const end = args.endCursor !== null ? boundCursor(parseCursor(args.endCursor), fingerprint) : slot?.previousEnd ? boundCursor(slot.previousEnd, fingerprint) : null;

  const isAfter = (document: Record<string, Value>, position: Position): number =>
    position.kind === "end" ? -1 : database._docIsAfterCursor(document, position.keys, fields, source.order);
  const inRange = source.sortedDocs.filter(
    (document) => (start === null || (start.position.kind !== "end" && isAfter(document, start.position) > 0)) && (end === null || isAfter(document, end.position) <= 0),
  );

  // index_range.rs: limits are not enforced when the page has an end, which must be reached for correctness.
  const enforceLimits = end === null;
  const page: Array<Record<string, Value>> = [];
  const positionsRead: Position[] = [];
  let rowsRead = 0;
  let bytesRead = 0;
  let pageStatus: "SplitRequired" | "SplitRecommended" | null = null;
  let cursor: Position | null = start?.position ?? null;
  let exhausted = true;
  for (const document of inRange) {
    const overBytes = args.maximumBytesRead !== null && bytesRead >= args.maximumBytesRead;
    const overRows = args.maximumRowsRead !== null && rowsRead >= args.maximumRowsRead;
    if (enforceLimits && (overBytes || overRows)) {
      pageStatus = "SplitRequired";
      exhausted = false;
      break;
    }
    rowsRead++;
    bytesRead += JSON.stringify(convexToJson(document)).length;
    cursor = { kind: "after", keys: fields.map((field) => fieldValue(document, field)) };
    positionsRead.push(cursor);
    if (source.filterFn(document)) page.push(document);
    // read_page_from_query stops as soon as the page is full, without looking further: no isDone yet.
    if (end === null && page.length >= pageSize) {
      exhausted = false;
      break;
    }
  }
  if (exhausted) cursor = end?.position ?? { kind: "end" };
  if (cursor === null) throw new Error("convex-emulator: paginated query without a cursor");

  const softRows = softLimit(Math.min(args.maximumRowsRead ?? MAX_READ_ROWS, MAX_READ_ROWS));
  const softBytes = softLimit(Math.min(args.maximumBytesRead ?? MAX_READ_BYTES, MAX_READ_BYTES));
  if (pageStatus === null && (rowsRead > softRows || bytesRead > softBytes || page.length > SOFT_MAX_PAGE_LEN)) {
    pageStatus = "SplitRecommended";
  }
  const split = positionsRead.length > 2 ? positionsRead[Math.floor(positionsRead.length / 2)] : null;
  const continueCursor: Cursor = { fingerprint, position: cursor };
  if (slot !== undefined) slot.nextEnd = continueCursor;
  return {
    page,
    isDone: cursor.kind === "end",
    continueCursor: encodeCursor(continueCursor),
    splitCursor: split === null ? null : encodeCursor({ fingerprint, position: split }),
    pageStatus,
  };
}

function softLimit(hardLimit: number): number {
  return Math.floor((hardLimit * 3) / 4);
}

function fieldValue(document: Record<string, Value>, fieldPath: string): Value {
  let value: unknown = document;
  for (const part of fieldPath.split(".")) {
    value = typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value as Value;
}

/** The backend's query fingerprint: the same source, range, order and filters give the same one. */
function fingerprintOf(query: unknown): string {
  return createHash("sha256").update(JSON.stringify(query)).digest("base64url").slice(0, 22);
}

function boundCursor(cursor: Cursor, fingerprint: string): Cursor {
  if (cursor.fingerprint !== fingerprint) {
    throw badRequest("InvalidCursor", "Tried to run a query starting from a cursor, but it looks like this cursor is from a different query.");
  }
  return cursor;
}

// Cursors and journals are not encrypted as the backend's are (a test double has no secret to keep), but they are
// checksummed, so a damaged or made-up one is refused rather than read as some position.
const CURSOR_PREFIX = "c1.";
const JOURNAL_PREFIX = "j1.";

function encodeCursor(cursor: Cursor): string {
  const keys = cursor.position.kind === "end" ? null : cursor.position.keys.map((key) => (key === undefined ? [] : [convexToJson(key)]));
  return seal(CURSOR_PREFIX, JSON.stringify({ q: cursor.fingerprint, p: keys }));
}

function parseCursor(text: unknown): Cursor {
  const payload = typeof text === "string" ? unseal(CURSOR_PREFIX, text) : null;
  if (payload === null) throw badRequest("InvalidCursor", "Failed to parse cursor");
  try {
    const { q, p } = JSON.parse(payload) as { q: string; p: Array<[] | [unknown]> | null };
    const position: Position = p === null ? { kind: "end" } : { kind: "after", keys: p.map((key) => (key.length === 0 ? undefined : jsonToConvex(key[0] as never))) as Value[] };
    return { fingerprint: q, position };
  } catch {
    throw badRequest("InvalidCursor", "Failed to parse cursor");
  }
}

function encodeJournal(end: Cursor): string {
  return seal(JOURNAL_PREFIX, encodeCursor(end));
}

function parseJournal(journal: string): Cursor {
  const cursor = unseal(JOURNAL_PREFIX, journal);
  if (cursor === null) throw badRequest("InvalidCursor", "Failed to parse cursor");
  return parseCursor(cursor);
}

function seal(prefix: string, payload: string): string {
  const body = Buffer.from(payload).toString("base64url");
  return `${prefix}${body}.${checksum(prefix + body)}`;
}

function unseal(prefix: string, text: string): string | null {
  if (!text.startsWith(prefix)) return null;
  const dot = text.lastIndexOf(".");
  const body = text.slice(prefix.length, dot);
  if (dot <= prefix.length || checksum(prefix + body) !== text.slice(dot + 1)) return null;
  return Buffer.from(body, "base64url").toString();
}

function checksum(text: string): string {
  return createHash("sha256").update(text).digest("base64url").slice(0, 12);
}

/** A bad_request ErrorMetadata as a function sees it: an Error whose message is "<code>: <text>". */
function badRequest(code: string, message: string): Error {
  return new Error(`${code}: ${message}`);
}
