// Writes convex/_generated/functionSpec.json without a backend: the functions as `npx convex function-spec` lists them
// (the emulator's function-spec analysis, which reads what each registered function exports), plus each table's
// document validator from the schema's export(). ConvexKit.Client.Generators turns the file into typed C#.
//
//   node --import tsx tools/function-spec/write-spec.ts [functionsDir=convex] [output=<functionsDir>/_generated/functionSpec.json]
//
// The file changes only when the spec does, so an edit to a function body leaves it (and the C# build) alone.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { formatFunctionSpec, functionSpecFromDirectory } from "../convex-emulator/src/analysis/function-spec.ts";

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

const [functionsDir = "convex", output = path.join(functionsDir, "_generated", "functionSpec.json")] = process.argv.slice(2);
// The CLI's own formatting (keys sorted as the backend's maps), without the deployment URL an offline spec lacks.
const { functions } = JSON.parse(formatFunctionSpec("", await functionSpecFromDirectory(functionsDir))) as { functions: unknown[] };
const text = JSON.stringify({ functions, tables: await tablesOf(functionsDir) }, null, 2) + "\n";
if (!existsSync(output) || readFileSync(output, "utf8") !== text) {
  writeFileSync(output, text);
  console.log(`Wrote ${output} (${functions.length} entries).`);
}
