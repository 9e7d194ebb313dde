// Shared helpers for the conformance suite: official clients wired to `ws`, bounded waits, and a raw WebSocket
// speaker for the protocol corners the official client never produces (garbage, version mismatches).
import assert from "node:assert/strict";
import { after, before } from "node:test";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { makeFunctionReference, type FunctionReference } from "convex/server";
import WebSocket from "ws";
import { EmulatorProcess, type EmulatorOptions } from "./emulator-process.js";
import { DEFAULT_TIMEOUT_MS, within } from "./within.js";

export { DEFAULT_TIMEOUT_MS, within };

/** Polls `probe` until it returns something other than undefined. */
export async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, ms = DEFAULT_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const notes = {
  list: makeFunctionReference<"query", Record<string, never>, Note[]>("notes:list"),
  get: makeFunctionReference<"query", { id: string }, Note | null>("notes:get"),
  create: makeFunctionReference<"mutation", { title: string; content: string }, string>("notes:create"),
  update: makeFunctionReference<"mutation", { id: string; title?: string; content?: string }, Note>("notes:update"),
  remove: makeFunctionReference<"mutation", { id: string }, null>("notes:remove"),
};

export interface Note {
  _id: string;
  _creationTime: number;
  title: string;
  content: string;
  createdAt: number;
  updatedAt: number;
}

/** Tracks every client a test opens so `closeAll` can release them even when the test fails. */
export class Clients {
  private readonly open: ConvexClient[] = [];

  ws(url: string): ConvexClient {
    const client = new ConvexClient(url, {
      webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
      skipConvexDeploymentUrlCheck: true,
      unsavedChangesWarning: false,
      // Expected failures would otherwise be printed by the client itself; the tests assert on them instead.
      logger: false,
    });
    this.open.push(client);
    return client;
  }

  http(url: string): ConvexHttpClient {
    return new ConvexHttpClient(url, { skipConvexDeploymentUrlCheck: true });
  }

  async closeAll(): Promise<void> {
    await Promise.allSettled(this.open.splice(0).map((client) => client.close()));
  }
}

/** What a describe block shares: its emulator (valid inside tests and hooks) and the clients its tests open. */
export interface SuiteEmulator {
  readonly emulator: EmulatorProcess;
  readonly clients: Clients;
}

/** Starts one emulator before the enclosing describe's tests, and closes its clients and disposes it after them. */
export function emulatorForSuite(options: EmulatorOptions = {}): SuiteEmulator {
  let started: EmulatorProcess | undefined;
  const clients = new Clients();
  before(async () => {
    started = await EmulatorProcess.start(options);
  });
  after(async () => {
    await clients.closeAll();
    await started?.dispose();
  });
  return {
    get emulator(): EmulatorProcess {
      if (started === undefined) throw new Error("the suite's emulator is not running (its start failed or is still to come)");
      return started;
    },
    clients,
  };
}

/** What `promise` was rejected with; fails when it resolves instead. */
export async function rejectionOf(promise: Promise<unknown>, what: string): Promise<unknown> {
  return await within(
    promise.then(
      () => assert.fail(`expected ${what} to fail`),
      (error: unknown) => error,
    ),
    what,
  );
}

/** Wakes everyone waiting for "something changed". */
class Signal {
  private resolvers: Array<() => void> = [];

  wait(): Promise<void> {
    return new Promise((resolve) => this.resolvers.push(resolve));
  }

  fire(): void {
    for (const resolve of this.resolvers.splice(0)) resolve();
  }
}

/** Every value a subscription delivers, and a way to wait for one that matches. */
export class Subscription<T> {
  readonly values: T[] = [];
  readonly errors: Error[] = [];
  private readonly changed = new Signal();
  readonly unsubscribe: () => void;

  constructor(client: ConvexClient, query: FunctionReference<"query">, args: Record<string, unknown>) {
    this.unsubscribe = client.onUpdate(
      query,
      args,
      (value: T) => {
        this.values.push(value);
        this.changed.fire();
      },
      (error: Error) => {
        this.errors.push(error);
        this.changed.fire();
      },
    );
  }

  get latest(): T | undefined {
    return this.values[this.values.length - 1];
  }

  /** The first delivered value (from the start) that matches. */
  async next(predicate: (value: T) => boolean, what: string): Promise<T> {
    return await within(
      (async () => {
        for (;;) {
          const match = this.values.find(predicate);
          if (match !== undefined) return match;
          await this.changed.wait();
        }
      })(),
      what,
    );
  }

  async nextError(what: string): Promise<Error> {
    return await within(
      (async () => {
        while (this.errors.length === 0) await this.changed.wait();
        return this.errors[0];
      })(),
      what,
    );
  }
}

export type Frame = Record<string, unknown> & { type: string };

/** A hand-driven sync socket: send any text, read parsed frames in order, observe the close code. */
export class RawSocket {
  private readonly frames: Frame[] = [];
  private readonly changed = new Signal();
  closeCode: number | undefined;
  closeReason = "";
  readonly closed: Promise<void>;

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data, isBinary) => {
      if (!isBinary) this.frames.push(JSON.parse(data.toString("utf8")) as Frame);
      this.changed.fire();
    });
    this.closed = new Promise((resolve) =>
      ws.on("close", (code, reason) => {
        this.closeCode = code;
        this.closeReason = reason.toString("utf8");
        this.changed.fire();
        resolve();
      }),
    );
    ws.on("error", () => undefined);
  }

  static async connect(
    baseUrl: string,
    path = "/api/1.48.0/sync",
    headers: Record<string, string> = {},
    options: { autoPong?: boolean } = {},
  ): Promise<RawSocket> {
    const ws = new WebSocket(baseUrl.replace(/^http/, "ws") + path, { headers, ...options });
    const socket = new RawSocket(ws);
    await within(
      new Promise<void>((resolve, reject) => {
        ws.once("open", () => resolve());
        ws.once("unexpected-response", (_req, res) => reject(new UpgradeRefused(res.statusCode ?? 0)));
        ws.once("error", reject);
      }),
      "the WebSocket to open",
    );
    return socket;
  }

  send(message: unknown): void {
    this.ws.send(typeof message === "string" ? message : JSON.stringify(message));
  }

  /** Connect with a fresh session id, as both official clients do first. */
  connect(sessionId: string = crypto.randomUUID(), extra: Record<string, unknown> = {}): string {
    this.send({ type: "Connect", sessionId, connectionCount: 0, lastCloseReason: "InitialConnect", clientTs: Date.now(), ...extra });
    return sessionId;
  }

  /** The next frame of the given type; frames before it are consumed. */
  async next(type: string, what = `a ${type} frame`, ms?: number): Promise<Frame> {
    return (await this.nextWithPrevious(type, what, ms))[0];
  }

  /** The next frame of the given type and the frames received before it (all consumed). */
  async nextWithPrevious(type: string, what = `a ${type} frame`, ms?: number): Promise<[Frame, Frame[]]> {
    return await within(
      (async (): Promise<[Frame, Frame[]]> => {
        for (;;) {
          const index = this.frames.findIndex((frame) => frame.type === type);
          if (index !== -1) {
            const consumed = this.frames.splice(0, index + 1);
            return [consumed[index], consumed.slice(0, index)];
          }
          if (this.closeCode !== undefined) throw new Error(`socket closed (${this.closeCode} ${this.closeReason}) before ${what}`);
          await this.changed.wait();
        }
      })(),
      what,
      ms,
    );
  }

  /** The next frame of the given type that satisfies `predicate`; everything before it is consumed. */
  async nextWhere(type: string, predicate: (frame: Frame) => boolean, what: string): Promise<Frame[]> {
    const consumed: Frame[] = [];
    for (;;) {
      const frame = await this.next(type, what);
      consumed.push(frame);
      if (predicate(frame)) return consumed;
    }
  }

  /** Frames received and not yet consumed. */
  pending(): Frame[] {
    return [...this.frames];
  }

  async waitClosed(what = "the server to close the socket"): Promise<number | undefined> {
    await within(this.closed, what);
    return this.closeCode;
  }

  close(): void {
    this.ws.terminate();
  }
}

export class UpgradeRefused extends Error {
  constructor(readonly status: number) {
    super(`upgrade refused with HTTP ${status}`);
  }
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const response = await within(
    fetch(url, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) }),
    `POST ${url}`,
  );
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Plain-text answers stay text.
  }
  return { status: response.status, body: parsed };
}
