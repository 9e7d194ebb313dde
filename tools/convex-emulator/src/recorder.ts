// --record FILE: every WebSocket frame in and out as JSON lines, plus connection open/close events with the upgrade
// path and headers, so the frames two clients send for the same scenario can be compared side by side.
// Secrets are redacted (Authenticate token values, Authorization and Cookie headers): a recording is a log.
import { createWriteStream, type WriteStream } from "node:fs";
import type { IncomingHttpHeaders } from "node:http";

const REDACTED = "<redacted>";
const SECRET_HEADERS = new Set(["authorization", "cookie", "proxy-authorization"]);

export class Recorder {
  private readonly stream: WriteStream;

  constructor(file: string) {
    this.stream = createWriteStream(file, { flags: "a" });
    this.stream.on("error", (error) => console.error(`convex-emulator: cannot write recording ${file}: ${error.message}`));
  }

  open(conn: number, path: string, headers: IncomingHttpHeaders): void {
    const safeHeaders: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(headers)) safeHeaders[name] = SECRET_HEADERS.has(name) ? REDACTED : value;
    this.write({ t: Date.now(), conn, event: "open", path, headers: safeHeaders });
  }

  frame(conn: number, dir: "in" | "out", data: string | Buffer): void {
    if (typeof data !== "string") {
      this.write({ t: Date.now(), conn, dir, frame: null, binary: data.toString("base64") });
      return;
    }
    let frame: unknown = data;
    try {
      frame = redact(JSON.parse(data));
    } catch {
      // Not JSON: recorded as the raw text, which is what a side-by-side comparison needs to see.
    }
    this.write({ t: Date.now(), conn, dir, frame });
  }

  close(conn: number, code: number, reason: string): void {
    this.write({ t: Date.now(), conn, event: "close", code, reason });
  }

  async end(): Promise<void> {
    await new Promise<void>((resolve) => this.stream.end(resolve));
  }

  private write(entry: object): void {
    this.stream.write(`${JSON.stringify(entry)}\n`);
  }
}

function redact(frame: unknown): unknown {
  if (typeof frame === "object" && frame !== null && (frame as { type?: unknown }).type === "Authenticate" && "value" in frame) {
    return { ...frame, value: REDACTED };
  }
  return frame;
}
