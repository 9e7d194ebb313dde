// Checks the stored documents against a pushed schema before the push takes effect, as the backend's schema worker
// does between start_push and finish_push (a push whose schema the data violates fails and changes nothing). The
// messages follow the backend's shape ("Document with ID … in table … does not match the schema: …"), worded here.
import { inspect } from "node:util";
import type { Value } from "../values.js";

/** A Convex validator as JSON, as `tableSchema.export().documentType` gives it. */
type ValidatorJson =
  | { type: "null" | "number" | "bigint" | "boolean" | "string" | "bytes" | "any" | "commitTs" }
  | { type: "literal"; value: unknown }
  | { type: "id"; tableName: string }
  | { type: "array"; value: ValidatorJson }
  | { type: "record"; keys: ValidatorJson; values: { fieldType: ValidatorJson } }
  | { type: "union"; value: ValidatorJson[] }
  | { type: "object"; value: Record<string, { fieldType: ValidatorJson; optional: boolean }> };

export interface SchemaTables {
  readonly schemaValidation: boolean;
  /** Table name → `tableSchema.export()`. */
  readonly tables: ReadonlyMap<string, unknown>;
}

export interface SchemaViolation {
  readonly tableName: string;
  readonly message: string;
}

const SYSTEM_FIELDS = new Set(["_id", "_creationTime"]);

/** The table of a convex-test document id ("10001;notes" style: digits, then the table name). */
function tableOf(id: string): string | null {
  const match = /^[0-9]+;?(.+)$/.exec(id);
  return match === null ? null : match[1];
}

/** The first stored document the schema rejects, or null when every document (and every table) fits. */
export function findSchemaViolation(schema: SchemaTables | null, documents: Readonly<Record<string, Record<string, Value>>>): SchemaViolation | null {
  if (schema === null || !schema.schemaValidation) return null;
  for (const [id, document] of Object.entries(documents)) {
    const tableName = tableOf(id);
    if (tableName === null || tableName.startsWith("_")) continue;
    const table = schema.tables.get(tableName) as { documentType?: ValidatorJson } | undefined;
    if (table === undefined) {
      return {
        tableName,
        message: `Table "${tableName}" has documents but is not defined in the new schema. Delete its documents or add the table to the schema.`,
      };
    }
    if (table.documentType === undefined) continue;
    const fields = Object.fromEntries(Object.entries(document).filter(([name]) => !SYSTEM_FIELDS.has(name)));
    const problem = check(table.documentType, fields, "");
    if (problem !== null) {
      return {
        tableName,
        message: `Document with ID "${id}" in table "${tableName}" does not match the schema: ${problem}\n\nDocument: ${inspect(fields, { depth: 5, breakLength: Infinity })}`,
      };
    }
  }
  return null;
}

function describe(value: unknown): string {
  return inspect(value, { depth: 3, breakLength: Infinity });
}

function mismatch(expected: string, value: unknown, at: string): string {
  return `Value does not match validator.\nPath: ${at === "" ? "(document)" : at}\nValue: ${describe(value)}\nValidator: ${expected}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof ArrayBuffer) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === null || prototype === Object.prototype;
}

/** null when `value` fits `validator`, else what is wrong and where (`at` is a `.field[0]` path). */
function check(validator: ValidatorJson, value: unknown, at: string): string | null {
  switch (validator.type) {
    case "any":
      return null;
    case "null":
      return value === null ? null : mismatch("v.null()", value, at);
    case "number":
      return typeof value === "number" ? null : mismatch("v.float64()", value, at);
    case "bigint":
    case "commitTs":
      return typeof value === "bigint" ? null : mismatch("v.int64()", value, at);
    case "boolean":
      return typeof value === "boolean" ? null : mismatch("v.boolean()", value, at);
    case "string":
      return typeof value === "string" ? null : mismatch("v.string()", value, at);
    case "bytes":
      return value instanceof ArrayBuffer ? null : mismatch("v.bytes()", value, at);
    case "literal": {
      const expected = literalValue(validator.value);
      return value === expected ? null : mismatch(`v.literal(${describe(expected)})`, value, at);
    }
    case "id":
      return typeof value === "string" && tableOf(value) === validator.tableName ? null : mismatch(`v.id("${validator.tableName}")`, value, at);
    case "array": {
      if (!Array.isArray(value)) return mismatch("v.array(…)", value, at);
      for (let i = 0; i < value.length; i++) {
        const problem = check(validator.value, value[i], `${at}[${i}]`);
        if (problem !== null) return problem;
      }
      return null;
    }
    case "record": {
      if (!isPlainObject(value)) return mismatch("v.record(…)", value, at);
      for (const [key, item] of Object.entries(value)) {
        const problem = check(validator.keys, key, `${at}.${key}`) ?? check(validator.values.fieldType, item, `${at}.${key}`);
        if (problem !== null) return problem;
      }
      return null;
    }
    case "union":
      return validator.value.some((member) => check(member, value, at) === null) ? null : mismatch("v.union(…)", value, at);
    case "object": {
      if (!isPlainObject(value)) return mismatch("v.object(…)", value, at);
      for (const [field, { fieldType, optional }] of Object.entries(validator.value)) {
        if (value[field] === undefined) {
          if (!optional) {
            return `Object is missing the required field \`${at === "" ? "" : `${at.slice(1)}.`}${field}\`. Consider wrapping the field validator in \`v.optional(...)\` if this is expected.`;
          }
          continue;
        }
        const problem = check(fieldType, value[field], `${at}.${field}`);
        if (problem !== null) return problem;
      }
      for (const field of Object.keys(value)) {
        if (!(field in validator.value)) return `Object contains extra field \`${at === "" ? "" : `${at.slice(1)}.`}${field}\` that is not in the validator.`;
      }
      return null;
    }
  }
}

/** Literal values travel as Convex JSON: an int64 literal is {"$integer": base64}. */
function literalValue(value: unknown): unknown {
  if (typeof value === "object" && value !== null && "$integer" in value) {
    return Buffer.from((value as { $integer: string }).$integer, "base64").readBigInt64LE();
  }
  return value;
}
