// Installs the packaged Convex emulator (a test double of Convex, not Convex) into a cache folder on first use:
// copies its sources, package.json and package-lock.json there and runs `npm ci`, then marks the folder complete.
// The folder's name carries the package version and a hash of what was copied, so a new version installs beside the
// old one and an installed folder is never changed again. Usage: node install-emulator.mjs <packaged dir> <cache dir>
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, renameSync, rmSync, writeFileSync } from "node:fs";

const MARKER = ".convexkit-installed";
const [source, target] = process.argv.slice(2);
if (!source || !target) {
  console.error("Usage: node install-emulator.mjs <packaged emulator dir> <cache dir>");
  process.exit(2);
}

if (existsSync(`${target}/${MARKER}`)) {
  console.log(`The Convex emulator (a test double, not Convex) is installed in ${target}; nothing to install.`);
  process.exit(0);
}

// Installed beside the target, then renamed into place: a half-installed folder is never taken for a complete one,
// and two AppHosts installing at once both end with the same complete folder.
const partial = `${target}.partial-${process.pid}`;
rmSync(partial, { recursive: true, force: true });
console.log(`Installing the Convex emulator (a test double, not Convex) into ${target}: npm ci`);
cpSync(source, partial, { recursive: true });
const result = spawnSync("npm", ["ci", "--omit=dev", "--no-audit", "--no-fund"], {
  cwd: partial,
  stdio: "inherit",
  shell: process.platform === "win32", // npm is npm.cmd on Windows
});
if (result.error) {
  console.error(`Could not run npm: ${result.error.message}. Install Node.js 20 or later with npm.`);
}
if (result.status !== 0) {
  rmSync(partial, { recursive: true, force: true });
  process.exit(result.status ?? 1);
}

writeFileSync(`${partial}/${MARKER}`, `${new Date().toISOString()}\n`);
try {
  if (!existsSync(`${target}/${MARKER}`)) {
    rmSync(target, { recursive: true, force: true }); // an earlier attempt that never completed
  }
  renameSync(partial, target); // fails if another install completed meanwhile: theirs is as good as ours
} catch (error) {
  rmSync(partial, { recursive: true, force: true });
  if (!existsSync(`${target}/${MARKER}`)) {
    console.error(`Could not move the emulator into ${target}: ${error.message}`);
    process.exit(1);
  }
}
console.log("The Convex emulator is installed.");
