// The snapshot export and import endpoints `convex export` and `convex import` use (the backend's
// crates/local_backend/src/{snapshot_export,snapshot_import}.rs) and the system queries they watch
// (npm-packages/system-udfs/convex/_system/cli/{exports,queryImport}.ts). The CLI's flows
// (npm-packages/convex/src/cli/lib/convex{Export,Import}.ts):
//   export: POST /api/export/request/zip → subscribe _system/cli/exports:getLatest until "completed" →
//           GET /api/export/zip/<start_ts>
//   import: query _system/cli/queryImport:list → POST /api/import/start_upload → POST /api/import/upload_part (×n) →
//           POST /api/import/finish_upload → subscribe _system/cli/queryImport until "waiting_for_confirmation" →
//           POST /api/perform_import → subscribe again until "completed" or "failed"
// The backend runs both in a background worker; here each step finishes before its request is answered, so the
// states the CLI waits for are already there when it subscribes. Admin key only, as on the backend.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Value } from "convex/values";
import { authenticateHttp, type AuthConfig } from "../auth.js";
import type { FunctionPath } from "../function-path.js";
import { HttpError, readBody, readJsonBody, sendJson } from "../http/respond.js";
import type { FunctionRuntime, Identity } from "../runtime.js";
import { nowNanos } from "../timestamps.js";
import { IMPORT_MODES, planImport, tableOf, type ImportMode } from "./import-plan.js";
import { ImportFileError, parseImportFile, snapshotZip, type Document, type ImportFileFormat } from "./snapshot-files.js";

export interface SnapshotDependencies {
  readonly runtime: FunctionRuntime;
  readonly auth: AuthConfig;
  /** Resolves once every commit so far is saved (--data). */
  persist(): Promise<void>;
}

interface StoredExport {
  readonly document: Record<string, Value>;
  readonly startTs: bigint;
  readonly zip: Buffer;
}

interface StoredImport {
  document: Record<string, Value>;
  readonly file: Buffer;
  readonly format: ImportFileFormat;
  readonly table: string | undefined;
  readonly mode: ImportMode;
}

const FORMATS: Record<string, ImportFileFormat> = { zip: "zip", jsonLines: "jsonLines", jsonArray: "jsonArray", csv: "csv" };
/** The stored format tag of model/src/snapshot_imports/types.rs SerializedImportFormat. */
const FORMAT_TAGS: Record<ImportFileFormat, string> = { zip: "zip", jsonLines: "jsonl", jsonArray: "json_array", csv: "csv" };
/** An upload larger than this is refused: the emulator holds it in memory. */
const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;
const PART_LIMIT_BYTES = 32 * 1024 * 1024;
const EXPORT_LIFETIME_NS = 14n * 24n * 3600n * 1_000_000_000n;
const ONCE_STARTED =
  "Once the import has started, it will run in the background.\nInterrupting `npx convex import` will not cancel it.";

export class SnapshotApi {
  private latestExport: StoredExport | null = null;
  private readonly uploads = new Map<string, Buffer[]>();
  private readonly imports = new Map<string, StoredImport>();
  private nextId = 1;

  constructor(private readonly deps: SnapshotDependencies) {}

  /** Handles the snapshot routes; false for any other path. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const route = `${req.method} ${url.pathname}`;
    const exportMatch = /^GET \/api\/export\/zip\/([^/]+)$/.exec(route);
    const known =
      exportMatch !== null ||
      ["POST /api/export/request/zip", "POST /api/import/start_upload", "POST /api/import/upload_part", "POST /api/import/finish_upload", "POST /api/perform_import", "POST /api/cancel_import"].includes(route);
    if (!known) return false;
    this.requireAdmin(req, url);
    if (exportMatch !== null) {
      this.download(res, decodeURIComponent(exportMatch[1]));
      return true;
    }
    switch (route) {
      case "POST /api/export/request/zip":
        await readBody(req);
        this.requestExport(url);
        res.writeHead(200, { "Content-Length": 0 });
        res.end();
        return true;
      case "POST /api/import/start_upload": {
        await readBody(req);
        const uploadToken = randomUUID();
        this.uploads.set(uploadToken, []);
        sendJson(res, 200, { uploadToken });
        return true;
      }
      case "POST /api/import/upload_part":
        sendJson(res, 200, await this.uploadPart(req, url));
        return true;
      case "POST /api/import/finish_upload":
        sendJson(res, 200, { importId: this.finishUpload(await readJsonBody(req)) });
        return true;
      case "POST /api/perform_import":
        await this.performImport(this.importFromBody(await readJsonBody(req)));
        res.writeHead(200, { "Content-Length": 0 });
        res.end();
        return true;
      case "POST /api/cancel_import": {
        const stored = this.importFromBody(await readJsonBody(req));
        if (stateOf(stored) === "waiting_for_confirmation" || stateOf(stored) === "uploaded") this.fail(stored, "Import canceled");
        res.writeHead(200, { "Content-Length": 0 });
        res.end();
        return true;
      }
    }
    return false;
  }

  /** `_system/cli/exports:getLatest`, `_system/cli/queryImport` and `:list` for admins; null for any other path. */
  systemQuery(path: FunctionPath, args: Record<string, Value>, identity: Identity): Promise<Value> | null {
    if (identity.kind !== "admin") return null;
    switch (`${path.module}:${path.name}`) {
      case "_system/cli/exports:getLatest":
        return Promise.resolve(this.latestExport?.document ?? null);
      case "_system/cli/queryImport:default":
        return Promise.resolve(typeof args.importId === "string" ? (this.imports.get(args.importId)?.document ?? null) : null);
      case "_system/cli/queryImport:list":
        return Promise.resolve([...this.imports.values()].reverse().slice(0, 20).map((stored) => stored.document));
      default:
        return null;
    }
  }

  private requireAdmin(req: IncomingMessage, url: URL): void {
    const result = authenticateHttp(this.deps.auth, req.headers.authorization, url.searchParams.get("adminKey"));
    if (!result.ok) throw new HttpError(result.status, result.code, result.message);
    if (result.identity.kind !== "admin") throw new HttpError(403, "Unauthorized", "This endpoint requires an admin key");
  }

  private requestExport(url: URL): void {
    if (url.searchParams.get("includeStorage") === "true") {
      throw new HttpError(400, "FileStorageExportUnsupported", "The emulator has no file storage to export; run `convex export` without --include-file-storage.");
    }
    const startTs = this.deps.runtime.latestTs;
    const tables = new Map<string, Document[]>(this.deps.runtime.schemaTableNames.map((name) => [name, []]));
    for (const [id, document] of Object.entries(this.deps.runtime.committedDocuments)) {
      const table = tableOf(id);
      if (table.startsWith("_")) continue;
      tables.set(table, [...(tables.get(table) ?? []), document as Document]);
    }
    const zip = snapshotZip(tables);
    const now = nowNanos();
    this.latestExport = {
      startTs,
      zip,
      document: {
        _id: this.newId("_exports"),
        _creationTime: Date.now(),
        state: "completed",
        start_ts: startTs,
        complete_ts: now > startTs ? now : startTs,
        expiration_ts: now + EXPORT_LIFETIME_NS,
        format: { format: "zip", include_storage: false },
        requestor: "snapshotExport",
      },
    };
  }

  /** GET /api/export/zip/<start_ts or export id>: the export's bytes, as an attachment named like the backend's. */
  private download(res: ServerResponse, id: string): void {
    const latest = this.latestExport;
    if (latest === null || (id !== latest.startTs.toString() && id !== latest.document._id)) {
      throw new HttpError(404, "ExportNotFound", `No snapshot export ${id} (the emulator keeps only the latest one)`);
    }
    res.writeHead(200, {
      "Content-Type": "application/zip",
      "Content-Length": latest.zip.length,
      "Content-Disposition": `attachment; filename=snapshot_${latest.startTs}.zip`,
      "Cache-Control": "private, max-age=2592000",
    });
    res.end(latest.zip);
  }

  private async uploadPart(req: IncomingMessage, url: URL): Promise<string> {
    const token = url.searchParams.get("uploadToken") ?? "";
    const partNumber = Number(url.searchParams.get("partNumber"));
    const parts = this.uploads.get(token);
    if (parts === undefined) throw new HttpError(400, "InvalidUploadToken", "Unknown upload token");
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10_000) throw new HttpError(400, "InvalidPartNumber", "partNumber must be 1..10000");
    const body = await readBody(req, PART_LIMIT_BYTES);
    if (parts.reduce((sum, part) => sum + part.length, body.length) > MAX_UPLOAD_BYTES) {
      this.uploads.delete(token);
      throw new HttpError(413, "ImportTooLarge", `The emulator imports at most ${MAX_UPLOAD_BYTES} bytes`);
    }
    parts[partNumber - 1] = body;
    return `${token}:${partNumber}`;
  }

  private finishUpload(body: unknown): string {
    const { import: args, uploadToken, partTokens } = (body ?? {}) as { import?: Record<string, unknown>; uploadToken?: unknown; partTokens?: unknown };
    if (typeof uploadToken !== "string" || !Array.isArray(partTokens) || typeof args !== "object" || args === null) {
      throw new HttpError(400, "BadJsonBody", "Expected {import, uploadToken, partTokens}");
    }
    const parts = this.uploads.get(uploadToken);
    if (parts === undefined) throw new HttpError(400, "InvalidUploadToken", "Unknown upload token");
    const format = FORMATS[String(args.format)];
    if (format === undefined) throw new HttpError(400, "BadJsonBody", `Unknown import format ${JSON.stringify(args.format)}`);
    const mode = (args.mode ?? "requireEmpty") as ImportMode;
    if (!IMPORT_MODES.includes(mode)) throw new HttpError(400, "BadJsonBody", `Unknown import mode ${JSON.stringify(args.mode)}`);
    const table = typeof args.tableName === "string" ? args.tableName : undefined;
    if (format === "zip" && table !== undefined) throw new HttpError(400, "InvalidName", "ZIP import cannot have table name");
    if (format !== "zip" && table === undefined) throw new HttpError(400, "InvalidName", "JSON import requires table name");
    if (typeof args.componentPath === "string" && args.componentPath !== "") {
      throw new HttpError(400, "ComponentNotFound", "Components are not supported by the emulator");
    }
    const file = Buffer.concat(partTokens.map((token, index) => {
      const part = parts[index];
      if (token !== `${uploadToken}:${index + 1}` || part === undefined) throw new HttpError(400, "InvalidPartToken", `Part ${index + 1} was not uploaded`);
      return part;
    }));
    this.uploads.delete(uploadToken);

    const id = this.newId("_snapshot_imports");
    const stored: StoredImport = {
      file,
      format,
      table,
      mode,
      document: {
        _id: id,
        _creationTime: Date.now(),
        state: { state: "uploaded" },
        format: format === "zip" ? { format: "zip" } : { format: FORMAT_TAGS[format], table: table ?? "" },
        mode,
        component_path: null,
        member_id: null,
        checkpoints: null,
        requestor: { type: "snapshotImport" },
      },
    };
    this.imports.set(id, stored);
    try {
      const plan = planImport(this.deps.runtime, parseImportFile(file, format, table), mode);
      this.setState(stored, {
        state: "waiting_for_confirmation",
        message_to_confirm: [...plan.summary, ONCE_STARTED].join("\n"),
        require_manual_confirmation: plan.deletes,
      });
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      this.fail(stored, error.message);
    }
    return id;
  }

  private importFromBody(body: unknown): StoredImport {
    const importId = (body as { importId?: unknown } | null)?.importId;
    const stored = typeof importId === "string" ? this.imports.get(importId) : undefined;
    if (stored === undefined) throw new HttpError(400, "InvalidImport", `invalid import id ${String(importId)}`);
    return stored;
  }

  /** Re-plans against the data as it is now (it may have changed since the confirmation) and commits it at once. */
  private async performImport(stored: StoredImport): Promise<void> {
    if (stateOf(stored) !== "waiting_for_confirmation") {
      throw new HttpError(400, "ImportNotWaitingForConfirmation", `Import is in state ${stateOf(stored)}, not waiting for confirmation`);
    }
    this.setState(stored, { state: "in_progress", progress_message: "Importing", checkpoint_messages: [] });
    try {
      const plan = planImport(this.deps.runtime, parseImportFile(stored.file, stored.format, stored.table), stored.mode);
      const ts = await this.deps.runtime.commitDocuments(plan.writes);
      await this.deps.persist();
      this.setState(stored, {
        state: "completed",
        timestamp: ts,
        num_rows_written: BigInt(plan.rowsWritten),
        checkpoint_messages: plan.imported.map(([name, count]) => `Imported "${name}" (${count.toLocaleString("en-US")} documents)`),
      });
    } catch (error) {
      this.fail(stored, `Hit an error while importing:\n${(error as Error).message}`);
    }
  }

  private fail(stored: StoredImport, message: string): void {
    this.setState(stored, { state: "failed", error_message: message });
  }

  private setState(stored: StoredImport, state: Record<string, Value>): void {
    stored.document = { ...stored.document, state };
  }

  private newId(table: string): string {
    return `${String(this.nextId++).padStart(32 - table.length, "0")}${table}`;
  }
}

function stateOf(stored: StoredImport): string {
  return (stored.document.state as { state: string }).state;
}
