// The notes functions run through the official convex-test package under node's test runner (no vitest needed).
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, mock, test } from "node:test";
import { convexTest } from "convex-test";
import { makeFunctionReference } from "convex/server";
import { ConvexError } from "convex/values";
import schema from "./schema";
import { modules } from "./test.modules";

const list = makeFunctionReference<"query">("notes:list");
const get = makeFunctionReference<"query">("notes:get");
const page = makeFunctionReference<"query">("notes:page");
const create = makeFunctionReference<"mutation">("notes:create");
const update = makeFunctionReference<"mutation">("notes:update");
const remove = makeFunctionReference<"mutation">("notes:remove");

type Note = { _id: string; _creationTime: number; title: string; content: string; createdAt: number; updatedAt: number };

const T0 = Date.UTC(2025, 0, 1);

function newBackend() {
  return convexTest(schema, modules);
}

/** Awaits a call that must fail with a ConvexError and returns its data, so tests can compare it exactly. */
async function convexErrorData(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof ConvexError, `expected a ConvexError, got ${String(error)}`);
    return error.data;
  }
  assert.fail("expected the call to throw a ConvexError");
}

function invalid(message: string, field?: "title" | "content") {
  return field === undefined ? { code: "INVALID_ARGUMENT", message } : { code: "INVALID_ARGUMENT", message, field };
}

beforeEach(() => {
  // Only Date is mocked: convex-test keeps its own handle on the real setTimeout.
  mock.timers.enable({ apis: ["Date"], now: T0 });
});

afterEach(() => {
  mock.timers.reset();
});

describe("notes:list", () => {
  test("is empty for a new deployment", async () => {
    const t = newBackend();
    assert.deepEqual(await t.query(list, {}), []);
  });

  test("returns the most recently updated note first", async () => {
    const t = newBackend();
    const first = await t.mutation(create, { title: "first", content: "" });
    mock.timers.tick(10);
    const second = await t.mutation(create, { title: "second", content: "" });
    mock.timers.tick(10);
    const third = await t.mutation(create, { title: "third", content: "" });

    const ids = (notes: Note[]) => notes.map((note) => note._id);
    assert.deepEqual(ids(await t.query(list, {})), [third, second, first]);

    mock.timers.tick(10);
    await t.mutation(update, { id: first, content: "edited" });
    assert.deepEqual(ids(await t.query(list, {})), [first, third, second]);
  });

  test("orders updates made within the same millisecond by their order", async () => {
    const t = newBackend();
    const a = await t.mutation(create, { title: "a", content: "" });
    const b = await t.mutation(create, { title: "b", content: "" });
    await t.mutation(update, { id: a, title: "a2" });
    const notes: Note[] = await t.query(list, {});
    assert.deepEqual(
      notes.map((note) => note._id),
      [a, b],
    );
  });
});

describe("notes:page", () => {
  type Page = { page: Note[]; isDone: boolean; continueCursor: string };

  /** Reads every page of `numItems` notes, following continueCursor until isDone. */
  async function allPages(t: ReturnType<typeof newBackend>, numItems: number): Promise<Note[][]> {
    const pages: Note[][] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const result: Page = await t.query(page, { paginationOpts: { numItems, cursor } });
      pages.push(result.page);
      if (result.isDone) return pages;
      cursor = result.continueCursor;
    }
    assert.fail("pagination did not finish");
  }

  test("walks every note once, newest updated first, in pages of at most numItems", async () => {
    const t = newBackend();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(await t.mutation(create, { title: `note ${i}`, content: "" }));
      mock.timers.tick(10);
    }
    await t.mutation(update, { id: ids[1], content: "edited" });

    const pages = await allPages(t, 2);
    assert.ok(pages.every((p) => p.length <= 2));
    assert.deepEqual(pages[0].map((note) => note._id), [ids[1], ids[4]]);
    const walked = pages.flat().map((note) => note._id);
    const listed = ((await t.query(list, {})) as Note[]).map((note) => note._id);
    assert.deepEqual(walked, listed);
  });

  test("is one empty, finished page for a new deployment", async () => {
    const t = newBackend();
    const result: Page = await t.query(page, { paginationOpts: { numItems: 10, cursor: null } });
    assert.deepEqual(result.page, []);
    assert.equal(result.isDone, true);
  });

  test("refuses options that are not pagination options", async () => {
    const t = newBackend();
    await assert.rejects(t.query(page, { paginationOpts: { numItems: "ten", cursor: null } }), /Validator error/);
    await assert.rejects(t.query(page, {}), /Validator error/);
  });
});

describe("notes:create and notes:get", () => {
  test("stores the note with its timestamps and returns its id", async () => {
    const t = newBackend();
    const id = await t.mutation(create, { title: "Groceries", content: "milk\neggs" });
    assert.equal(typeof id, "string");

    const note: Note = await t.query(get, { id });
    assert.deepEqual(
      { ...note, _creationTime: undefined },
      { _id: id, _creationTime: undefined, title: "Groceries", content: "milk\neggs", createdAt: T0, updatedAt: T0 },
    );
    assert.equal(typeof note._creationTime, "number");
  });

  test("get returns null for an unknown id of the notes table", async () => {
    const t = newBackend();
    const id = await t.mutation(create, { title: "kept", content: "" });
    // A well-formed notes id that was never issued: take a real one and change its number.
    const unknown = id.replace(/\d+(?=notes$)/, (digits: string) => String(Number(digits) + 1000).padStart(digits.length, "0"));
    assert.notEqual(unknown, id);
    assert.equal(await t.query(get, { id: unknown }), null);
  });

  test("get returns null for malformed ids instead of throwing", async () => {
    const t = newBackend();
    for (const id of ["", "not-an-id", "12345", "💥", "x".repeat(1000)]) {
      assert.equal(await t.query(get, { id }), null, `id ${JSON.stringify(id)}`);
    }
  });

  test("get returns null for a deleted note", async () => {
    const t = newBackend();
    const id = await t.mutation(create, { title: "short-lived", content: "" });
    await t.mutation(remove, { id });
    assert.equal(await t.query(get, { id }), null);
  });

  test("the title is stored trimmed, the content as given", async () => {
    const t = newBackend();
    const id = await t.mutation(create, { title: "  padded title \n", content: "  kept as is  " });
    const note: Note = await t.query(get, { id });
    assert.equal(note.title, "padded title");
    assert.equal(note.content, "  kept as is  ");
  });
});

describe("title and content rules", () => {
  test("a title of 1 and of 200 characters is accepted", async () => {
    const t = newBackend();
    for (const title of ["x", "x".repeat(200), ` ${"x".repeat(200)} `]) {
      const id = await t.mutation(create, { title, content: "" });
      const note: Note = await t.query(get, { id });
      assert.equal(note.title, title.trim());
    }
  });

  test("an empty or whitespace-only title is INVALID_ARGUMENT", async () => {
    const t = newBackend();
    for (const title of ["", "   ", "\t\n"]) {
      assert.deepEqual(
        await convexErrorData(t.mutation(create, { title, content: "" })),
        invalid("Title must not be empty.", "title"),
      );
    }
    assert.deepEqual(await t.query(list, {}), []);
  });

  test("a title of 201 characters is INVALID_ARGUMENT", async () => {
    const t = newBackend();
    assert.deepEqual(
      await convexErrorData(t.mutation(create, { title: "x".repeat(201), content: "" })),
      invalid("Title must be at most 200 characters.", "title"),
    );
  });

  test("content of 100,000 characters is accepted, 100,001 is INVALID_ARGUMENT", async () => {
    const t = newBackend();
    const id = await t.mutation(create, { title: "big", content: "c".repeat(100_000) });
    assert.equal(((await t.query(get, { id })) as Note).content.length, 100_000);
    assert.deepEqual(
      await convexErrorData(t.mutation(create, { title: "too big", content: "c".repeat(100_001) })),
      invalid("Content must be at most 100000 characters.", "content"),
    );
  });

  test("update applies the same rules and changes nothing when they fail", async () => {
    const t = newBackend();
    const id = await t.mutation(create, { title: "valid", content: "body" });
    assert.deepEqual(await convexErrorData(t.mutation(update, { id, title: " " })), invalid("Title must not be empty.", "title"));
    assert.deepEqual(
      await convexErrorData(t.mutation(update, { id, title: "x".repeat(201) })),
      invalid("Title must be at most 200 characters.", "title"),
    );
    assert.deepEqual(
      await convexErrorData(t.mutation(update, { id, content: "c".repeat(100_001) })),
      invalid("Content must be at most 100000 characters.", "content"),
    );
    const note: Note = await t.query(get, { id });
    assert.deepEqual([note.title, note.content, note.updatedAt], ["valid", "body", T0]);
  });

  test("argument validators reject wrong types before the handler runs", async () => {
    const t = newBackend();
    await assert.rejects(t.mutation(create, { title: 42, content: "" }), /Validator error/);
    await assert.rejects(t.mutation(create, { title: "no content" }), /Validator error/);
  });
});

describe("notes:update", () => {
  test("changes only the given fields and returns the updated note", async () => {
    const t = newBackend();
    const id = await t.mutation(create, { title: "title", content: "content" });
    mock.timers.tick(5_000);

    const updated: Note = await t.mutation(update, { id, title: "  new title  " });
    assert.equal(updated.title, "new title");
    assert.equal(updated.content, "content");
    assert.equal(updated.createdAt, T0);
    assert.equal(updated.updatedAt, T0 + 5_000);
    assert.deepEqual(await t.query(get, { id }), updated);

    mock.timers.tick(5_000);
    const again: Note = await t.mutation(update, { id, content: "" });
    assert.deepEqual([again.title, again.content, again.updatedAt], ["new title", "", T0 + 10_000]);
  });

  test("bumps updatedAt strictly even when the clock has not moved", async () => {
    const t = newBackend();
    const id = await t.mutation(create, { title: "t", content: "" });
    const first: Note = await t.mutation(update, { id });
    const second: Note = await t.mutation(update, { id });
    assert.equal(first.updatedAt, T0 + 1);
    assert.equal(second.updatedAt, T0 + 2);
  });

  test("an unknown, malformed or deleted id is NOT_FOUND", async () => {
    const t = newBackend();
    const deleted = await t.mutation(create, { title: "gone", content: "" });
    await t.mutation(remove, { id: deleted });
    for (const id of [deleted, "not-an-id", ""]) {
      assert.deepEqual(await convexErrorData(t.mutation(update, { id, title: "x" })), {
        code: "NOT_FOUND",
        message: `Note ${JSON.stringify(id)} does not exist.`,
      });
    }
  });
});

describe("notes:remove", () => {
  test("deletes the note and returns null", async () => {
    const t = newBackend();
    const keep = await t.mutation(create, { title: "keep", content: "" });
    const drop = await t.mutation(create, { title: "drop", content: "" });
    assert.equal(await t.mutation(remove, { id: drop }), null);
    const notes: Note[] = await t.query(list, {});
    assert.deepEqual(
      notes.map((note) => note._id),
      [keep],
    );
  });

  test("an unknown, malformed or already deleted id is NOT_FOUND", async () => {
    const t = newBackend();
    const id = await t.mutation(create, { title: "once", content: "" });
    await t.mutation(remove, { id });
    for (const missing of [id, "garbage"]) {
      assert.deepEqual(await convexErrorData(t.mutation(remove, { id: missing })), {
        code: "NOT_FOUND",
        message: `Note ${JSON.stringify(missing)} does not exist.`,
      });
    }
  });
});

describe("HTTP actions", () => {
  test("GET /notes returns the list as JSON", async () => {
    const t = newBackend();
    const older = await t.mutation(create, { title: "older", content: "1" });
    mock.timers.tick(1);
    const newer = await t.mutation(create, { title: "newer", content: "2" });

    const response = await t.fetch("/notes", { method: "GET" });
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
    const body = (await response.json()) as Note[];
    assert.deepEqual(
      body.map((note) => [note._id, note.title, note.content]),
      [
        [newer, "newer", "2"],
        [older, "older", "1"],
      ],
    );
  });

  test("POST /notes creates a note and answers 201 with its id", async () => {
    const t = newBackend();
    const response = await t.fetch("/notes", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: " from http ", content: "body" }),
    });
    assert.equal(response.status, 201);
    const { id } = (await response.json()) as { id: string };
    const note: Note = await t.query(get, { id });
    assert.deepEqual([note.title, note.content], ["from http", "body"]);
  });

  test("POST /notes with a body that is not JSON answers 400", async () => {
    const t = newBackend();
    const response = await t.fetch("/notes", { method: "POST", body: "{not json" });
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), invalid("Request body must be JSON."));
    assert.deepEqual(await t.query(list, {}), []);
  });

  test("POST /notes with JSON of the wrong shape answers 400", async () => {
    const t = newBackend();
    for (const body of ["[]", "null", '{"title":"no content"}', '{"title":1,"content":""}']) {
      const response = await t.fetch("/notes", { method: "POST", body });
      assert.equal(response.status, 400, body);
      assert.deepEqual(
        await response.json(),
        invalid('Request body must be a JSON object {"title": string, "content": string}.'),
      );
    }
  });

  test("POST /notes with an invalid title answers 400 with the domain error", async () => {
    const t = newBackend();
    const response = await t.fetch("/notes", { method: "POST", body: JSON.stringify({ title: "  ", content: "" }) });
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), invalid("Title must not be empty.", "title"));
  });
});
