// Finds the function modules of a Convex functions directory the way convex-test expects them outside vite:
// keys "./convex/<relative path>" mapped to lazy imports, with convex/_generated/*.js among them (convex-test locates
// the functions root from the "_generated" key). The same rule as the Convex bundler decides what is a module: a file
// name with more than one dot (notes.test.ts, test.modules.ts, *.d.ts) is not.
// The one place this is done: the emulator maps its --functions directory with it, and convex/test.modules.ts maps
// convex/ with it for the function tests.
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export type ModuleLoader = () => Promise<Record<string, unknown>>;

export interface FunctionModules {
  /** Absolute path of the functions directory. */
  readonly root: string;
  /** The map handed to convexTest(schema, modules). */
  readonly forConvexTest: Record<string, ModuleLoader>;
  /** Module path without extension (`notes`, `dir/file`) → loader; excludes _generated. */
  readonly byModulePath: ReadonlyMap<string, ModuleLoader>;
}

function isFunctionModule(relativePath: string): boolean {
  if (relativePath.split("/").includes("node_modules")) return false;
  if (relativePath.startsWith("_generated/")) return relativePath.endsWith(".js");
  const base = relativePath.split("/").pop() ?? "";
  return /\.(ts|js|mjs)$/.test(base) && base.split(".").length === 2;
}

export function discoverModules(functionsDir: string): FunctionModules {
  const root = path.resolve(functionsDir);
  const forConvexTest: Record<string, ModuleLoader> = {};
  const byModulePath = new Map<string, ModuleLoader>();
  const files = readdirSync(root, { recursive: true, encoding: "utf8" })
    .map((file) => file.replaceAll("\\", "/"))
    .filter(isFunctionModule)
    .sort();
  for (const relativePath of files) {
    const url = pathToFileURL(path.join(root, relativePath)).href;
    const load: ModuleLoader = () => import(url) as Promise<Record<string, unknown>>;
    forConvexTest[`./convex/${relativePath}`] = load;
    if (!relativePath.startsWith("_generated/")) byModulePath.set(relativePath.replace(/\.[^./]+$/, ""), load);
  }
  if (!files.some((file) => file.startsWith("_generated/"))) {
    throw new Error(`${root} has no _generated/*.js; run \`npm run codegen\` (convex-test needs the generated files)`);
  }
  return { root, forConvexTest, byModulePath };
}
