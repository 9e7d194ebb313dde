// Pushed modules on disk. The CLI pushes esbuild bundles (ES modules that import each other by relative path, shared
// code in `_deps/`); node can only import files, so every push is written to a fresh directory (node caches imports
// by URL, so reusing a directory would serve the old code) and imported from there. The directory layout mirrors
// the module paths, so the bundles' relative imports resolve.
import { createHash } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { FunctionModules, ModuleLoader } from "../modules.js";

/** A module as the CLI pushes it (deployApi/modules.ts moduleConfig). */
export interface PushedModule {
  readonly path: string;
  readonly source: string;
  readonly sourceMap?: string;
  readonly environment: "isolate" | "node";
}

/** The CLI's hash of a bundle (components.ts `hash`): sha256 over the source, then the source map. */
export function moduleHash(module: PushedModule): string {
  return createHash("sha256").update(module.source).update(module.sourceMap ?? "").digest("hex");
}

/** `_deps/…` chunks are shared code, not function modules: the backend never looks up functions in them. */
export function isDepsModule(modulePath: string): boolean {
  return modulePath.startsWith("_deps/");
}

/**
 * Writes `modules` (and the schema, as schema.js) to `directory` and returns the map convex-test and the runtime
 * use. convex-test finds the functions root through a `_generated` key; bundles carry their generated code inside,
 * so an empty stand-in is listed.
 */
export function writeModules(directory: string, modules: readonly PushedModule[]): FunctionModules {
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  // The bundles are ES modules with .js names.
  writeFileSync(path.join(directory, "package.json"), '{"type":"module"}\n');
  const forConvexTest: Record<string, ModuleLoader> = { "./convex/_generated/server.js": async () => ({}) };
  const byModulePath = new Map<string, ModuleLoader>();
  for (const module of modules) {
    const file = path.join(directory, ...module.path.split("/"));
    if (!file.startsWith(directory + path.sep)) throw new Error(`Invalid module path ${JSON.stringify(module.path)}`);
    mkdirSync(path.dirname(file), { recursive: true });
    // Node reads the bundle's own source map when started with --enable-source-maps; harmless otherwise.
    writeFileSync(file, module.source);
    if (module.sourceMap !== undefined) writeFileSync(`${file}.map`, module.sourceMap);
    const url = pathToFileURL(file).href;
    const load: ModuleLoader = () => import(url) as Promise<Record<string, unknown>>;
    forConvexTest[`./convex/${module.path}`] = load;
    if (!isDepsModule(module.path)) byModulePath.set(module.path.replace(/\.js$/, ""), load);
  }
  return { root: directory, forConvexTest, byModulePath };
}

/** A runtime with no functions at all (an emulator waiting for its first push). */
export function noModules(directory: string): FunctionModules {
  return writeModules(directory, []);
}
