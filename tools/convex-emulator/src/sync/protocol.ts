// The sync protocol's messages (npm-packages/convex/src/browser/sync/protocol.ts). Client messages are validated as strictly as the
// backend's serde types: a wrong shape makes the whole message invalid (FatalError, then close), unknown extra fields
// are ignored.
import type { JsonValue } from "../values.js";

export interface StateVersionJson {
  querySet: number;
  identity: number;
  ts: string;
}

export type QuerySetModification =
  | { readonly type: "Add"; readonly queryId: number; readonly udfPath: string; readonly args: unknown[]; readonly componentPath?: string; readonly journal: string | null }
  | { readonly type: "Remove"; readonly queryId: number };

export type AuthenticationToken =
  | { readonly tokenType: "None" }
  | { readonly tokenType: "Admin"; readonly value: string; readonly actingAs?: Record<string, unknown> }
  | { readonly tokenType: "User"; readonly value: string };

export interface FunctionRequest<T extends "Mutation" | "Action"> {
  readonly type: T;
  readonly requestId: number;
  readonly udfPath: string;
  readonly args: unknown[];
  readonly componentPath?: string;
}

export type ClientMessage =
  | {
      readonly type: "Connect";
      readonly sessionId: string;
      readonly connectionCount: number;
      readonly lastCloseReason: string | null;
      readonly maxObservedTimestamp: string | null;
      readonly clientTs: number | null;
    }
  | { readonly type: "ModifyQuerySet"; readonly baseVersion: number; readonly newVersion: number; readonly modifications: QuerySetModification[] }
  | FunctionRequest<"Mutation">
  | FunctionRequest<"Action">
  | { readonly type: "Authenticate"; readonly baseVersion: number; readonly token: AuthenticationToken }
  | { readonly type: "Event"; readonly eventType: string; readonly event: unknown };

export type StateModificationJson =
  | { type: "QueryUpdated"; queryId: number; value: JsonValue; logLines: string[]; journal: string | null }
  | { type: "QueryFailed"; queryId: number; errorMessage: string; logLines: string[]; journal: string | null; errorData?: JsonValue }
  | { type: "QueryRemoved"; queryId: number };

export type ServerMessage =
  | {
      type: "Transition";
      startVersion: StateVersionJson;
      endVersion: StateVersionJson;
      modifications: StateModificationJson[];
      clientClockSkew: number | null;
      serverTs: bigint;
    }
  | { type: "MutationResponse"; requestId: number; success: true; result: JsonValue; ts: string; logLines: string[] }
  | { type: "MutationResponse"; requestId: number; success: false; result: string; ts: null; logLines: string[]; errorData?: JsonValue }
  | { type: "ActionResponse"; requestId: number; success: true; result: JsonValue; logLines: string[] }
  | { type: "ActionResponse"; requestId: number; success: false; result: string; logLines: string[]; errorData?: JsonValue }
  | { type: "AuthError"; error: string; baseVersion: number | null; authUpdateAttempted: boolean }
  | { type: "FatalError"; error: string }
  | { type: "Ping" };

/** Serialises a server message; `serverTs` is an i64 that exceeds 2^53, so it is spliced in as an exact JSON number. */
export function serializeServerMessage(message: ServerMessage): string {
  if (message.type !== "Transition") return JSON.stringify(message);
  const { serverTs, ...rest } = message;
  return `${JSON.stringify(rest).slice(0, -1)},"serverTs":${serverTs.toString()}}`;
}

export class InvalidMessageError extends Error {}

type Json = Record<string, unknown>;

function fail(message: string): never {
  throw new InvalidMessageError(message);
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function u32(object: Json, field: string): number {
  const value = object[field];
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
    fail(`${String(object.type)}.${field} must be an unsigned 32-bit integer`);
  }
  return value;
}

function string(object: Json, field: string): string {
  const value = object[field];
  if (typeof value !== "string") fail(`${String(object.type)}.${field} must be a string`);
  return value;
}

function optionalString(object: Json, field: string): string | null {
  const value = object[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") fail(`${String(object.type)}.${field} must be a string or null`);
  return value;
}

function args(object: Json): unknown[] {
  const value = object.args;
  if (value === undefined) fail(`${String(object.type)} lacks args`);
  if (!Array.isArray(value)) fail(`${String(object.type)}.args must be an array`);
  return value;
}

const UUID = /^(?:urn:uuid:)?\{?[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\}?$/;

function modification(value: unknown): QuerySetModification {
  if (!isObject(value)) fail("query set modification must be an object");
  switch (value.type) {
    case "Add": {
      const journal = value.journal;
      if (journal !== undefined && journal !== null && typeof journal !== "string") fail("Add.journal must be a string or null");
      const componentPath = optionalString(value, "componentPath");
      return {
        type: "Add",
        queryId: u32(value, "queryId"),
        udfPath: string(value, "udfPath"),
        args: args(value),
        ...(componentPath === null ? {} : { componentPath }),
        journal: journal ?? null,
      };
    }
    case "Remove":
      return { type: "Remove", queryId: u32(value, "queryId") };
    default:
      return fail(`unknown query set modification type ${JSON.stringify(value.type)}`);
  }
}

function token(object: Json): AuthenticationToken {
  switch (object.tokenType) {
    case "None":
      return { tokenType: "None" };
    case "User":
      return { tokenType: "User", value: string(object, "value") };
    case "Admin": {
      // The JS client sends `impersonating`, the Rust client `acting_as`; the backend accepts both.
      const actingAs = object.impersonating ?? object.acting_as;
      if (actingAs !== undefined && actingAs !== null && !isObject(actingAs)) fail("Authenticate.impersonating must be an object");
      return {
        tokenType: "Admin",
        value: string(object, "value"),
        ...(isObject(actingAs) ? { actingAs: withTokenIdentifier(actingAs) } : {}),
      };
    }
    default:
      return fail(`unknown tokenType ${JSON.stringify(object.tokenType)}`);
  }
}

/** UserIdentityAttributes: `tokenIdentifier`, or `issuer` and `subject` from which it is built. */
function withTokenIdentifier(attributes: Json): Record<string, unknown> {
  if (typeof attributes.tokenIdentifier === "string") return attributes;
  if (typeof attributes.issuer === "string" && typeof attributes.subject === "string") {
    return { ...attributes, tokenIdentifier: `${attributes.issuer}|${attributes.subject}` };
  }
  return fail("Authenticate.impersonating needs tokenIdentifier, or issuer and subject");
}

function functionRequest<T extends "Mutation" | "Action">(object: Json, type: T): FunctionRequest<T> {
  const componentPath = optionalString(object, "componentPath");
  return {
    type,
    requestId: u32(object, "requestId"),
    udfPath: string(object, "udfPath"),
    args: args(object),
    ...(componentPath === null ? {} : { componentPath }),
  };
}

/** Parses one text frame; throws InvalidMessageError for anything the backend would reject as a bad message. */
export function parseClientMessage(text: string): ClientMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fail(`Received invalid JSON: ${(error as Error).message}`);
  }
  if (!isObject(parsed)) return fail("message must be a JSON object");
  switch (parsed.type) {
    case "Connect": {
      const sessionId = string(parsed, "sessionId");
      if (!UUID.test(sessionId)) fail("Connect.sessionId must be a UUID");
      const clientTs = parsed.clientTs;
      if (clientTs !== undefined && clientTs !== null && (typeof clientTs !== "number" || !Number.isFinite(clientTs))) {
        fail("Connect.clientTs must be a number");
      }
      return {
        type: "Connect",
        sessionId: sessionId.toLowerCase(),
        connectionCount: u32(parsed, "connectionCount"),
        lastCloseReason: optionalString(parsed, "lastCloseReason"),
        maxObservedTimestamp: optionalString(parsed, "maxObservedTimestamp"),
        clientTs: typeof clientTs === "number" ? clientTs : null,
      };
    }
    case "ModifyQuerySet": {
      const modifications = parsed.modifications;
      if (!Array.isArray(modifications)) fail("ModifyQuerySet.modifications must be an array");
      return {
        type: "ModifyQuerySet",
        baseVersion: u32(parsed, "baseVersion"),
        newVersion: u32(parsed, "newVersion"),
        modifications: modifications.map(modification),
      };
    }
    case "Mutation":
      return functionRequest(parsed, "Mutation");
    case "Action":
      return functionRequest(parsed, "Action");
    case "Authenticate":
      return { type: "Authenticate", baseVersion: u32(parsed, "baseVersion"), token: token(parsed) };
    case "Event":
      return { type: "Event", eventType: string(parsed, "eventType"), event: parsed.event };
    default:
      return fail(`unknown message type ${JSON.stringify(parsed.type)}`);
  }
}
