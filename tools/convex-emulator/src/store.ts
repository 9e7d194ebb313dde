// --data FILE: the committed documents, the commit clock and the mutation idempotency records, saved after every
// commit (temp file + rename, so a crash never leaves a half-written file) and loaded at start. Persisting the clock
// matters: clients send the highest timestamp they have seen on reconnect, and a backend whose clock is behind that
// closes them (convex-protocol.md §1.4.1), so a restarted emulator must continue above every timestamp it issued.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { rename, writeFile } from "node:fs/promises";
import type { DatabaseSnapshot, FunctionRuntime } from "./runtime.js";
import type { SessionRecord, SessionRequestStore } from "./sync/session-store.js";

const FORMAT = "convexnotes-emulator-data";
const VERSION = 1;

interface DataFile {
  readonly format: typeof FORMAT;
  readonly version: typeof VERSION;
  readonly note: string;
  readonly database: DatabaseSnapshot;
  readonly sessionRequests: SessionRecord[];
}

export class DataStore {
  private dirtyVersion = 0;
  private savedVersion = 0;
  private writing: Promise<void> | null = null;
  private tempCounter = 0;
  /** Test hook: while set, writes wait (nothing is lost), so a test can crash the process with a commit not yet saved. */
  private held: { readonly released: Promise<void>; readonly release: () => void } | null = null;

  constructor(
    private readonly file: string | undefined,
    private readonly runtime: FunctionRuntime,
    private readonly sessions: SessionRequestStore,
    private readonly log: (message: string) => void,
  ) {}

  /** Loads the file if it exists; a file that is not the emulator's refuses to start rather than being overwritten. */
  load(): void {
    if (this.file === undefined || !existsSync(this.file)) return;
    const data = JSON.parse(readFileSync(this.file, "utf8")) as Partial<DataFile>;
    if (data.format !== FORMAT || data.version !== VERSION || data.database === undefined) {
      throw new Error(`${this.file} is not a ConvexNotes emulator data file (format ${FORMAT} v${VERSION})`);
    }
    this.runtime.importDatabase(data.database);
    this.sessions.import(data.sessionRequests ?? []);
  }

  /** Something changed: save soon (commits in the same turn share one write). */
  markDirty(): void {
    if (this.file === undefined) return;
    this.dirtyVersion++;
    void this.kick();
  }

  /** Resolves once everything changed so far, including session records added since the last commit, is saved. */
  async flush(): Promise<void> {
    if (this.file === undefined) return;
    this.dirtyVersion++;
    const target = this.dirtyVersion;
    while (this.savedVersion < target) await this.kick();
  }

  /** Shutdown: one last synchronous write. */
  flushSync(): void {
    if (this.file === undefined || this.savedVersion === this.dirtyVersion) return;
    const temp = this.tempPath();
    writeFileSync(temp, this.serialize());
    renameSync(temp, this.file);
    this.savedVersion = this.dirtyVersion;
  }

  /** Test hook: hold every write until releaseWrites(). */
  holdWrites(): void {
    if (this.held !== null) return;
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
      // Let the rest of this turn's commits land first, then snapshot once for all of them.
      await new Promise((resolve) => setImmediate(resolve));
      while (this.held !== null) await this.held.released;
      const version = this.dirtyVersion;
      const temp = this.tempPath();
      try {
        await writeFile(temp, this.serialize());
        await rename(temp, this.file as string);
      } catch (error) {
        this.log(`cannot save ${this.file}: ${(error as Error).message}`);
      }
      this.savedVersion = version;
    }
  }

  /** A fresh name per write, so a shutdown write never collides with one still in flight. */
  private tempPath(): string {
    return `${this.file}.${process.pid}.${++this.tempCounter}.tmp`;
  }

  private serialize(): string {
    const data: DataFile = {
      format: FORMAT,
      version: VERSION,
      note: "Data of the ConvexNotes emulator (a test double of Convex, not a Convex backend).",
      database: this.runtime.exportDatabase(),
      sessionRequests: this.sessions.export(),
    };
    return JSON.stringify(data);
  }
}
