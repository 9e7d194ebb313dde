// A table with a field of every validator kind, for the generator tests (ConvexKit.Client.Generators.Tests).
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export const thingFields = {
  name: v.string(),
  count: v.int64(),
  score: v.number(),
  flag: v.boolean(),
  data: v.bytes(),
  tags: v.array(v.string()),
  meta: v.object({ label: v.string(), weight: v.optional(v.number()) }),
  status: v.union(v.literal("draft"), v.literal("published"), v.literal("in-review")),
  parent: v.optional(v.id("things")),
  owner: v.optional(v.id("owners")),
  extra: v.any(),
  scores: v.record(v.string(), v.number()),
  note: v.union(v.string(), v.null()),
  level: v.union(v.literal(1), v.literal(2)),
};

export default defineSchema({
  things: defineTable(thingFields),
  owners: defineTable({ name: v.string() }),
});
