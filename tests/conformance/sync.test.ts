// The official `convex` npm client (ConvexClient over `ws`) against the emulator running the project's convex/:
// subscriptions, live updates, read-your-writes, ConvexError data and query errors, as a real deployment serves them.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ConvexError } from "convex/values";
import { makeFunctionReference } from "convex/server";
import { emulatorForSuite, notes, rejectionOf, Subscription, within, type Note } from "./helpers.js";

describe("official ConvexClient against the emulator", { timeout: 120_000 }, () => {
  const suite = emulatorForSuite();
  const clients = suite.clients;

  test("prints the banner that says it is not Convex", () => {
    assert.match(suite.emulator.stdout, /ConvexNotes emulator.*NOT a Convex backend/);
  });

  test("delivers the initial result of a subscription", async () => {
    const http = clients.http(suite.emulator.url);
    const id = await within(http.mutation(notes.create, { title: "initial", content: "first" }), "create over HTTP");
    const subscription = new Subscription<Note[]>(clients.ws(suite.emulator.url), notes.list, {});
    const initial = await subscription.next((list) => list.some((note) => note._id === id), "the initial list");
    const note = initial.find((candidate) => candidate._id === id);
    assert.equal(note?.title, "initial");
    assert.equal(note?.content, "first");
    assert.equal(typeof note?._creationTime, "number");
  });

  test("pushes a live update after another client's mutation", async () => {
    const watcher = new Subscription<Note[]>(clients.ws(suite.emulator.url), notes.list, {});
    await watcher.next(() => true, "the first result");
    const writer = clients.ws(suite.emulator.url);
    const id = await within(writer.mutation(notes.create, { title: "from another client", content: "" }), "the mutation");
    const updated = await watcher.next((list) => list.some((note) => note._id === id), "the live update");
    assert.equal(updated[0]._id, id, "the newest note comes first");
  });

  test("resolves a mutation only after its transition reached the same client (read your writes)", async () => {
    const client = clients.ws(suite.emulator.url);
    const subscription = new Subscription<Note[]>(client, notes.list, {});
    await subscription.next(() => true, "the first result");
    const before = subscription.values.length;
    const id = await within(client.mutation(notes.create, { title: "  read your writes  ", content: "x" }), "the mutation");
    // When the promise resolves, the subscriber has already been handed a result that contains the write.
    assert.ok(subscription.values.length > before, "a new result arrived before the mutation resolved");
    const latest = subscription.latest ?? [];
    assert.equal(latest.find((note) => note._id === id)?.title, "read your writes");
  });

  test("an update is visible to a subscription on the note itself", async () => {
    const client = clients.ws(suite.emulator.url);
    const id = await within(client.mutation(notes.create, { title: "to edit", content: "v1" }), "create");
    const subscription = new Subscription<Note | null>(client, notes.get, { id });
    await subscription.next((note) => note?.content === "v1", "the note");
    const updated = await within(client.mutation(notes.update, { id, content: "v2" }), "update");
    assert.equal(updated.content, "v2");
    assert.equal(subscription.latest?.content, "v2");
    await within(client.mutation(notes.remove, { id }), "remove");
    assert.equal(subscription.latest, null);
  });

  test("fails a mutation with the ConvexError data the function threw", async () => {
    const client = clients.ws(suite.emulator.url);
    const invalid = await rejectionOf(client.mutation(notes.create, { title: "   ", content: "" }), "the failing mutation");
    assert.ok(invalid instanceof ConvexError, `expected ConvexError, got ${String(invalid)}`);
    assert.deepEqual(invalid.data, { code: "INVALID_ARGUMENT", message: "Title must not be empty.", field: "title" });

    const missing = await rejectionOf(client.mutation(notes.remove, { id: "no-such-note" }), "the failing remove");
    assert.ok(missing instanceof ConvexError);
    assert.deepEqual(missing.data, { code: "NOT_FOUND", message: 'Note "no-such-note" does not exist.' });
  });

  test("fails a plain error as an Error with the backend's message, not a ConvexError", async () => {
    const client = clients.ws(suite.emulator.url);
    const error = await rejectionOf(client.mutation(notes.create, { title: 42 } as never), "the invalid-args mutation");
    assert.ok(error instanceof Error && !(error instanceof ConvexError));
    assert.match(error.message, /\[Request ID: [0-9a-f]{16}\] Server Error\nArgumentValidationError: /);
  });

  test("reports query errors through the subscription's error callback", async () => {
    const client = clients.ws(suite.emulator.url);
    const unknown = new Subscription<unknown>(client, makeFunctionReference<"query">("notes:nope"), {});
    const unknownError = await unknown.nextError("the error of an unknown query");
    assert.match(unknownError.message, /Could not find public function for 'notes:nope'/);

    const wrongArgs = new Subscription<unknown>(client, notes.get, { id: 7 });
    const argsError = await wrongArgs.nextError("the error of a query with invalid args");
    assert.match(argsError.message, /ArgumentValidationError/);

    const mutationAsQuery = new Subscription<unknown>(client, makeFunctionReference<"query">("notes:create"), {});
    const typeError = await mutationAsQuery.nextError("the error of a mutation subscribed as a query");
    assert.match(typeError.message, /Trying to execute notes\.js:create as Query, but it is defined as Mutation\./);
  });
});
