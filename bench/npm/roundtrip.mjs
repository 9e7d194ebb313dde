// Benchmark (b), npm side: mutation round trip to resolution. One client, one note, a live subscription to that note
// (as an app showing it would have); each sample is one awaited `notes:update`, from the call until its promise
// resolves, which the client does only after the Transition that includes the write has arrived.
//
// node bench/npm/roundtrip.mjs --url <deployment url> [--warmup 100] [--iterations 300]
import { performance } from "node:perf_hooks";
import { createClient, notes, options, report } from "./live-client.mjs";

const args = options({ warmup: { type: "string", default: "100" }, iterations: { type: "string", default: "300" } });
const client = createClient(args.url);
try {
  const id = await client.mutation(notes.create, { title: "round trip (npm)", content: "" });
  const unsubscribe = client.onUpdate(notes.get, { id }, () => {});
  for (let i = 0; i < Number(args.warmup); i++) await client.mutation(notes.update, { id, title: `npm warmup ${i}` });
  const samplesMs = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < Number(args.iterations); i++) {
    const started = performance.now();
    await client.mutation(notes.update, { id, title: `npm ${i}` });
    samplesMs.push(performance.now() - started);
  }
  const { user, system } = process.cpuUsage(cpu);
  unsubscribe();
  report({ samplesMs, cpuUsPerRoundTrip: (user + system) / samplesMs.length });
} finally {
  await client.close();
}
