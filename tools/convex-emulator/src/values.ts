// Convex values on the wire. Decoding and the lossless encoding reuse the official `convex/values` codec, so the
// emulator accepts and produces exactly what the official client does (npm-packages/convex/src/values/value.ts). The lossy "clean"
// encoding of the HTTP API (the `json` format of crates/local_backend/src/public_api.rs) is not exported by that package, so it is implemented here.
import { convexToJson, jsonToConvex, type Value } from "convex/values";

export type { Value };
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** The HTTP API's output encodings: Convex-JSON (`convex_encoded_json`) or clean JSON (`json`). */
export type ValueFormat = "encoded" | "clean";

/** Parses the `format` field of an HTTP request; `undefined` means "use the default"; anything unknown is null. */
export function parseValueFormat(format: unknown, fallback: ValueFormat): ValueFormat | null {
  switch (format) {
    case undefined:
    case null:
      return fallback;
    case "convex_encoded_json":
    case "convex_json":
      return "encoded";
    case "json":
    case "convex_clean_json":
    // export_json differs from clean JSON only for types notes never hold (it is the snapshot-export shape).
    case "export_json":
      return "clean";
    default:
      return null;
  }
}

export function decodeValue(json: unknown): Value {
  return jsonToConvex(json as JsonValue);
}

export function encodeValue(value: Value): JsonValue {
  return convexToJson(value) as JsonValue;
}

export function formatValue(value: Value, format: ValueFormat): JsonValue {
  return format === "encoded" ? encodeValue(value) : toCleanJson(value);
}

/** The server's `export_clean`: Int64 as a decimal string, special floats as names, bytes as base64. */
export function toCleanJson(value: Value): JsonValue {
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "NaN";
    if (value === Infinity) return "Infinity";
    if (value === -Infinity) return "-Infinity";
    return value;
  }
  if (value instanceof ArrayBuffer) return Buffer.from(value).toString("base64");
  if (Array.isArray(value)) return value.map(toCleanJson);
  const out: { [key: string]: JsonValue } = {};
  for (const [key, field] of Object.entries(value)) {
    if (field !== undefined) out[key] = toCleanJson(field);
  }
  return out;
}

/**
 * Turns the wire `args` (a one-element array holding the arguments object, or a bare object on HTTP) into the
 * arguments object a function receives. Throws with a readable message when the shape or a value is invalid.
 */
export function decodeArgs(args: unknown): Record<string, Value> {
  let candidate: unknown = args;
  if (Array.isArray(args)) {
    if (args.length === 0) return {};
    if (args.length !== 1) throw new TypeError(`Expected a single arguments object, got ${args.length} positional arguments`);
    candidate = args[0];
  }
  if (candidate === undefined || candidate === null) return {};
  if (typeof candidate !== "object" || Array.isArray(candidate)) {
    throw new TypeError("The arguments to a Convex function must be an object");
  }
  const decoded = decodeValue(candidate);
  if (typeof decoded !== "object" || decoded === null || Array.isArray(decoded) || decoded instanceof ArrayBuffer) {
    throw new TypeError("The arguments to a Convex function must be an object");
  }
  return decoded as Record<string, Value>;
}
