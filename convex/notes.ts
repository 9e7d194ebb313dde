import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import type { Doc } from "./_generated/dataModel";
import { mutation, query, type MutationCtx } from "./_generated/server";
import { noteError, validContent, validTitle } from "./lib/validation";

/** The shape every function returns for a note, so clients can rely on it. */
const noteValidator = v.object({
  _id: v.id("notes"),
  _creationTime: v.number(),
  title: v.string(),
  content: v.string(),
  createdAt: v.number(),
  updatedAt: v.number(),
});

/** All notes, the most recently updated first. */
export const list = query({
  args: {},
  returns: v.array(noteValidator),
  handler: async (ctx) => {
    return await ctx.db.query("notes").withIndex("by_updatedAt").order("desc").collect();
  },
});

/**
 * One page of notes, the most recently updated first, for infinite scrolling. Clients keep each page live by
 * subscribing to it; the server pins a live page to its end cursor, so a note that changes moves between pages
 * instead of pushing the others along.
 */
export const page = query({
  args: { paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(noteValidator),
  handler: async (ctx, { paginationOpts }) => {
    return await ctx.db.query("notes").withIndex("by_updatedAt").order("desc").paginate(paginationOpts);
  },
});

/** The note with this id, or null when the id is unknown, deleted, or not a notes id at all. */
export const get = query({
  args: { id: v.string() },
  returns: v.union(noteValidator, v.null()),
  handler: async (ctx, { id }) => {
    const noteId = ctx.db.normalizeId("notes", id);
    return noteId === null ? null : await ctx.db.get(noteId);
  },
});

/** Creates a note and returns its id. */
export const create = mutation({
  args: { title: v.string(), content: v.string() },
  returns: v.id("notes"),
  handler: async (ctx, { title, content }) => {
    const now = Date.now();
    return await ctx.db.insert("notes", {
      title: validTitle(title),
      content: validContent(content),
      createdAt: now,
      updatedAt: now,
    });
  },
});

/** Changes the given fields, bumps updatedAt, and returns the updated note. */
export const update = mutation({
  args: { id: v.string(), title: v.optional(v.string()), content: v.optional(v.string()) },
  returns: noteValidator,
  handler: async (ctx, { id, title, content }) => {
    const note = await existingNote(ctx, id);
    const changes: Partial<Doc<"notes">> = {
      // Strictly increasing even when the clock has not moved, so "newest first" never ties with the old position.
      updatedAt: Math.max(Date.now(), note.updatedAt + 1),
    };
    if (title !== undefined) changes.title = validTitle(title);
    if (content !== undefined) changes.content = validContent(content);
    await ctx.db.patch(note._id, changes);
    return { ...note, ...changes };
  },
});

/** Deletes the note; an unknown id is NOT_FOUND rather than a silent success, so callers learn of stale ids. */
export const remove = mutation({
  args: { id: v.string() },
  returns: v.null(),
  handler: async (ctx, { id }) => {
    const note = await existingNote(ctx, id);
    await ctx.db.delete(note._id);
    return null;
  },
});

async function existingNote(ctx: MutationCtx, id: string): Promise<Doc<"notes">> {
  const noteId = ctx.db.normalizeId("notes", id);
  const note = noteId === null ? null : await ctx.db.get(noteId);
  if (note === null) {
    throw noteError("NOT_FOUND", `Note ${JSON.stringify(id)} does not exist.`);
  }
  return note;
}
