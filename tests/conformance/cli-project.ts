// A throwaway Convex project for driving the real Convex CLI (node_modules/.bin/convex, the version package.json
// pins) against an emulator: a temporary directory with a copy of the project's convex/ (which tests then edit), a
// package.json that depends on convex (the CLI refuses to push without one) and a link to the repository's
// node_modules (the CLI bundles with esbuild, which resolves `convex/server` from there).
import { spawn, type ChildProcessByStdio } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { REPO_ROOT } from "./emulator-process.js";

const CLI = path.join(REPO_ROOT, "node_modules/convex/bin/main.js");
const RUN_TIMEOUT_MS = 90_000;

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export class CliProject {
  private readonly children = new Set<ChildProcessByStdio<null, Readable, Readable>>();

  private constructor(
    readonly directory: string,
    private readonly url: string,
    private readonly adminKey: string,
  ) {}

  /** A copy of the project's convex/ in a fresh directory, pointed at the deployment at `url`. */
  static create(url: string, adminKey: string): CliProject {
    const directory = mkdtempSync(path.join(tmpdir(), "convex-cli-project-"));
    cpSync(path.join(REPO_ROOT, "convex"), path.join(directory, "convex"), {
      recursive: true,
      // The function tests and their module map are not part of a push anyway.
      filter: (source) => !/\.test\.ts$|test\.modules\.ts$/.test(source),
    });
    writeFileSync(path.join(directory, "package.json"), JSON.stringify({ name: "cli-project", private: true, type: "module", dependencies: { convex: "1.48.0" } }));
    symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(directory, "node_modules"), "dir");
    return new CliProject(directory, url, adminKey);
  }

  /** The environment every CLI run gets: the self-hosted deployment, and CI=1, which keeps the CLI's Sentry off. */
  get environment(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, CONVEX_SELF_HOSTED_URL: this.url, CONVEX_SELF_HOSTED_ADMIN_KEY: this.adminKey, CI: "1" };
    for (const name of ["CONVEX_DEPLOYMENT", "CONVEX_DEPLOY_KEY", "CONVEX_URL"]) delete env[name];
    return env;
  }

  /** Writes (or, with null, deletes) a file under convex/. */
  write(relativePath: string, content: string | null): void {
    const file = path.join(this.directory, "convex", relativePath);
    if (content === null) unlinkSync(file);
    else writeFileSync(file, content);
  }

  /** Runs the CLI to completion. */
  run(args: readonly string[], stdin?: string): Promise<CliResult> {
    const child = this.spawn(args, stdin);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`convex ${args.join(" ")} did not finish within ${RUN_TIMEOUT_MS} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
      }, RUN_TIMEOUT_MS);
      child.once("close", (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  }

  /** Starts the CLI and leaves it running (`convex logs`, `convex dev`); killed by dispose() at the latest. */
  spawn(args: readonly string[], stdin?: string): ChildProcessByStdio<null, Readable, Readable> {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: this.directory,
      env: this.environment,
      stdio: [stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    }) as unknown as ChildProcessByStdio<null, Readable, Readable>;
    if (stdin !== undefined) (child as unknown as { stdin: NodeJS.WritableStream }).stdin.end(stdin);
    this.children.add(child);
    child.once("exit", () => this.children.delete(child));
    return child;
  }

  /** `convex deploy` of the project as it is now. */
  deploy(): Promise<CliResult> {
    return this.run(["deploy", "--typecheck", "disable", "--codegen", "disable"]);
  }

  dispose(): void {
    for (const child of this.children) child.kill("SIGKILL");
    rmSync(this.directory, { recursive: true, force: true });
  }
}

/** A failure message for a CLI run that went the wrong way. */
export function describeRun(result: CliResult): string {
  return `exit ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
}
