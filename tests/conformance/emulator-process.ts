// Starts the emulator as a real child process, the way every other part of the project runs it, and waits for its
// READY line. It can be stopped and restarted on the same ports with the same --data file, which is how the suite
// checks that clients survive a backend restart.
import { spawn, type ChildProcess, type ChildProcessByStdio } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const MAIN = path.join(REPO_ROOT, "tools/convex-emulator/src/main.ts");
export const FIXTURE_FUNCTIONS = path.join(REPO_ROOT, "tests/conformance/fixtures/convex");

// Only a whole line counts: stdout arrives in chunks, and "site=http://127.0.0.1:412" may be the start of ":41234".
const READY = /^CONVEX_EMULATOR_READY url=(http:\/\/127\.0\.0\.1:(\d+)) site=(http:\/\/127\.0\.0\.1:(\d+))\r?\n/m;

/** The URLs and ports of the READY line in `stdout`, or null while no complete READY line has arrived. */
export function readyLine(stdout: string): { url: string; port: number; siteUrl: string; sitePort: number } | null {
  const match = READY.exec(stdout);
  return match === null ? null : { url: match[1], port: Number(match[2]), siteUrl: match[3], sitePort: Number(match[4]) };
}
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/** Every emulator still running, killed when the test process exits for any reason (even a runner timeout). */
const liveChildren = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of liveChildren) child.kill("SIGKILL");
});

/**
 * Starts `node --import tsx main.ts <args>` from the repository root with stdout and stderr piped, and makes sure it
 * is killed if the test process exits first. Tests that need the raw process (signals during start-up) use this.
 */
export function spawnEmulator(args: readonly string[]): ChildProcessByStdio<null, Readable, Readable> {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
  liveChildren.add(child);
  child.once("exit", () => liveChildren.delete(child));
  return child;
}

export interface EmulatorOptions {
  /** Functions directory (default: the project's convex/). */
  readonly functions?: string;
  readonly adminKey?: string;
  readonly record?: string;
  readonly testHooks?: boolean;
  readonly extraArgs?: readonly string[];
}

export class EmulatorProcess {
  /** Everything the process wrote to stdout (banner, READY line), for assertions and failure messages. */
  stdout = "";
  stderr = "";
  url = "";
  siteUrl = "";
  port = 0;
  sitePort = 0;
  private child: ChildProcess | undefined;

  private constructor(
    readonly dataFile: string,
    private readonly workDir: string,
    private readonly options: EmulatorOptions,
  ) {}

  /** Starts an emulator on free ports with a fresh --data file in its own temporary directory. */
  static async start(options: EmulatorOptions = {}): Promise<EmulatorProcess> {
    const workDir = mkdtempSync(path.join(tmpdir(), "convex-emulator-test-"));
    const emulator = new EmulatorProcess(path.join(workDir, "data.json"), workDir, options);
    try {
      await emulator.launch(0, 0);
    } catch (error) {
      await emulator.dispose();
      throw error;
    }
    return emulator;
  }

  get workDirectory(): string {
    return this.workDir;
  }

  /** The last process's exit code; null while it runs, or when a signal (e.g. the SIGKILL fallback of stop) ended it. */
  get exitCode(): number | null {
    return this.child?.exitCode ?? null;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGTERM (the emulator's orderly shutdown), or SIGKILL to simulate a crash. */
  async stop(signal: "SIGTERM" | "SIGKILL" = "SIGTERM"): Promise<void> {
    const child = this.child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  /** Stops it and starts a new process on the same ports with the same data file. */
  async restart(signal: "SIGTERM" | "SIGKILL" = "SIGTERM"): Promise<void> {
    await this.stop(signal);
    await this.launch(this.port, this.sitePort);
  }

  /** Stops the process and deletes its temporary directory; safe to call more than once. */
  async dispose(): Promise<void> {
    await this.stop("SIGKILL");
    rmSync(this.workDir, { recursive: true, force: true });
  }

  private async launch(port: number, sitePort: number): Promise<void> {
    const args = ["--port", String(port), "--site-port", String(sitePort), "--data", this.dataFile];
    if (this.options.functions !== undefined) args.push("--functions", this.options.functions);
    if (this.options.adminKey !== undefined) args.push("--admin-key", this.options.adminKey);
    if (this.options.record !== undefined) args.push("--record", this.options.record);
    if (this.options.testHooks === true) args.push("--test-hooks");
    args.push(...(this.options.extraArgs ?? []));
    const child = spawnEmulator(args);
    this.child = child;
    this.stdout = "";
    this.stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (this.stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (this.stderr += chunk));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`emulator not ready after ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
      const onData = () => {
        const ready = readyLine(this.stdout);
        if (ready === null) return;
        cleanup();
        ({ url: this.url, port: this.port, siteUrl: this.siteUrl, sitePort: this.sitePort } = ready);
        resolve();
      };
      const onExit = (code: number | null) => fail(new Error(`emulator exited with ${code} before READY`));
      const fail = (error: Error) => {
        cleanup();
        child.kill("SIGKILL");
        reject(new Error(`${error.message}\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        child.stdout.off("data", onData);
        child.off("exit", onExit);
      };
      child.stdout.on("data", onData);
      child.once("exit", onExit);
    });
  }
}
