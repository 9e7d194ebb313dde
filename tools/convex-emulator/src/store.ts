// --data FILE: the committed documents, the commit clock and the mutation idempotency records, kept across restarts.
// FILE is a snapshot (written to a temp file, then renamed over FILE, so a crash never leaves a half-written one);
// FILE.log holds one line per write after it with only what the commits changed, so a commit's write is as big as
// the commit, not the database. The log is folded into a fresh snapshot once it is as big as the snapshot (so the
// rewrites cost O(1) per committed byte), at start when it has lines, and at shutdown. Persisting the clock matters:
// clients send the highest timestamp they have seen on reconnect, and a backend whose clock is behind that closes
// them (crates/sync/src/worker.rs), so a restarted emulator must continue above every timestamp it issued.
//
// Durability: every write is handed to the operating system (write(2)) before the answers that wait for it go out,
// and never fsync'd, as before the log existed: an acknowledged commit survives a crash of the emulator process
// (SIGKILL included), not a crash of the machine.
import { existsSync, ftruncateSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { open, rename, writeFile, type FileHandle } from "node:fs/promises";
import { encodeLogEntry, readLog, type LogEntry } from "./data-log.js";
import type { DatabaseSnapshot, FunctionRuntime } from "./runtime.js";
import type { SessionRecord, SessionRequestStore } from "./sync/session-store.js";

const FORMAT = "convexnotes-emulator-data";
const VERSION = 2;
/** Version 1 files (whole snapshot after every commit, no log) load the same way, with nothing to replay. */
const READABLE_VERSIONS: readonly number[] = [1, 2];
/** Smallest log that is worth folding into the snapshot, so a small database is not rewritten every few commits. */
const MIN_COMPACTION_BYTES = 1024 * 1024;

interface DataFile {
  readonly format: typeof FORMAT;
  readonly version: number;
  readonly note: string;
  readonly database: DatabaseSnapshot;
  readonly sessionRequests: SessionRecord[];
  /** The last log line this snapshot includes (absent in version 1): a start replays only later lines. */
  readonly logSeq?: number;
}

export interface DataStoreOptions {
  /** Fold the log into the snapshot once it reaches this many bytes (default: the snapshot's size, at least 1 MiB). */
  readonly compactionBytes?: number;
}

export class DataStore {
  private readonly logFile: string;
  /** Documents written by commits not yet saved, and idempotency records not yet saved. */
  private readonly changedIds = new Set<string>();
  private newRecords: SessionRecord[] = [];
  private dirtyVersion = 0;
  private savedVersion = 0;
  private writing: Promise<void> | null = null;
  private closing: Promise<void> | null = null;
  private tempCounter = 0;
  /** Sequence number of the last log line written (or folded into the snapshot). */
  private seq = 0;
  private savedCommitTs = "";
  private logHandle: FileHandle | null = null;
  private logBytes = 0;
  private snapshotBytes = 0;
  /** A failed write may have left a partial line in the log: the next write rewrites the snapshot instead. */
  private compactNext = false;
  /** Test hook: while set, writes wait (nothing is lost), so a test can crash the process with a commit not yet saved. */
  private held: { readonly released: Promise<void>; readonly release: () => void } | null = null;

  constructor(
    private readonly file: string | undefined,
    private readonly runtime: FunctionRuntime,
    private readonly sessions: SessionRequestStore,
    private readonly report: (message: string) => void,
    private readonly options: DataStoreOptions = {},
  ) {
    this.logFile = `${file}.log`;
  }

  /**
   * Loads the snapshot and replays the log after it, then folds a non-empty log into a fresh snapshot (which also
   * drops a torn last line) and opens the log for appending. A file that is not the emulator's refuses to start
   * rather than being overwritten.
   */
  async load(): Promise<void> {
    if (this.file === undefined) return;
    let logSeq = 0;
    if (existsSync(this.file)) {
      const data = JSON.parse(readFileSync(this.file, "utf8")) as Partial<DataFile>;
      if (data.format !== FORMAT || !READABLE_VERSIONS.includes(data.version as number) || data.database === undefined) {
        throw new Error(`${this.file} is not a ConvexNotes emulator data file (format ${FORMAT} v${READABLE_VERSIONS.join(" or v")})`);
      }
      this.runtime.importDatabase(data.database);
      this.sessions.import(data.sessionRequests ?? []);
      logSeq = data.logSeq ?? 0;
      this.snapshotBytes = statSync(this.file).size;
    }
    const { entries, bytes, tornBytes } = readLog(this.logFile);
    if (tornBytes > 0) this.report(`${this.logFile}: ignoring a torn last line (${tornBytes} bytes, never acknowledged)`);
    this.seq = logSeq;
    for (const entry of entries) {
      // Lines at or below logSeq are in the snapshot already (a crash came between its rename and the log's truncation).
      if (entry.seq <= logSeq) continue;
      this.runtime.applyChanges(entry);
      this.sessions.import(entry.sessionRequests);
      this.seq = entry.seq;
    }
    this.sessions.onPut((record) => this.newRecords.push(record));
    this.logHandle = await open(this.logFile, "a");
    // FILE exists from the start, as it did when every commit rewrote it (launchers and tests look for it).
    if (bytes > 0 || !existsSync(this.file)) this.compactSync();
    this.savedCommitTs = this.runtime.latestTs.toString();
  }

  /** Commits changed these documents: save soon (commits in the same turn, or during a write, share one write). */
  markDirty(changedIds: readonly string[]): void {
    if (this.file === undefined) return;
    for (const id of changedIds) this.changedIds.add(id);
    this.dirtyVersion++;
    void this.kick();
  }

  /** Resolves once everything changed so far, including session records added since the last commit, is saved. */
  async flush(): Promise<void> {
    if (this.file === undefined) return;
    this.dirtyVersion++;
    const target = this.dirtyVersion;
    while (this.savedVersion < target) {
      // Shutdown saves everything in one last snapshot.
      if (this.closing !== null) return await this.closing;
      await this.kick();
    }
  }

  /**
   * Shutdown: waits for a write in flight, then folds everything into one last snapshot (held writes included) and
   * removes the empty log, so a stopped emulator leaves FILE alone, complete, ready to be read or edited.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.file === undefined || this.logHandle === null) return;
      this.releaseWrites();
      await this.writing;
      if (this.logBytes > 0 || this.compactNext || this.hasUnsavedChanges()) this.compactSync();
      this.savedVersion = this.dirtyVersion;
      await this.logHandle.close();
      this.logHandle = null;
      rmSync(this.logFile, { force: true });
    })();
    return this.closing;
  }

  /** Test hook: hold every write until releaseWrites(). */
  holdWrites(): void {
    if (this.held !== null || this.closing !== null) return;
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    this.held = { released, release };
  }

  releaseWrites(): void {
    const held = this.held;
    this.held = null;
    held?.release();
  }

  private kick(): Promise<void> {
    this.writing ??= this.writeLoop().finally(() => (this.writing = null));
    return this.writing;
  }

  private async writeLoop(): Promise<void> {
    while (this.savedVersion < this.dirtyVersion) {
      // Let the rest of this turn's commits land first, then write once for all of them.
      await new Promise((resolve) => setImmediate(resolve));
      while (this.held !== null) await this.held.released;
      if (this.closing !== null) return;
      const version = this.dirtyVersion;
      try {
        if (this.compactNext || this.logBytes >= this.compactionBytes()) await this.compact();
        else await this.append();
      } catch (error) {
        this.report(`cannot save ${this.file}: ${(error as Error).message}`);
        this.compactNext = true;
      }
      this.savedVersion = version;
    }
  }

  private compactionBytes(): number {
    return this.options.compactionBytes ?? Math.max(MIN_COMPACTION_BYTES, this.snapshotBytes);
  }

  private hasUnsavedChanges(): boolean {
    return this.changedIds.size > 0 || this.newRecords.length > 0 || this.runtime.latestTs.toString() !== this.savedCommitTs;
  }

  /** Appends one line with what changed since the last write (nothing when nothing did). */
  private async append(): Promise<void> {
    if (!this.hasUnsavedChanges()) return;
    const entry: LogEntry = { seq: ++this.seq, ...this.runtime.exportChanges(this.changedIds), sessionRequests: this.newRecords };
    this.changedIds.clear();
    this.newRecords = [];
    this.savedCommitTs = entry.commitTs;
    const line = encodeLogEntry(entry);
    await (this.logHandle as FileHandle).appendFile(line);
    this.logBytes += Buffer.byteLength(line);
  }

  /** A fresh snapshot of everything, then an empty log. Its lines are in the snapshot (logSeq) if the truncation is lost. */
  private async compact(): Promise<void> {
    const snapshot = this.takeSnapshot();
    const temp = this.tempPath();
    await writeFile(temp, snapshot);
    await rename(temp, this.file as string);
    this.snapshotBytes = Buffer.byteLength(snapshot);
    await (this.logHandle as FileHandle).truncate(0);
    this.logBytes = 0;
    this.compactNext = false;
  }

  private compactSync(): void {
    const snapshot = this.takeSnapshot();
    const temp = this.tempPath();
    writeFileSync(temp, snapshot);
    renameSync(temp, this.file as string);
    this.snapshotBytes = Buffer.byteLength(snapshot);
    ftruncateSync((this.logHandle as FileHandle).fd, 0);
    this.logBytes = 0;
    this.compactNext = false;
  }

  /** Serializes the whole state at this instant; what changed before now is in it, so it counts as saved. */
  private takeSnapshot(): string {
    const database = this.runtime.exportDatabase();
    const data: DataFile = {
      format: FORMAT,
      version: VERSION,
      note: "Data of the ConvexNotes emulator (a test double of Convex, not a Convex backend). Changes after this snapshot are in the .log file next to it.",
      database,
      sessionRequests: this.sessions.export(),
      logSeq: this.seq,
    };
    this.changedIds.clear();
    this.newRecords = [];
    this.savedCommitTs = database.commitTs;
    return JSON.stringify(data);
  }

  /** A fresh name per write, so a shutdown write never collides with one still in flight. */
  private tempPath(): string {
    return `${this.file}.${process.pid}.${++this.tempCounter}.tmp`;
  }
}
