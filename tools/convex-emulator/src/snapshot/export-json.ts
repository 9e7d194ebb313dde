// The value encodings of snapshot files (the backend's crates/value/src/export.rs):
// - "export JSON" (ValueFormat::ConvexExportJSON, what `documents.jsonl` in an export holds and what a table with a
//   `generated_schema.jsonl` of "uniform" is read as): Int64 as a plain integer literal, finite Float64 as a number
//   that always has a '.' or an exponent ("123.0"), everything else ($bytes, non-finite $float, $integer) in the
//   internal Convex-JSON encoding. Reading it back needs each number's lexeme, which JSON.parse drops, hence the
//   small parser below.
// - Convex-JSON (the internal encoding), for files without a "uniform" marker: every plain number is a Float64.
import { convexToJson, jsonToConvex, type Value } from "convex/values";

/** One value as export JSON text. */
export function toExportJson(value: Value): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return JSON.stringify(convexToJson(value));
    if (Object.is(value, -0)) return "-0.0";
    const text = String(value);
    return /[.e]/.test(text) ? text : `${text}.0`;
  }
  if (value instanceof ArrayBuffer) return JSON.stringify(convexToJson(value));
  if (Array.isArray(value)) return `[${value.map(toExportJson).join(",")}]`;
  // Fields in byte order, as the backend's ConvexObject (a BTreeMap) writes them.
  const fields = Object.entries(value)
    .filter(([, field]) => field !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, field]) => `${JSON.stringify(key)}:${toExportJson(field as Value)}`);
  return `{${fields.join(",")}}`;
}

export class JsonSyntaxError extends Error {}

/** Parses one line of export JSON (integer literals become Int64, other numbers Float64). */
export function parseExportJson(text: string): Value {
  const parser = new LosslessParser(text);
  const value = parser.value();
  parser.end();
  return value;
}

/** Parses one line of Convex-JSON (plain numbers are Float64). */
export function parseConvexJson(text: string): Value {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new JsonSyntaxError((error as Error).message);
  }
  return jsonToConvex(json as Parameters<typeof jsonToConvex>[0]);
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

class LosslessParser {
  private position = 0;

  constructor(private readonly text: string) {}

  value(): Value {
    this.skipSpace();
    const char = this.text[this.position];
    if (char === "{") return this.object();
    if (char === "[") return this.array();
    if (char === '"') return this.string();
    if (char === "-" || (char !== undefined && char >= "0" && char <= "9")) return this.number();
    for (const [word, value] of [["true", true], ["false", false], ["null", null]] as const) {
      if (this.text.startsWith(word, this.position)) {
        this.position += word.length;
        return value;
      }
    }
    throw this.error("unexpected character");
  }

  end(): void {
    this.skipSpace();
    if (this.position !== this.text.length) throw this.error("trailing characters");
  }

  private object(): Value {
    this.position++;
    const entries: Array<[string, Value]> = [];
    this.skipSpace();
    if (this.text[this.position] === "}") {
      this.position++;
      return {};
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.position] !== '"') throw this.error("expected a key");
      const key = this.string();
      this.expect(":");
      entries.push([key, this.value()]);
      this.skipSpace();
      if (this.text[this.position] === "}") break;
      this.expect(",");
    }
    this.position++;
    // {"$bytes": …}, {"$integer": …}, {"$float": …}: the internal encoding, decoded by the official codec.
    if (entries.length === 1 && entries[0][0].startsWith("$")) {
      return jsonToConvex({ [entries[0][0]]: entries[0][1] } as Parameters<typeof jsonToConvex>[0]);
    }
    return Object.fromEntries(entries);
  }

  private array(): Value {
    this.position++;
    const items: Value[] = [];
    this.skipSpace();
    if (this.text[this.position] === "]") {
      this.position++;
      return items;
    }
    for (;;) {
      items.push(this.value());
      this.skipSpace();
      if (this.text[this.position] === "]") break;
      this.expect(",");
    }
    this.position++;
    return items;
  }

  private string(): string {
    const start = this.position;
    this.position++;
    while (this.position < this.text.length && this.text[this.position] !== '"') {
      this.position += this.text[this.position] === "\\" ? 2 : 1;
    }
    if (this.position >= this.text.length) throw this.error("unterminated string");
    this.position++;
    try {
      return JSON.parse(this.text.slice(start, this.position)) as string;
    } catch {
      throw this.error("invalid string");
    }
  }

  private number(): Value {
    const match = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.text.slice(this.position));
    if (match === null) throw this.error("invalid number");
    this.position += match[0].length;
    if (match[2] === undefined && match[3] === undefined) {
      const integer = BigInt(match[0]);
      // serde_json's as_i64 fails outside i64, and the number is then read as a float.
      if (integer >= INT64_MIN && integer <= INT64_MAX) return integer;
    }
    return Number(match[0]);
  }

  private expect(char: string): void {
    this.skipSpace();
    if (this.text[this.position] !== char) throw this.error(`expected '${char}'`);
    this.position++;
  }

  private skipSpace(): void {
    while (/[ \t\r\n]/.test(this.text[this.position] ?? "")) this.position++;
  }

  private error(message: string): JsonSyntaxError {
    return new JsonSyntaxError(`${message} at column ${this.position + 1}`);
  }
}
