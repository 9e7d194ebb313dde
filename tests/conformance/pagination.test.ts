// Paginated queries as a backend serves them (tools/convex-emulator/src/pagination.ts): the official clients'
// paginated subscription (load more, pages pinned to their end, page splits), cursors and isDone over HTTP, query
// journals on the wire (sent with a page's result, honoured when a client resubscribes with one), and the errors for
// bad cursors and options.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { ConvexClient } from "convex/browser";
import { makeFunctionReference, type PaginationResult } from "convex/server";
import { FIXTURE_FUNCTIONS } from "./emulator-process.js";
import { emulatorForSuite, notes, RawSocket, rejectionOf, within, type Frame, type Note } from "./helpers.js";

type PageArgs = { paginationOpts: { numItems: number; cursor: string | null; endCursor?: string | null; maximumRowsRead?: number } };
type PageResult<T> = PaginationResult<T> & { splitCursor?: string | null; pageStatus?: string | null };

const notesPage = makeFunctionReference<"query", PageArgs, PageResult<Note>>("notes:page");

type Sample = { _id: string; label: string };
const fixture = {
  store: makeFunctionReference<"mutation", { label: string; value: unknown }, unknown>("values:store"),
  ascending: makeFunctionReference<"query", PageArgs, PageResult<Sample>>("pages:ascending"),
  descending: makeFunctionReference<"query", PageArgs, PageResult<Sample>>("pages:descending"),
  labelled: makeFunctionReference<"query", PageArgs & { label: string }, PageResult<Sample>>("pages:labelled"),
  twice: makeFunctionReference<"query", PageArgs, PageResult<Sample>>("pages:twice"),
};

interface Paginated<T> {
  results: T[];
  status: "LoadingFirstPage" | "CanLoadMore" | "LoadingMore" | "Exhausted";
  loadMore: (numItems: number) => boolean;
}

/** Every result the official client's paginated subscription delivers, and a way to wait for a matching one. */
class PaginatedWatch<T> {
  readonly values: Array<Paginated<T>> = [];
  private wake: () => void = () => undefined;
  readonly unsubscribe: () => void;

  constructor(client: ConvexClient, query: typeof notesPage, initialNumItems: number) {
    this.unsubscribe = client.onPaginatedUpdate_experimental(query, {} as never, { initialNumItems }, (result) => {
      this.values.push(result as unknown as Paginated<T>);
      this.wake();
    });
  }

  get latest(): Paginated<T> | undefined {
    return this.values.at(-1);
  }

  async until(predicate: (result: Paginated<T>) => boolean, what: string): Promise<Paginated<T>> {
    return await within(
      (async () => {
        for (;;) {
          const latest = this.latest;
          if (latest !== undefined && predicate(latest)) return latest;
          await new Promise<void>((resolve) => (this.wake = resolve));
        }
      })(),
      what,
    );
  }
}

const ids = (items: Array<{ _id: string }>) => items.map((item) => item._id);

describe("paginated notes with the official clients", { timeout: 120_000 }, () => {
  const suite = emulatorForSuite();
  const clients = suite.clients;

  test("loadMore walks every note, newest updated first, and ends Exhausted", async () => {
    const http = clients.http(suite.emulator.url);
    for (let i = 0; i < 5; i++) await within(http.mutation(notes.create, { title: `walk ${i}`, content: "" }), "create");
    const all = await within(http.query(notes.list, {}), "the list");

    const watch = new PaginatedWatch<Note>(clients.ws(suite.emulator.url), notesPage, 2);
    let result = await watch.until((r) => r.status === "CanLoadMore", "the first page");
    assert.deepEqual(ids(result.results), ids(all.slice(0, 2)));
    while (result.status === "CanLoadMore") {
      const count = result.results.length;
      assert.equal(result.loadMore(2), true);
      result = await watch.until((r) => r.results.length > count || r.status === "Exhausted", "the next page");
      result = await watch.until((r) => r.status !== "LoadingMore", "the page to load");
    }
    assert.equal(result.status, "Exhausted");
    assert.deepEqual(ids(result.results), ids(all));
    watch.unsubscribe();
  });

  test("a live page keeps its end: new notes grow the first page instead of pushing notes onto the next", async () => {
    const http = clients.http(suite.emulator.url);
    for (let i = 0; i < 4; i++) await within(http.mutation(notes.create, { title: `pin ${i}`, content: "" }), "create");
    const raw = await RawSocket.connect(suite.emulator.url);
    raw.connect();
    raw.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [{ type: "Add", queryId: 0, udfPath: "notes:page", args: [{ paginationOpts: { numItems: 2, cursor: null } }] }] });
    const first = pageOf<Note>(await raw.next("Transition"));
    assert.equal(first.value.page.length, 2);

    const fresh = await within(http.mutation(notes.create, { title: "pin new", content: "" }), "create");
    const grown = pageOf<Note>((await raw.nextWhere("Transition", (frame) => modificationsOf(frame).length > 0, "the live page"))!.at(-1)!);
    assert.deepEqual(ids(grown.value.page), [fresh, ...ids(first.value.page)], "the page grew at the top and kept its last note");
    assert.equal(grown.value.continueCursor, first.value.continueCursor, "the page still ends where it ended");
    raw.close();
  });

  test("a page's result carries its journal, and a resubscription with it ends the page at the same note", async () => {
    const http = clients.http(suite.emulator.url);
    for (let i = 0; i < 3; i++) await within(http.mutation(notes.create, { title: `journal ${i}`, content: "" }), "create");
    const args = [{ paginationOpts: { numItems: 2, cursor: null } }];
    const first = await RawSocket.connect(suite.emulator.url);
    first.connect();
    first.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [{ type: "Add", queryId: 0, udfPath: "notes:page", args }, { type: "Add", queryId: 1, udfPath: "notes:list", args: [{}] }] });
    const transition = await first.next("Transition");
    const page = pageOf<Note>(transition, 0);
    assert.equal(typeof page.journal, "string", "a paginated query's result has a journal");
    assert.equal(modificationsOf(transition).find((m) => m.queryId === 1)?.journal, null, "a query that does not paginate has none");
    first.close();

    const fresh = await within(http.mutation(notes.create, { title: "journal new", content: "" }), "create");
    const again = await RawSocket.connect(suite.emulator.url);
    again.connect();
    again.send({
      type: "ModifyQuerySet",
      baseVersion: 0,
      newVersion: 1,
      modifications: [
        { type: "Add", queryId: 0, udfPath: "notes:page", args, journal: page.journal },
        { type: "Add", queryId: 1, udfPath: "notes:page", args: [{ paginationOpts: { numItems: 2, cursor: null, id: 1 } }] },
      ],
    });
    const resubscribed = await again.next("Transition");
    assert.deepEqual(ids(pageOf<Note>(resubscribed, 0).value.page), [fresh, ...ids(page.value.page)], "with the journal: the same end");
    assert.deepEqual(ids(pageOf<Note>(resubscribed, 1).value.page), [fresh, page.value.page[0]._id], "without: numItems notes");
    again.close();
  });

  test("a journal that is not one of ours fails the query with InvalidCursor", async () => {
    const raw = await RawSocket.connect(suite.emulator.url);
    raw.connect();
    raw.send({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [{ type: "Add", queryId: 0, udfPath: "notes:page", args: [{ paginationOpts: { numItems: 2, cursor: null } }], journal: "made up" }] });
    const failed = modificationsOf(await raw.next("Transition"))[0];
    assert.equal(failed.type, "QueryFailed");
    assert.match(String(failed.errorMessage), /InvalidCursor: Failed to parse cursor/);
    raw.close();
  });

  test("pages that outgrow twice the page size are split by the client, and nothing is lost or repeated", async () => {
    const http = clients.http(suite.emulator.url);
    for (let i = 0; i < 3; i++) await within(http.mutation(notes.create, { title: `split ${i}`, content: "" }), "create");
    const watch = new PaginatedWatch<Note>(clients.ws(suite.emulator.url), notesPage, 2);
    await watch.until((r) => r.status === "CanLoadMore", "the first page");
    for (let i = 0; i < 6; i++) await within(http.mutation(notes.create, { title: `split more ${i}`, content: "" }), "create");
    const all = await within(http.query(notes.list, {}), "the list");
    // The first page grew to 8 notes (> 2 × 2), so the client replaced it with two pages split at its splitCursor.
    const result = await watch.until((r) => r.results.length === 8 && r.status === "CanLoadMore", "the split pages");
    assert.deepEqual(ids(result.results), ids(all.slice(0, 8)));
    watch.unsubscribe();
  });

  test("over HTTP, cursors walk the pages and isDone comes only once the range ran out", async () => {
    const http = clients.http(suite.emulator.url);
    const all = await within(http.query(notes.list, {}), "the list");
    const walked: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    for (;;) {
      const page: PageResult<Note> = await within(http.query(notesPage, { paginationOpts: { numItems: all.length, cursor } }), "a page");
      walked.push(...ids(page.page));
      pages++;
      if (page.isDone) break;
      cursor = page.continueCursor;
    }
    assert.deepEqual(walked, ids(all));
    // A page that ends exactly at the last note cannot know it is the last: a second, empty page says so.
    assert.equal(pages, 2);
  });

  test("a cursor that does not parse, and a page size of 0, fail the query", async () => {
    const http = clients.http(suite.emulator.url);
    const garbage = (await rejectionOf(http.query(notesPage, { paginationOpts: { numItems: 2, cursor: "not a cursor" } }), "a garbage cursor")) as Error;
    assert.match(garbage.message, /InvalidCursor: Failed to parse cursor/);
    const empty = (await rejectionOf(http.query(notesPage, { paginationOpts: { numItems: 0, cursor: null } }), "numItems 0")) as Error;
    assert.match(empty.message, /NoDocumentsForPagination: Must request at least 1 document while paginating/);
    const huge = (await rejectionOf(http.query(notesPage, { paginationOpts: { numItems: 40_000, cursor: null } }), "numItems 40000")) as Error;
    assert.match(huge.message, /PageSizeTooLarge: Requested too many items: 40000/);
  });
});

describe("paginated fixture queries", { timeout: 120_000 }, () => {
  const suite = emulatorForSuite({ functions: FIXTURE_FUNCTIONS });
  const clients = suite.clients;

  test("a cursor of one query is refused by another, with the text clients restart on", async () => {
    const http = clients.http(suite.emulator.url);
    for (let i = 0; i < 3; i++) await within(http.mutation(fixture.store, { label: "a", value: i }), "store");
    const page = await within(http.query(fixture.ascending, { paginationOpts: { numItems: 1, cursor: null } }), "a page");
    const refused = (await rejectionOf(http.query(fixture.descending, { paginationOpts: { numItems: 1, cursor: page.continueCursor } }), "a foreign cursor")) as Error;
    assert.match(refused.message, /InvalidCursor: Tried to run a query starting from a cursor, but it looks like this cursor is from a different query\./);
    const next = await within(http.query(fixture.ascending, { paginationOpts: { numItems: 1, cursor: page.continueCursor } }), "the next page");
    assert.notEqual(next.page[0]._id, page.page[0]._id);
  });

  test("maximumRowsRead stops a page early with SplitRequired; rows read count filtered-out documents", async () => {
    const http = clients.http(suite.emulator.url);
    for (let i = 0; i < 6; i++) await within(http.mutation(fixture.store, { label: i % 2 === 0 ? "even" : "odd", value: i }), "store");
    const page = await within(http.query(fixture.labelled, { label: "even", paginationOpts: { numItems: 10, cursor: null, maximumRowsRead: 4 } }), "a page");
    assert.equal(page.pageStatus, "SplitRequired");
    assert.equal(page.isDone, false);
    assert.equal(typeof page.splitCursor, "string", "more than two rows read: the middle one is the split cursor");
    assert.ok(page.page.length < 4 && page.page.every((sample) => sample.label === "even"));
    const rest = await within(http.query(fixture.labelled, { label: "even", paginationOpts: { numItems: 10, cursor: page.continueCursor } }), "the rest");
    assert.equal(rest.isDone, true);
    assert.equal(page.page.length + rest.page.length, 3);
  });

  test("an end cursor bounds the page whatever numItems says", async () => {
    const http = clients.http(suite.emulator.url);
    const all = await within(http.query(fixture.ascending, { paginationOpts: { numItems: 1000, cursor: null } }), "everything");
    const third = await within(http.query(fixture.ascending, { paginationOpts: { numItems: 3, cursor: null } }), "three");
    const bounded = await within(http.query(fixture.ascending, { paginationOpts: { numItems: 1, cursor: null, endCursor: third.continueCursor } }), "bounded");
    assert.deepEqual(ids(bounded.page), ids(all.page.slice(0, 3)));
    assert.equal(bounded.continueCursor, third.continueCursor);
  });

  test("a function that paginates twice fails as on a backend", async () => {
    const http = clients.http(suite.emulator.url);
    const error = (await rejectionOf(http.query(fixture.twice, { paginationOpts: { numItems: 1, cursor: null } }), "two paginations")) as Error;
    assert.match(error.message, /MultiplePaginatedDatabaseQueries/);
  });
});

type Modification = Frame & { queryId: number; value?: unknown; journal?: string | null; errorMessage?: string };

function modificationsOf(transition: Frame): Modification[] {
  return transition.modifications as Modification[];
}

/** The page result (and journal) of query `queryId` in a Transition. */
function pageOf<T>(transition: Frame, queryId = 0): { value: PaginationResult<T>; journal: string | null } {
  const modification = modificationsOf(transition).find((m) => m.queryId === queryId && m.type === "QueryUpdated");
  assert.ok(modification !== undefined, `query ${queryId} was updated: ${JSON.stringify(transition)}`);
  return { value: modification.value as PaginationResult<T>, journal: modification.journal ?? null };
}
