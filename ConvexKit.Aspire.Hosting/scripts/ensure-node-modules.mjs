// Installs the repository's npm packages (Convex CLI, convex-test, tsx, the emulator's dependencies) with `npm ci`
// when node_modules is missing or older than package.json / package-lock.json, the same rule as
// build/NodeModules.targets. Run by the AppHost's `npm-install` resource with the repository root as cwd.
import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";

const modifiedAt = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
};

// npm writes this file last, so it dates the installed tree.
const installedAt = modifiedAt("node_modules/.package-lock.json");
const upToDate =
  installedAt !== undefined &&
  installedAt >= (modifiedAt("package.json") ?? 0) &&
  installedAt >= (modifiedAt("package-lock.json") ?? 0);

if (upToDate) {
  console.log("node_modules is up to date with package-lock.json; nothing to install.");
  process.exit(0);
}

console.log("Installing npm packages: npm ci");
const result = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], {
  stdio: "inherit",
  shell: process.platform === "win32", // npm is npm.cmd on Windows
});
if (result.error) {
  console.error(`Could not run npm: ${result.error.message}. Install Node.js 20 or later with npm.`);
}
process.exit(result.status ?? 1);
