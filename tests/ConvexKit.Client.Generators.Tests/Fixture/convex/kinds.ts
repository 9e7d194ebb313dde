// Functions over every validator kind, for the generator tests: typed C# calls round-trip values through them.
import { v } from "convex/values";
import { action, internalQuery, mutation, query } from "./_generated/server";
import { thingFields } from "./schema";

const thing = v.object(thingFields);
const thingDocument = v.object({ _id: v.id("things"), _creationTime: v.number(), ...thingFields });

/** Returns its argument: every kind out and back. */
export const echo = mutation({
  args: { value: thing, optionalText: v.optional(v.string()), optionalCount: v.optional(v.int64()) },
  returns: v.object({ value: thing, optionalText: v.optional(v.string()), optionalCount: v.optional(v.int64()), sawOptionalText: v.boolean() }),
  handler: async (_ctx, args) => ({ ...args, sawOptionalText: "optionalText" in args }),
});

export const insert = mutation({
  args: { value: thing },
  returns: v.id("things"),
  handler: async (ctx, { value }) => await ctx.db.insert("things", value),
});

export const get = query({
  args: { id: v.id("things") },
  returns: v.union(thingDocument, v.null()),
  handler: async (ctx, { id }) => await ctx.db.get(id),
});

export const list = query({
  args: {},
  returns: v.array(thingDocument),
  handler: async (ctx) => await ctx.db.query("things").collect(),
});

export const shout = action({
  args: { text: v.string() },
  returns: v.string(),
  handler: async (_ctx, { text }) => text.toUpperCase(),
});

export const secret = internalQuery({
  args: {},
  returns: v.literal("hidden"),
  handler: async () => "hidden" as const,
});

/** A union of different kinds: no C# mapping, typed ConvexValue with a CONVEX001 warning. */
export const mixed = query({
  args: { asNumber: v.boolean() },
  returns: v.union(v.string(), v.number()),
  handler: async (_ctx, { asNumber }) => (asNumber ? 42 : "forty-two"),
});

/** No validators at all: arguments are any object, the value any value. */
export const loose = query({
  handler: async (_ctx, args: Record<string, unknown>) => ({ got: Object.keys(args).length }),
});
