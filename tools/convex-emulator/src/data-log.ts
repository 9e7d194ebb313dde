// The --data log (FILE + ".log"): one JSON line per write, appended after commits, holding only what they changed,
// so a commit costs a write the size of the commit instead of a rewrite of the whole database. The snapshot (FILE)
// records the sequence number of the last line it includes; a start replays the later lines on top of it.
import { existsSync, readFileSync } from "node:fs";
import type { DatabaseChanges } from "./runtime.js";
import type { SessionRecord } from "./sync/session-store.js";

/** One write: the state of every document changed since the previous one, the clock, and new idempotency records. */
export interface LogEntry extends DatabaseChanges {
  readonly seq: number;
  readonly sessionRequests: SessionRecord[];
}

export interface LogContents {
  readonly entries: LogEntry[];
  /** Bytes of the file, torn tail included. */
  readonly bytes: number;
  /** A last line the writer never finished (a crash mid-append); it was never acknowledged, so it is ignored. */
  readonly tornBytes: number;
}

export function encodeLogEntry(entry: LogEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

/**
 * Reads every complete line. The last line may be torn (no newline yet, or cut short): it is ignored. Any other line
 * that is not an entry means the file is not the emulator's log, which refuses to start rather than guessing.
 */
export function readLog(file: string): LogContents {
  if (!existsSync(file)) return { entries: [], bytes: 0, tornBytes: 0 };
  const text = readFileSync(file, "utf8");
  const lines = text.split("\n");
  // After the last newline comes either nothing (a clean end) or the start of a line never finished.
  let tornBytes = Buffer.byteLength(lines.pop() as string);
  const entries: LogEntry[] = [];
  for (let i = 0; i < lines.length; i++) {
    const entry = parseEntry(lines[i]);
    if (entry !== null) {
      entries.push(entry);
    } else if (i === lines.length - 1 && tornBytes === 0) {
      tornBytes = Buffer.byteLength(lines[i]) + 1;
    } else {
      throw new Error(`${file}: line ${i + 1} is not a ConvexNotes emulator log entry`);
    }
  }
  return { entries, bytes: Buffer.byteLength(text), tornBytes };
}

function parseEntry(line: string): LogEntry | null {
  let entry: Partial<LogEntry>;
  try {
    entry = JSON.parse(line) as Partial<LogEntry>;
  } catch {
    return null;
  }
  const valid =
    typeof entry === "object" &&
    entry !== null &&
    typeof entry.seq === "number" &&
    typeof entry.commitTs === "string" &&
    typeof entry.nextDocId === "number" &&
    typeof entry.lastCreationTime === "number" &&
    typeof entry.documents === "object" &&
    entry.documents !== null &&
    Array.isArray(entry.sessionRequests);
  return valid ? (entry as LogEntry) : null;
}
