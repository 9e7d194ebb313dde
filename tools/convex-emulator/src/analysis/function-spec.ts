// Function spec analysis: which exports of a Convex functions directory are registered functions, of which kind and
// visibility, with which argument and return validators, and which HTTP routes the router declares. The one place
// the emulator does this: the push analysis (deploy/push.ts), `_system/cli/modules:apiSpec` behind
// `npx convex function-spec` (deploy/system-functions.ts), and offline tools that want the same spec without a
// deployment all call it.
//
// API (small on purpose):
//   functionSpecFromDirectory(dir)  imports every function module of a functions directory (TypeScript too, when the
//                                   caller runs under `node --import tsx`) and returns its FunctionSpec[].
//   functionSpec(modules)           the same for modules already loaded: module path with ".js" ("notes.js",
//                                   "lib/x.js") → the module's exports.
//   formatFunctionSpec(url, specs)  the exact text `npx convex function-spec` prints: {"url", "functions"}, 2-space
//                                   JSON, every object's keys sorted (the backend's values are sorted maps).
//   analyzeModule(exports)          one module's registered functions and HTTP routes, validators as JSON strings
//                                   (the backend's analyzed-module shape that `start_push` answers with).
//
// The spec format is the backend's `_system/cli/modules:apiSpec` (system-udfs/convex/_system/cli/modules.ts): for
// every analyzed module and every registered function in it `{identifier: "<module>.js:<export>", functionType:
// "Query"|"Mutation"|"Action", visibility: {kind: "public"|"internal"}, args, returns}` with the validators as Convex
// validator JSON (`{"type":"any"}` when the function declares none), then one `{functionType: "HttpAction", method,
// path}` per route of the http.js router (prefix routes as "/prefix/*"). Modules are listed by path; the backend
// lists them in the order its _modules table yields them.
import { discoverModules } from "../modules.js";

/** A Convex validator as JSON (`{"type":"string"}`, `{"type":"object","value":{…}}`, …). */
export type ValidatorJson = { readonly type: string; readonly [key: string]: unknown };

export type UdfType = "Query" | "Mutation" | "Action";

export interface FunctionEntry {
  readonly identifier: string;
  readonly functionType: UdfType;
  readonly visibility: { readonly kind: "public" | "internal" };
  readonly args: ValidatorJson;
  readonly returns: ValidatorJson;
}

export interface HttpActionEntry {
  readonly functionType: "HttpAction";
  readonly method: string;
  readonly path: string;
}

export type FunctionSpec = FunctionEntry | HttpActionEntry;

/** One registered function of a module, validators as the JSON text exportArgs()/exportReturns() give. */
export interface AnalyzedFunction {
  readonly name: string;
  readonly udfType: UdfType;
  readonly visibility: { readonly kind: "public" | "internal" };
  readonly args: string;
  /** null when the function declares no returns validator. */
  readonly returns: string | null;
}

export interface AnalyzedModule {
  readonly functions: readonly AnalyzedFunction[];
  /** The routes of the module's default export when it is an HTTP router (http.js), else null. */
  readonly httpRoutes: ReadonlyArray<{ readonly method: string; readonly path: string }> | null;
}

const ANY: ValidatorJson = { type: "any" };

interface RegisteredFunction {
  isQuery?: boolean;
  isMutation?: boolean;
  isAction?: boolean;
  isInternal?: boolean;
  exportArgs?: () => string;
  exportReturns?: () => string;
}

interface Router {
  isRouter?: boolean;
  getRoutes?: () => ReadonlyArray<readonly [string, string, unknown]>;
}

function udfTypeOf(value: unknown): UdfType | null {
  if ((typeof value !== "function" && typeof value !== "object") || value === null) return null;
  const fn = value as RegisteredFunction;
  if (typeof fn.exportArgs !== "function") return null;
  return fn.isQuery === true ? "Query" : fn.isMutation === true ? "Mutation" : fn.isAction === true ? "Action" : null;
}

/**
 * One module's registered functions (in export-name order) and HTTP routes. Throws what exportArgs()/exportReturns()
 * throw (e.g. an undefined validator from a circular import), which the backend reports as an analysis failure.
 */
export function analyzeModule(exports: Readonly<Record<string, unknown>>): AnalyzedModule {
  const functions: AnalyzedFunction[] = [];
  for (const name of Object.keys(exports).sort()) {
    const value = exports[name];
    const udfType = udfTypeOf(value);
    if (udfType === null) continue;
    const fn = value as RegisteredFunction;
    const returns = typeof fn.exportReturns === "function" ? fn.exportReturns() : "null";
    functions.push({
      name,
      udfType,
      visibility: { kind: fn.isInternal === true ? "internal" : "public" },
      args: fn.exportArgs!(),
      returns: returns === "null" ? null : returns,
    });
  }
  const router = exports.default as Router | undefined;
  const httpRoutes =
    typeof router === "object" && router !== null && router.isRouter === true && typeof router.getRoutes === "function"
      ? router.getRoutes().map(([path, method]) => ({ method, path }))
      : null;
  return { functions, httpRoutes };
}

/** The spec of modules already loaded; keys are module paths with ".js" ("notes.js"), as the backend names them. */
export function functionSpec(modules: ReadonlyMap<string, Readonly<Record<string, unknown>>>): FunctionSpec[] {
  const specs: FunctionSpec[] = [];
  for (const modulePath of [...modules.keys()].sort()) {
    const analyzed = analyzeModule(modules.get(modulePath)!);
    for (const fn of analyzed.functions) {
      specs.push({
        identifier: `${modulePath}:${fn.name}`,
        functionType: fn.udfType,
        visibility: fn.visibility,
        args: JSON.parse(fn.args) as ValidatorJson,
        returns: fn.returns === null ? ANY : (JSON.parse(fn.returns) as ValidatorJson),
      });
    }
    for (const route of analyzed.httpRoutes ?? []) specs.push({ functionType: "HttpAction", method: route.method, path: route.path });
  }
  return specs;
}

/**
 * Imports every function module of `functionsDir` (the rules of modules.ts: what the Convex bundler pushes; the
 * directory needs its _generated files) and returns its spec. TypeScript modules need a TypeScript-capable loader
 * in the calling process (`node --import tsx`).
 */
export async function functionSpecFromDirectory(functionsDir: string): Promise<FunctionSpec[]> {
  const discovered = discoverModules(functionsDir);
  const loaded = new Map<string, Record<string, unknown>>();
  for (const [modulePath, load] of discovered.byModulePath) {
    if (modulePath === "schema") continue;
    loaded.set(`${modulePath}.js`, await load());
  }
  return functionSpec(loaded);
}

/**
 * What `npx convex function-spec` prints for a deployment at `url` with these functions. The backend's objects are
 * sorted maps, so every object's keys come out sorted (`args` before `functionType` before `identifier`).
 */
export function formatFunctionSpec(url: string, specs: readonly FunctionSpec[]): string {
  return JSON.stringify({ url, functions: sortKeys(specs) }, null, 2);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(Object.keys(record).sort().map((key) => [key, sortKeys(record[key])]));
}
