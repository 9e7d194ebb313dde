// Starts the ConvexNotes emulator with its admin key taken from the environment (CONVEX_EMULATOR_ADMIN_KEY) instead
// of the command line, where process listings and Aspire's "Starting process" log line would show it. Runs in the
// emulator's own process (no child), so signals and exit codes are the emulator's.
// Usage: node --import tsx emulator-with-env-key.mjs tools/convex-emulator/src/main.ts [emulator options...]
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [entry, ...options] = process.argv.slice(2);
const adminKey = process.env.CONVEX_EMULATOR_ADMIN_KEY;
delete process.env.CONVEX_EMULATOR_ADMIN_KEY; // the functions the emulator runs have no business seeing it

process.argv = [process.argv[0], resolve(entry), ...options, ...(adminKey ? ["--admin-key", adminKey] : [])];
await import(pathToFileURL(resolve(entry)).href);
