// Measures what a --data commit costs as the database grows: N sequential mutations against a fresh emulator with
// --data, over HTTP (POST /api/mutation) or the sync socket (Mutation frames under one session, so every one also
// leaves an idempotency record). Prints the total and the mean latency of the first and last 500.
//   node --import tsx tools/convex-emulator/bench/data-writes.ts [http|ws] [count]
// A benchmark, not a test: it asserts nothing and its figures depend on the machine.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const mode = process.argv[2] ?? "http";
const count = Number(process.argv[3] ?? 5000);
const windowSize = Math.min(500, Math.floor(count / 2));
const workDir = mkdtempSync(path.join(tmpdir(), "convex-emulator-bench-"));
const child = spawn(
  process.execPath,
  ["--import", "tsx", "tools/convex-emulator/src/main.ts", "--port", "0", "--site-port", "0", "--functions", "tests/conformance/fixtures/convex", "--data", path.join(workDir, "data.json")],
  { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
);

try {
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      const match = /CONVEX_EMULATOR_READY url=(\S+)/.exec(stdout);
      if (match !== null) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  const latencies = mode === "ws" ? await overSocket(url) : await overHttp(url);
  const total = latencies.reduce((sum, ms) => sum + ms, 0);
  const mean = (values: number[]) => (values.reduce((sum, ms) => sum + ms, 0) / values.length).toFixed(3);
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(
    `${mode}: ${count} sequential mutations in ${(total / 1000).toFixed(2)} s; mean latency first ${windowSize} ${mean(latencies.slice(0, windowSize))} ms, ` +
      `last ${windowSize} ${mean(latencies.slice(-windowSize))} ms; p99 ${sorted[Math.floor(count * 0.99)].toFixed(2)} ms, max ${sorted[count - 1].toFixed(2)} ms`,
  );
} finally {
  child.kill("SIGKILL");
  rmSync(workDir, { recursive: true, force: true });
}

async function overHttp(url: string): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await fetch(`${url}/api/mutation`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ path: "values:store", args: { label: `bench ${i}`, value: i }, format: "json" }),
    });
    const body = (await response.json()) as { status: string };
    if (body.status !== "success") throw new Error(JSON.stringify(body));
    latencies.push(performance.now() - started);
  }
  return latencies;
}

async function overSocket(url: string): Promise<number[]> {
  const socket = new WebSocket(`${url.replace("http", "ws")}/api/sync`, { headers: { "Convex-Client": "npm-1.48.0" } });
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  socket.send(JSON.stringify({ type: "Connect", sessionId: randomUUID(), connectionCount: 0, lastCloseReason: null, clientTs: Date.now() }));
  let answered: ((frame: { type: string; success?: boolean }) => void) | null = null;
  socket.on("message", (data) => {
    const frame = JSON.parse(String(data)) as { type: string; success?: boolean };
    if (frame.type === "MutationResponse") answered?.(frame);
  });
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = new Promise<{ type: string; success?: boolean }>((resolve) => (answered = resolve));
    socket.send(JSON.stringify({ type: "Mutation", requestId: i, udfPath: "values:store", args: [{ label: `bench ${i}`, value: i }] }));
    const frame = await response;
    if (frame.success !== true) throw new Error(JSON.stringify(frame));
    latencies.push(performance.now() - started);
  }
  socket.close();
  return latencies;
}
