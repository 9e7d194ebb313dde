// Database timestamps on the wire: standard base64 (padded) of the 8 little-endian bytes of a u64 holding
// nanoseconds since the Unix epoch (crates/sync/src/worker.rs; encoded as in npm-packages/convex/src/browser/sync/protocol.ts). Valid range is 0..=i64::MAX.

export const MAX_TIMESTAMP = (1n << 63n) - 1n;

/** The initial `ts` of every new socket's StateVersion: u64 zero. */
export const ZERO_TIMESTAMP = "AAAAAAAAAAA=";

export function encodeTimestamp(ts: bigint): string {
  if (ts < 0n || ts > MAX_TIMESTAMP) throw new RangeError(`timestamp out of range: ${ts}`);
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(ts);
  return bytes.toString("base64");
}

/** Decodes a wire timestamp; throws when it is not base64 of exactly 8 bytes or exceeds i64::MAX, as the server does. */
export function decodeTimestamp(text: string): bigint {
  if (typeof text !== "string" || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(text)) {
    throw new TypeError(`invalid timestamp ${JSON.stringify(text)}`);
  }
  const bytes = Buffer.from(text, "base64");
  if (bytes.length !== 8) throw new TypeError(`timestamp must decode to 8 bytes, got ${bytes.length}`);
  const ts = bytes.readBigUInt64LE();
  if (ts > MAX_TIMESTAMP) throw new RangeError(`timestamp out of range: ${ts}`);
  return ts;
}

/** The wall clock in nanoseconds, the unit of every database timestamp and of Transition.serverTs. */
export function nowNanos(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}
