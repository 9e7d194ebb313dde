import { httpRouter } from "convex/server";
import { ConvexError } from "convex/values";
import { api } from "./_generated/api";
import { httpAction } from "./_generated/server";

const http = httpRouter();

http.route({
  path: "/notes",
  method: "GET",
  handler: httpAction(async (ctx) => {
    const notes = await ctx.runQuery(api.notes.list, {});
    return Response.json(notes, { status: 200 });
  }),
});

http.route({
  path: "/notes",
  method: "POST",
  handler: httpAction(async (ctx, request) => {
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return badRequest("Request body must be JSON.");
    }
    if (!isCreateBody(body)) {
      return badRequest('Request body must be a JSON object {"title": string, "content": string}.');
    }
    try {
      const id = await ctx.runMutation(api.notes.create, { title: body.title, content: body.content });
      return Response.json({ id }, { status: 201 });
    } catch (error) {
      if (error instanceof ConvexError && error.data?.code === "INVALID_ARGUMENT") {
        // The domain error as the mutation raised it (code, message and the field it concerns).
        return Response.json(error.data, { status: 400 });
      }
      throw error;
    }
  }),
});

function isCreateBody(body: unknown): body is { title: string; content: string } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return false;
  const { title, content } = body as Record<string, unknown>;
  return typeof title === "string" && typeof content === "string";
}

function badRequest(message: string): Response {
  return Response.json({ code: "INVALID_ARGUMENT", message }, { status: 400 });
}

export default http;
