// TransitionChunk (crates/local_backend/src/subs/mod.rs; npm-packages/convex/src/browser/sync/web_socket_manager.ts): npm clients from 1.28.0 on get a Transition larger than 5,000,000
// bytes as consecutive pieces of its JSON text, cut at UTF-8 boundaries; other clients always get one frame.
import type { ClientVersion } from "../client-version.js";

export const MAX_TRANSITION_BYTES = 5_000_000;

/** MIN_NPM_VERSION_FOR_TRANSITION_CHUNKS */
export function receivesTransitionChunks(client: ClientVersion | null): boolean {
  if (client === null || client.client !== "npm" || client.version === null) return false;
  const [major, minor] = client.version;
  return major > 1 || (major === 1 && minor >= 28);
}

/** The chunk frames for a serialised Transition, or null when it fits in one frame. */
export function splitTransition(json: string, limit = MAX_TRANSITION_BYTES): string[] | null {
  const bytes = Buffer.from(json, "utf8");
  if (bytes.length <= limit) return null;
  const pieces: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    // Never cut inside a multi-byte character: back up over UTF-8 continuation bytes (10xxxxxx).
    while (end < bytes.length && (bytes[end] & 0xc0) === 0x80) end--;
    pieces.push(bytes.subarray(start, end).toString("utf8"));
    start = end;
  }
  const transitionId = String(bytes.length);
  return pieces.map((chunk, partNumber) =>
    JSON.stringify({ type: "TransitionChunk", chunk, partNumber, totalParts: pieces.length, transitionId }),
  );
}
