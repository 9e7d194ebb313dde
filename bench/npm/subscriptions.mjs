// Benchmark (d), npm side: N live subscriptions on one connection (`notes:get` of N distinct ids that do not exist,
// so every result is null and the server's work per query is small). Measures the V8 heap per subscription (after
// forced GCs, with the subscriptions and their callbacks held) and, after the harness drops the connection at its
// proxy, the time from the new TCP connection to every subscription having its result again.
// Run with --expose-gc. The harness reads {"event":"drop"}, cuts the socket, and compares wall clocks.
//
// node --expose-gc bench/npm/subscriptions.mjs --url <proxy url> [--count 10000]
import { createClient, emit, notes, options, report, waitUntil, wallClockMs } from "./live-client.mjs";

if (typeof globalThis.gc !== "function") throw new Error("run with node --expose-gc");
const args = options({ count: { type: "string", default: "10000" } });
const count = Number(args.count);

const heapUsed = () => {
  for (let i = 0; i < 3; i++) globalThis.gc();
  return process.memoryUsage().heapUsed;
};

const client = createClient(args.url);
try {
  await waitUntil(() => client.connectionState().isWebSocketConnected, "the socket to open");
  const heapBefore = heapUsed();
  // Each callback counts; the one that completes a batch takes the time, so no polling delay is measured.
  let delivered = 0;
  let batch;
  const nextBatch = () => new Promise((resolve) => (batch = resolve));
  const onResult = () => {
    if (++delivered === count) batch(wallClockMs());
  };
  const unsubscribes = [];
  let allDelivered = nextBatch();
  const startedAt = wallClockMs();
  for (let i = 0; i < count; i++) unsubscribes.push(client.onUpdate(notes.get, { id: `missing-${i}` }, onResult));
  const subscribeMs = (await allDelivered) - startedAt;
  const heapAfter = heapUsed();

  // The reconnect: after a fresh socket, the server re-sends every result and each callback runs again.
  delivered = 0;
  allDelivered = nextBatch();
  emit({ event: "drop" });
  const restoredAtWallClockMs = await allDelivered;
  report({ count, subscribeMs, heapBytesPerSubscription: (heapAfter - heapBefore) / count, restoredAtWallClockMs, subscriptions: unsubscribes.length });
} finally {
  await client.close();
}
