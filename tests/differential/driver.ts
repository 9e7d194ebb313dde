// Runs a differential scenario (scenarios/<name>.json) with the official npm client: `ConvexClient` from
// convex/browser over the `ws` package, exactly as a Node app would use it. The C# test
// (tests/ConvexKit.Client.Tests/Differential) runs the same file with the .NET client against a second emulator and
// compares what the two clients sent. Both interpreters must stay step-for-step equivalent; the step kinds are
// documented in README.md.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConvexClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { ConvexError, convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import WebSocket from "ws";
import { DEFAULT_TIMEOUT_MS, within } from "../conformance/within.js";

const STEP_TIMEOUT_MS = DEFAULT_TIMEOUT_MS;

type Json = JSONValue;

interface Step {
  readonly op: string;
  readonly [field: string]: unknown;
}

interface Scenario {
  readonly description: string;
  readonly adminKey?: string;
  readonly steps: readonly Step[];
}

/** `{"code": C}`: a ConvexError whose data.code is C. `{"messageIncludes": T}`: any error whose message contains T. */
interface ExpectedError {
  readonly code?: string;
  readonly messageIncludes?: string;
}

/** What a subscription has delivered so far, and a way to wait for a result that matches. */
class Results {
  latest: { value: Value } | { error: Error } | undefined;
  private waiters: Array<() => void> = [];

  deliver(result: { value: Value } | { error: Error }): void {
    this.latest = result;
    for (const wake of this.waiters.splice(0)) wake();
  }

  changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

/** The admin-only surface of the npm client: internal to the package (the dashboard's path), so not in its typings. */
interface AdminClient {
  setAdminAuth(key: string, actingAs?: Record<string, Json>): void;
  readonly client: { clearAuth(): void };
}

export async function runScenario(name: string, deploymentUrl: string | undefined): Promise<void> {
  if (deploymentUrl === undefined) throw new Error(`usage: node --import tsx tests/differential/${name}.ts <emulator url>`);
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), "scenarios", `${name}.json`);
  const scenario = JSON.parse(readFileSync(file, "utf8")) as Scenario;
  const origin = deploymentUrl.replace(/\/+$/, "");

  const client = new ConvexClient(origin, {
    webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
    skipConvexDeploymentUrlCheck: true,
    unsavedChangesWarning: false,
    // The client would print expected failures (the ConvexError step, the dropped socket) itself.
    logger: false,
  });
  const admin = client as unknown as AdminClient;
  const subscriptions = new Map<string, { results: Results; unsubscribe: () => void }>();
  const pending = new Map<string, Promise<Value>>();
  const saved = new Map<string, Json>();
  const authChanges: boolean[] = [];

  try {
    for (const [index, step] of scenario.steps.entries()) {
      const label = `step ${index} (${step.op})`;
      console.error(`npm driver: ${label}`);
      switch (step.op) {
        case "waitConnected":
          await poll(() => client.connectionState().isWebSocketConnected, () => `${label}: the socket to open`);
          break;
        case "subscribe": {
          const results = new Results();
          const unsubscribe = client.onUpdate(
            makeFunctionReference<"query">(text(step, "path")),
            args(step, saved),
            (value: Value) => results.deliver({ value }),
            (error: Error) => results.deliver({ error }),
          );
          subscriptions.set(text(step, "as"), { results, unsubscribe });
          break;
        }
        case "waitResult": {
          const { results } = subscription(subscriptions, text(step, "sub"));
          const expect = step.expect as Record<string, Json>;
          await within(
            (async () => {
              while (!(results.latest !== undefined && "value" in results.latest && matches(results.latest.value, expect, saved))) {
                await results.changed();
              }
            })(),
            `${label}: a result of '${text(step, "sub")}' matching ${JSON.stringify(expect)} (latest: ${describe(results.latest)})`,
          );
          break;
        }
        case "unsubscribe":
          subscription(subscriptions, text(step, "sub")).unsubscribe();
          subscriptions.delete(text(step, "sub"));
          break;
        case "query":
          await settle(client.query(makeFunctionReference<"query">(text(step, "path")), args(step, saved)), step, saved, label);
          break;
        case "mutation":
          await settle(client.mutation(makeFunctionReference<"mutation">(text(step, "path")), args(step, saved)), step, saved, label);
          break;
        case "action":
          await settle(client.action(makeFunctionReference<"action">(text(step, "path")), args(step, saved)), step, saved, label);
          break;
        case "startMutation":
        case "startAction": {
          const call =
            step.op === "startMutation"
              ? client.mutation(makeFunctionReference<"mutation">(text(step, "path")), args(step, saved))
              : client.action(makeFunctionReference<"action">(text(step, "path")), args(step, saved));
          call.catch(() => {}); // settled (and reported) by its await step
          pending.set(text(step, "as"), call);
          break;
        }
        case "await": {
          const call = pending.get(text(step, "of"));
          if (call === undefined) throw new Error(`${label}: nothing was started as '${text(step, "of")}'`);
          await settle(call, step, saved, label, 2 * STEP_TIMEOUT_MS);
          break;
        }
        case "adminAuth":
          if (scenario.adminKey === undefined) throw new Error(`${label}: the scenario has no adminKey`);
          if (step.actingAs === undefined) admin.setAdminAuth(scenario.adminKey);
          else admin.setAdminAuth(scenario.adminKey, step.actingAs as Record<string, Json>);
          break;
        case "tokenAuth": {
          const tokens = step.tokens as string[];
          let calls = 0;
          client.setAuth(
            async () => tokens[Math.min(calls++, tokens.length - 1)] ?? null,
            (authenticated) => authChanges.push(authenticated),
          );
          break;
        }
        case "waitAuth": {
          const expected = step.authenticated as boolean;
          await poll(() => authChanges.at(-1) === expected, () => `${label}: auth to become ${expected} (changes so far: ${JSON.stringify(authChanges)})`);
          break;
        }
        case "clearAuth":
          admin.client.clearAuth();
          break;
        case "hook":
          await hook(origin, text(step, "name"));
          break;
        case "waitStats":
          await waitStats(origin, step, label);
          break;
        case "close":
          await within(client.close(), `${label}: close`);
          break;
        default:
          throw new Error(`${label}: unknown step kind '${step.op}'`);
      }
    }
  } finally {
    await client.close();
  }
}

/** Awaits a call and checks it against the step's `expect` / `expectError`; saves its value under `saveAs`. */
async function settle(call: Promise<Value>, step: Step, saved: Map<string, Json>, label: string, ms = STEP_TIMEOUT_MS): Promise<void> {
  const expectError = step.expectError as ExpectedError | undefined;
  const outcome = await within(
    call.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    ),
    `${label}: the call to settle`,
    ms,
  );
  if ("error" in outcome) {
    if (expectError === undefined) throw new Error(`${label}: the call failed: ${String(outcome.error)}`);
    const error = outcome.error;
    if (expectError.code !== undefined) {
      const code = error instanceof ConvexError ? (error.data as { code?: unknown }).code : undefined;
      if (code !== expectError.code) throw new Error(`${label}: expected a ConvexError with code ${expectError.code}, got ${String(error)}`);
    }
    if (expectError.messageIncludes !== undefined && !(error instanceof Error && error.message.includes(expectError.messageIncludes))) {
      throw new Error(`${label}: expected an error mentioning '${expectError.messageIncludes}', got ${String(error)}`);
    }
    return;
  }
  if (expectError !== undefined) throw new Error(`${label}: expected an error ${JSON.stringify(expectError)}, but the call succeeded`);
  const expect = step.expect as Record<string, Json> | undefined;
  if (expect !== undefined && !matches(outcome.value, expect, saved)) {
    throw new Error(`${label}: expected ${JSON.stringify(expect)}, got ${JSON.stringify(convexToJson(outcome.value))}`);
  }
  if (typeof step.saveAs === "string") saved.set(step.saveAs, convexToJson(outcome.value));
}

function text(step: Step, field: string): string {
  const value = step[field];
  if (typeof value !== "string") throw new Error(`step ${step.op}: '${field}' must be a string`);
  return value;
}

function subscription<T>(subscriptions: Map<string, T>, name: string): T {
  const found = subscriptions.get(name);
  if (found === undefined) throw new Error(`no live subscription named '${name}'`);
  return found;
}

/** The step's `args` as a Convex value, with every {"$var": name} replaced by the value saved under that name. */
function args(step: Step, saved: Map<string, Json>): Record<string, Value> {
  return jsonToConvex(substitute(step.args as Json, saved)) as Record<string, Value>;
}

function substitute(json: Json, saved: Map<string, Json>): Json {
  if (Array.isArray(json)) return json.map((item) => substitute(item, saved));
  if (json === null || typeof json !== "object") return json;
  const keys = Object.keys(json);
  if (keys.length === 1 && keys[0] === "$var") {
    const value = saved.get(json.$var as string);
    if (value === undefined) throw new Error(`nothing was saved as '${String(json.$var)}'`);
    return value;
  }
  return Object.fromEntries(keys.map((key) => [key, substitute(json[key] as Json, saved)]));
}

/** `{"value": V}`: the result is V. `{"includes": {field: V}}`: the result, or one element of it, has those fields. */
function matches(value: Value, expect: Record<string, Json>, saved: Map<string, Json>): boolean {
  const actual = convexToJson(value);
  if ("value" in expect) return same(actual, substitute(expect.value, saved));
  const fields = substitute(expect.includes, saved) as Record<string, Json>;
  const candidates = Array.isArray(actual) ? actual : [actual];
  return candidates.some(
    (candidate) =>
      candidate !== null &&
      typeof candidate === "object" &&
      !Array.isArray(candidate) &&
      Object.entries(fields).every(([key, expected]) => same(candidate[key] as Json, expected)),
  );
}

/** Deep equality regardless of object key order (convexToJson sorts keys, scenario files need not). */
function same(a: Json, b: Json): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => same(item, b[i] as Json));
  }
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => key in b && same(a[key] as Json, b[key] as Json));
}

function describe(latest: Results["latest"]): string {
  if (latest === undefined) return "none";
  return "error" in latest ? `error ${latest.error.message}` : JSON.stringify(convexToJson(latest.value));
}

async function hook(origin: string, name: string): Promise<void> {
  const response = await within(fetch(`${origin}/_emulator/${name}`, { method: "POST" }), `the ${name} hook`);
  if (!response.ok) throw new Error(`POST /_emulator/${name} answered ${response.status} ${await response.text()}`);
}

/** Polls /_emulator/stats until every counter named in the step has exactly its value. */
async function waitStats(origin: string, step: Step, label: string): Promise<void> {
  const wanted = Object.entries(step).filter(([key]) => key !== "op" && key !== "note");
  let last = "";
  await poll(async () => {
    const response = await fetch(`${origin}/_emulator/stats`);
    const stats = (await response.json()) as Record<string, unknown>;
    last = JSON.stringify(stats);
    return wanted.every(([key, value]) => stats[key] === value);
  }, () => `${label}: stats ${JSON.stringify(Object.fromEntries(wanted))} (last: ${last})`);
}

async function poll(probe: () => boolean | Promise<boolean>, what: () => string): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${STEP_TIMEOUT_MS} ms waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
