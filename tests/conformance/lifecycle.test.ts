// Start-up and shutdown as a launcher sees them. A launcher (the .NET fixture, Aspire) may stop the emulator at any
// moment after starting it: while it is still loading, or the very instant it reads the READY line. SIGINT and SIGTERM
// must end it with exit code 0 in every case, never with the default signal death (exit 130 / 143).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { readyLine, spawnEmulator } from "./emulator-process.js";
import { within } from "./helpers.js";

const BANNER = /ConvexNotes emulator.*NOT a Convex backend/;
const READY = /^CONVEX_EMULATOR_READY /m;

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts an emulator on free ports and sends `signal` as soon as its stdout matches `when` (in the same tick). */
async function signalWhen(when: RegExp, signal: NodeJS.Signals): Promise<Exit> {
  const child = spawnEmulator(["--port", "0", "--site-port", "0"]);
  let stdout = "";
  let stderr = "";
  let sent = false;
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    if (!sent && when.test(stdout)) {
      sent = true;
      child.kill(signal);
    }
  });
  const exited = new Promise<Exit>((resolve) =>
    child.once("exit", (code, exitSignal) => resolve({ code, signal: exitSignal, stdout, stderr })),
  );
  try {
    return await within(exited, `the emulator to exit after ${signal}`, 30_000);
  } finally {
    child.kill("SIGKILL");
  }
}

function describeExit(exit: Exit): string {
  return `exit code ${exit.code}, signal ${exit.signal}\nstdout:\n${exit.stdout}\nstderr:\n${exit.stderr}`;
}

describe("signals at any moment of the emulator's life", { timeout: 180_000 }, () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    test(`${signal} while it is still starting (right after the banner) exits 0 and never reports READY`, async () => {
      const exit = await signalWhen(BANNER, signal);
      assert.equal(exit.code, 0, describeExit(exit));
      assert.doesNotMatch(exit.stdout, READY, "a stopped emulator must not tell its launcher it is ready");
    });

    test(`${signal} the instant the READY line is read exits 0`, async () => {
      // The window between READY and the handlers was narrow; a few rounds make a regression likely to show.
      for (let round = 0; round < 3; round++) {
        const exit = await signalWhen(READY, signal);
        assert.equal(exit.code, 0, `round ${round}: ${describeExit(exit)}`);
      }
    });
  }
});

describe("the suite's READY line reader", () => {
  test("takes the ports only from a complete line, never from a chunk cut inside a port number", () => {
    const line = "CONVEX_EMULATOR_READY url=http://127.0.0.1:41234 site=http://127.0.0.1:41235";
    assert.equal(readyLine(`banner\n${line.slice(0, -2)}`), null);
    assert.deepEqual(readyLine(`banner\n${line}\n`), { url: "http://127.0.0.1:41234", port: 41234, siteUrl: "http://127.0.0.1:41235", sitePort: 41235 });
  });
});
