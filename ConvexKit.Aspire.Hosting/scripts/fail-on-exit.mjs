// Runs a long-lived Node program (the Convex CLI's `convex dev` watcher) and turns every exit into a failure.
// `convex dev` exits with code 0 after a fatal push error such as a rejected admin key (npm-packages/convex/src/cli/lib/dev.ts),
// which Aspire would otherwise show as a clean finish. Usage: node fail-on-exit.mjs <script.js> [args...]
import { spawn } from "node:child_process";
import { constants } from "node:os";

const [script, ...args] = process.argv.slice(2);
const child = spawn(process.execPath, [script, ...args], { stdio: "inherit" });

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => child.kill(signal));
}

child.on("error", (error) => {
  console.error(`Could not start ${script}: ${error.message}`);
  process.exit(1);
});

child.on("exit", (code, signal) => {
  if (signal) {
    process.exit(128 + (constants.signals[signal] ?? 1));
  }
  if (code === 0) {
    console.error(
      `${script} ${args[0] ?? ""} exited with code 0, but it should run until stopped. The Convex CLI exits 0 after a ` +
        "fatal push error (401/403/404, e.g. a rejected admin key); see the lines above. Reporting exit code 1.",
    );
  }
  process.exit(code === 0 ? 1 : code ?? 1);
});
