// Shared by the npm side of the live benchmarks (b), (c) and (d): the official npm client (`ConvexClient` from
// convex/browser over the `ws` package), created the way a Node app would create it, and the report plumbing.
// Each script prints JSON lines on stdout: control events ({"event": …}) while it runs, then one {"result": …} line.
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { ConvexClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { version } from "convex";
import WebSocket from "ws";

export const notes = {
  create: makeFunctionReference("notes:create"),
  update: makeFunctionReference("notes:update"),
  get: makeFunctionReference("notes:get"),
};

export function options(spec) {
  const { values } = parseArgs({ options: { url: { type: "string" }, ...spec } });
  if (values.url === undefined) throw new Error("--url <deployment url> is required");
  return values;
}

export function createClient(url, webSocketConstructor = WebSocket) {
  // The npm client appends /api/<version>/sync to the URL as given: a trailing slash would double it.
  return new ConvexClient(url.replace(/\/+$/, ""), {
    webSocketConstructor,
    skipConvexDeploymentUrlCheck: true,
    unsavedChangesWarning: false,
    logger: false,
  });
}

/** Wall-clock milliseconds with sub-millisecond resolution, comparable with the .NET harness's DateTime.UtcNow. */
export const wallClockMs = () => performance.timeOrigin + performance.now();

export async function waitUntil(probe, what, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

export function emit(line) {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

export function report(result) {
  emit({ result: { runtime: `node ${process.version}`, convex: version, ...result } });
}
