// Convex-JSON codec throughput of the official npm client (`convex/values`), the npm side of benchmark (a).
// encode = JSON.stringify(convexToJson(value)); decode = jsonToConvex(JSON.parse(text)): what ConvexHttpClient and the
// sync client do per value. Same scheme as the C# harness: warmup rounds, then N measured rounds, each timing one
// encode and one decode of the whole payload; the median time per operation gives MB/s (1 MB = 1,000,000 bytes).
//
// node bench/npm/codec.mjs [--warmup 30] [--iterations 60] [--json]
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { convexToJson, jsonToConvex } from "convex/values";
import { version } from "convex";

const { values: options } = parseArgs({
  options: {
    warmup: { type: "string", default: "30" },
    iterations: { type: "string", default: "60" },
    payload: { type: "string", default: fileURLToPath(new URL("../fixtures/notes-1mb.json", import.meta.url)) },
    json: { type: "boolean", default: false },
  },
});
const warmup = Number(options.warmup);
const iterations = Number(options.iterations);

const text = readFileSync(options.payload, "utf8");
const bytes = Buffer.byteLength(text);
const value = jsonToConvex(JSON.parse(text));
if (JSON.stringify(convexToJson(value)) !== text) {
  throw new Error("convexToJson does not reproduce the fixture byte for byte; regenerate it with make-notes-payload.mjs");
}

let sink = 0;
const encode = () => JSON.stringify(convexToJson(value));
const decode = (encoded) => jsonToConvex(JSON.parse(encoded));
const plainParse = () => JSON.parse(text);
const plainTree = JSON.parse(text);
const plainStringify = () => JSON.stringify(plainTree);

function measure(rounds, record) {
  for (let i = 0; i < rounds; i++) {
    let started = performance.now();
    const encoded = encode();
    const encodeMs = performance.now() - started;
    started = performance.now();
    const decoded = decode(encoded);
    const decodeMs = performance.now() - started;
    started = performance.now();
    const tree = plainParse();
    const parseMs = performance.now() - started;
    started = performance.now();
    const plain = plainStringify();
    const stringifyMs = performance.now() - started;
    sink += encoded.length + decoded.length + tree.length + plain.length;
    if (record) samples.push({ encodeMs, decodeMs, parseMs, stringifyMs });
  }
}

const samples = [];
measure(warmup, false);
measure(iterations, true);

const median = (numbers) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const mbPerSecond = (ms) => bytes / 1e6 / (ms / 1000);
const row = (name, times) => ({ name, medianMs: median(times), mbPerSecond: mbPerSecond(median(times)) });
const results = [
  row("encode", samples.map((s) => s.encodeMs)),
  row("decode", samples.map((s) => s.decodeMs)),
  row("encode+decode", samples.map((s) => s.encodeMs + s.decodeMs)),
  row("JSON.stringify only", samples.map((s) => s.stringifyMs)),
  row("JSON.parse only", samples.map((s) => s.parseMs)),
];

const report = { runtime: `node ${process.version}`, convex: version, payloadBytes: bytes, warmup, iterations, results, sink };
if (options.json) {
  console.log(JSON.stringify(report));
} else {
  console.log(`npm convex ${version} on node ${process.version}: ${bytes} bytes, ${warmup} warmup + ${iterations} measured rounds`);
  for (const r of results) console.log(`${r.name.padEnd(22)} ${r.medianMs.toFixed(2).padStart(8)} ms  ${r.mbPerSecond.toFixed(1).padStart(8)} MB/s`);
}
