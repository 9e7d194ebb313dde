import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  notes: defineTable({
    title: v.string(),
    content: v.string(),
    /** Milliseconds since the Unix epoch. */
    createdAt: v.number(),
    /** Milliseconds since the Unix epoch; strictly increases on every update. */
    updatedAt: v.number(),
  }).index("by_updatedAt", ["updatedAt"]),
});
