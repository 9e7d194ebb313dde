// Writes convex/_generated/functionSpec.json without a backend: the functions as `npx convex function-spec` lists them
// (the emulator's function-spec analysis, which reads what each registered function exports), plus each table's
// document validator from the schema's export(). ConvexKit.Client.Generators turns the file into typed C#.
//
//   node --import tsx tools/function-spec/write-spec.ts [--watch] [functionsDir=convex] [output=<functionsDir>/_generated/functionSpec.json]
//
// The file changes only when the spec does, so an edit to a function body leaves it (and the C# build) alone.
// --watch keeps running (the AppHost's function-spec resource): after every edit under the functions directory it
// writes the spec again in a fresh process, since a module once imported cannot be imported anew in the same one.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, watch, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { formatFunctionSpec, functionSpecFromDirectory } from "../convex-emulator/src/analysis/function-spec.js";

interface ExportedSchema {
  readonly tables: ReadonlyArray<{ readonly tableName: string; readonly documentType: unknown }>;
}

async function tablesOf(functionsDir: string): Promise<Array<{ tableName: string; documentType: unknown }>> {
  const schemaFile = ["schema.ts", "schema.js"].map((name) => path.join(functionsDir, name)).find(existsSync);
  if (schemaFile === undefined) return [];
  const schema = (await import(pathToFileURL(path.resolve(schemaFile)).href)) as { default?: { export(): string } };
  if (typeof schema.default?.export !== "function") return [];
  const exported = JSON.parse(schema.default.export()) as ExportedSchema;
  return exported.tables
    .map(({ tableName, documentType }) => ({ tableName, documentType }))
    .sort((a, b) => (a.tableName < b.tableName ? -1 : a.tableName > b.tableName ? 1 : 0));
}

async function writeOnce(functionsDir: string, output: string): Promise<void> {
  // The CLI's own formatting (keys sorted as the backend's maps), without the deployment URL an offline spec lacks.
  const { functions } = JSON.parse(formatFunctionSpec("", await functionSpecFromDirectory(functionsDir))) as { functions: unknown[] };
  const text = JSON.stringify({ functions, tables: await tablesOf(functionsDir) }, null, 2) + "\n";
  if (!existsSync(output) || readFileSync(output, "utf8") !== text) {
    writeFileSync(output, text);
    console.log(`Wrote ${output} (${functions.length} entries).`);
  }
}

function watchAndWrite(functionsDir: string, output: string): void {
  let running = false;
  let again = false;
  const run = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    const child = spawn(process.execPath, ["--import", "tsx", process.argv[1]!, functionsDir, output], { stdio: "inherit" });
    child.on("exit", (code) => {
      if (code !== 0) console.error(`The function spec was not written (exit ${code}); it is retried after the next edit.`);
      running = false;
      if (again) {
        again = false;
        run();
      }
    });
  };
  let timer: NodeJS.Timeout | undefined;
  watch(functionsDir, { recursive: true }, (_event, file) => {
    // Its own output and the other generated files are not sources.
    if (file === null || file.replaceAll("\\", "/").startsWith("_generated/") || !/\.(ts|js|mjs)$/.test(file)) return;
    clearTimeout(timer);
    timer = setTimeout(run, 200);
  });
  console.log(`Watching ${functionsDir} for changes to the function spec.`);
  run();
}

const args = process.argv.slice(2);
const watching = args[0] === "--watch";
const [functionsDir = "convex", output = path.join(functionsDir, "_generated", "functionSpec.json")] = watching ? args.slice(1) : args;
if (watching) watchAndWrite(functionsDir, output);
else await writeOnce(functionsDir, output);
