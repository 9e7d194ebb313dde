// Snapshot files as the backend writes and reads them (crates/exports/src/{lib,zip_uploader}.rs for the ZIP an
// export produces, crates/application/src/snapshot_import/parse.rs for what an import accepts):
//   README.md
//   _tables/documents.jsonl              {"id":<table number>,"name":"<table>"} per user table
//   <table>/documents.jsonl              one document per line, export JSON
//   <table>/generated_schema.jsonl       "uniform": the documents are export JSON
// Imports also take one table as JSON Lines or a JSON array (Convex-JSON values). The emulator has no components
// and no file storage, so `_components/…` and `_storage/…` entries are refused with a message saying so.
import type { Value } from "convex/values";
import { JsonSyntaxError, parseConvexJson, parseExportJson, toExportJson } from "./export-json.js";
import { readZip, writeZip, ZipFormatError, type ZipEntry } from "./zip.js";

/** crates/exports/src/zip_uploader.rs README_MD_CONTENTS. */
const README = `# Welcome to your Convex snapshot export!

This ZIP file contains a snapshot of the tables in your Convex deployment.

Documents for each table are listed as lines of JSON in
<table_name>/documents.jsonl files.

For details on the format and how to use this snapshot with npx convex import,
check out [the docs](https://docs.convex.dev/database/import-export/export) or
ask us in [Discord](http://convex.dev/community).
`;

/** User table numbers start here on the backend; the emulator numbers its tables in name order from it. */
const FIRST_TABLE_NUMBER = 10001;

export type Document = Record<string, Value>;

/** What an import file holds: documents per table, in file order. */
export type ImportedTables = Map<string, Document[]>;

export type ImportFileFormat = "zip" | "jsonLines" | "jsonArray" | "csv";

/** A file that can't be imported; the message is the import's error text. */
export class ImportFileError extends Error {}

/** The ZIP `convex export` downloads: every user table (empty ones too), documents in id order. */
export function snapshotZip(tables: ReadonlyMap<string, readonly Document[]>): Buffer {
  const names = [...tables.keys()].sort();
  const tableLines = names.map((name, index) => `{"id":${FIRST_TABLE_NUMBER + index},"name":${JSON.stringify(name)}}\n`);
  const entries: ZipEntry[] = [
    { name: "README.md", data: Buffer.from(README) },
    { name: "_tables/documents.jsonl", data: Buffer.from(tableLines.join("")) },
  ];
  for (const name of names) {
    const documents = [...(tables.get(name) ?? [])].sort((a, b) => compareIds(a._id, b._id));
    entries.push({ name: `${name}/documents.jsonl`, data: Buffer.from(documents.map((doc) => `${toExportJson(doc)}\n`).join("")) });
    entries.push({ name: `${name}/generated_schema.jsonl`, data: Buffer.from(`${JSON.stringify("uniform")}\n`) });
  }
  return writeZip(entries);
}

/** Parses an uploaded import file; `table` is required for the single-table formats and refused for ZIP. */
export function parseImportFile(bytes: Buffer, format: ImportFileFormat, table: string | undefined): ImportedTables {
  if (format === "csv") throw new ImportFileError("CSV imports are not supported by the emulator; use JSON Lines, a JSON array or a snapshot ZIP.");
  if (format !== "zip") {
    if (table === undefined) throw new ImportFileError(`${format} import requires a table name`);
    checkTableName(table);
    const text = bytes.toString("utf8");
    return new Map([[table, format === "jsonLines" ? jsonLines(text, parseConvexJson) : jsonArray(text)]]);
  }
  let entries: ZipEntry[];
  try {
    entries = readZip(bytes);
  } catch (error) {
    if (error instanceof ZipFormatError) throw new ImportFileError(`The file is not a valid ZIP: ${error.message}`);
    throw error;
  }
  const schemas = new Map<string, string>();
  const documentFiles = new Map<string, Buffer>();
  for (const entry of entries) {
    const documents = /^(.*\/)?([^/]+)\/documents\.jsonl$/.exec(entry.name);
    const schema = /^(.*\/)?([^/]+)\/generated_schema\.jsonl$/.exec(entry.name);
    const match = documents ?? schema;
    if (match === null) continue; // README.md, stray files: ignored, as upstream does
    if ((match[1] ?? "").split("/").includes("_components")) {
      throw new ImportFileError(`${entry.name}: components are not supported by the emulator`);
    }
    if (documents !== null) documentFiles.set(match[2], entry.data);
    else schemas.set(match[2], entry.data.toString("utf8").split("\n")[0].trim());
  }
  const tables: ImportedTables = new Map();
  for (const [name, data] of documentFiles) {
    if (name === "_tables") continue; // table numbers: the emulator has none to keep
    if (name === "_storage") throw new ImportFileError("_storage: file storage is not supported by the emulator's snapshot import");
    checkTableName(name);
    const schema = schemas.get(name);
    if (schema !== undefined && schema !== JSON.stringify("uniform")) {
      throw new ImportFileError(`${name}/generated_schema.jsonl: only the "uniform" format of current exports is supported by the emulator`);
    }
    tables.set(name, jsonLines(data.toString("utf8"), schema === undefined ? parseConvexJson : parseExportJson));
  }
  return tables;
}

function jsonLines(text: string, parse: (line: string) => Value): Document[] {
  const documents: Document[] = [];
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].replace(/\r$/, "");
    if (line.trim() === "") continue;
    let value: Value;
    try {
      value = parse(line);
    } catch (error) {
      if (error instanceof JsonSyntaxError) throw new ImportFileError(`Row ${index + 1} wasn't valid JSON: ${error.message}`);
      throw new ImportFileError(`Row ${index + 1} wasn't a valid Convex value: ${(error as Error).message}`);
    }
    documents.push(asDocument(value, index + 1));
  }
  return documents;
}

function jsonArray(text: string): Document[] {
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch (error) {
    throw new ImportFileError(`Not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(values)) throw new ImportFileError("Not a JSON array");
  return values.map((value, index) => {
    try {
      return asDocument(parseConvexJson(JSON.stringify(value)), index + 1);
    } catch (error) {
      if (error instanceof ImportFileError) throw error;
      throw new ImportFileError(`Row ${index + 1} wasn't a valid Convex value: ${(error as Error).message}`);
    }
  });
}

function asDocument(value: Value, row: number): Document {
  if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof ArrayBuffer) {
    throw new ImportFileError(`Row ${row} wasn't an object`);
  }
  return value as Document;
}

function checkTableName(name: string): void {
  if (name.startsWith("_")) throw new ImportFileError(`Invalid table name ${name} starts with metadata prefix '_'`);
  if (!/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(name)) throw new ImportFileError(`${JSON.stringify(name)} isn't a valid table name`);
}

function compareIds(a: Value | undefined, b: Value | undefined): number {
  const left = String(a);
  const right = String(b);
  return left < right ? -1 : left > right ? 1 : 0;
}
