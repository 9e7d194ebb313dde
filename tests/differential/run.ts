// The npm side of one differential scenario:
//   node --import tsx tests/differential/run.ts <scenario name> <emulator url>
import { runScenario } from "./driver.js";

const [name, url] = process.argv.slice(2);
if (name === undefined) throw new Error("usage: node --import tsx tests/differential/run.ts <scenario name> <emulator url>");
await runScenario(name, url);
