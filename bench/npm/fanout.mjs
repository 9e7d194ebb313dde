// Benchmark (c), npm side: one mutation fanned out to N subscribed connections. N clients (one WebSocket each)
// subscribe to one note; a separate writer client updates it; each sample is the time from the writer's call until
// the last of the N subscribers' callbacks has seen the new title. Rounds run one after another.
//
// node bench/npm/fanout.mjs --url <deployment url> [--subscribers 100] [--warmup 5] [--rounds 50]
import { performance } from "node:perf_hooks";
import { createClient, notes, options, report, waitUntil } from "./live-client.mjs";

const args = options({
  subscribers: { type: "string", default: "100" },
  warmup: { type: "string", default: "5" },
  rounds: { type: "string", default: "50" },
});
const count = Number(args.subscribers);
const writer = createClient(args.url);
const subscribers = [];
try {
  const id = await writer.mutation(notes.create, { title: "fan-out (npm) start", content: "" });
  let round = { title: "fan-out (npm) start", remaining: count, seen: new Set(), first: 0, last: 0, done: () => {} };
  const onSeen = (subscriber, note) => {
    if (note?.title !== round.title || round.seen.has(subscriber)) return;
    round.seen.add(subscriber);
    const now = performance.now();
    if (round.first === 0) round.first = now;
    round.last = now;
    if (--round.remaining === 0) round.done();
  };
  for (let s = 0; s < count; s++) {
    const client = createClient(args.url);
    subscribers.push(client);
    client.onUpdate(notes.get, { id }, (note) => onSeen(s, note));
  }
  await waitUntil(() => round.remaining === 0, `all ${count} subscribers to see the note`);

  const lastMs = [];
  const firstMs = [];
  const total = Number(args.warmup) + Number(args.rounds);
  for (let r = 0; r < total; r++) {
    const title = `fan-out (npm) ${r}`;
    const seenByAll = new Promise((resolve) => {
      round = { title, remaining: count, seen: new Set(), first: 0, last: 0, done: resolve };
    });
    const started = performance.now();
    const mutation = writer.mutation(notes.update, { id, title });
    await seenByAll;
    await mutation;
    if (r >= Number(args.warmup)) {
      lastMs.push(round.last - started);
      firstMs.push(round.first - started);
    }
  }
  report({ subscribers: count, lastMs, firstMs });
} finally {
  await Promise.all([writer.close(), ...subscribers.map((client) => client.close())]);
}
