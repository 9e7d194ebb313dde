// The deployment's configuration as the backend keeps it: the pushed modules (with the CLI's hashes), the schema,
// the function server version and the environment variables; and the push sequence of the CLI's deploy2 API
// (start_push → wait_for_schema → finish_push, local_backend/src/deploy_config2.rs). A push is staged (written,
// imported and analyzed) by start_push, checked against the stored documents by wait_for_schema, and only
// finish_push makes it serve; anything failing before that leaves the previous functions serving.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { analyzeModule, type AnalyzedModule } from "../analysis/function-spec.js";
import { HttpError } from "../http/respond.js";
import type { FunctionModules } from "../modules.js";
import type { FunctionRuntime } from "../runtime.js";
import { isDepsModule, moduleHash, writeModules, type PushedModule } from "./module-files.js";
import { findSchemaViolation, type SchemaTables } from "./schema-check.js";

/** What the emulator keeps of a push, saved next to --data so a restart serves the last push again. */
interface SavedDeployment {
  readonly format: "convexnotes-emulator-deployment";
  readonly version: 1;
  readonly udfServerVersion: string | null;
  readonly modules: readonly PushedModule[];
  readonly schema: PushedModule | null;
  readonly environmentVariables: Readonly<Record<string, string>>;
}

interface StagedPush {
  readonly id: string;
  readonly dryRun: boolean;
  readonly directory: string;
  readonly modules: readonly PushedModule[];
  readonly schema: PushedModule | null;
  readonly schemaTables: SchemaTables | null;
  readonly functionModules: FunctionModules;
  readonly udfServerVersion: string;
  readonly analysis: ReadonlyMap<string, AnalyzedModule>;
}

export interface DeploymentUrls {
  readonly cloudUrl: string;
  readonly siteUrl: string;
}

type Body = Record<string, unknown>;

/** The backend's env var name rule (common/src/types/environment_variables.rs): a letter, then letters, digits, _. */
const ENV_VAR_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/;
const MAX_ENV_VAR_VALUE_BYTES = 8 * 1024;

function invalidConfig(message: string): HttpError {
  return new HttpError(400, "InvalidConfig", message);
}

function pushError(code: string, message: string): HttpError {
  return new HttpError(400, code, `Hit an error while pushing:\n${message}`);
}

export class Deployment {
  private modules: readonly PushedModule[] = [];
  private schema: PushedModule | null = null;
  private schemaTables: SchemaTables | null = null;
  private udfServerVersion: string | null = null;
  private readonly environmentVariables = new Map<string, string>();
  private readonly staged = new Map<string, StagedPush>();
  private currentDirectory: string | null = null;
  private nextPush = 1;
  private urls: DeploymentUrls = { cloudUrl: "", siteUrl: "" };

  /**
   * `workDirectory` holds one directory per staged or serving push, and `deployment.json` (the last push and the
   * environment variables) when `persistent`.
   */
  constructor(
    private readonly runtime: FunctionRuntime,
    private readonly workDirectory: string,
    private readonly persistent: boolean,
    private readonly log: (message: string) => void,
  ) {
    mkdirSync(workDirectory, { recursive: true });
  }

  /** The last saved push, or null when nothing was ever pushed into this work directory. */
  static loadSaved(workDirectory: string): SavedDeployment | null {
    const file = path.join(workDirectory, "deployment.json");
    if (!existsSync(file)) return null;
    const saved = JSON.parse(readFileSync(file, "utf8")) as SavedDeployment;
    if (saved.format !== "convexnotes-emulator-deployment" || saved.version !== 1) throw new Error(`${file} is not an emulator deployment file`);
    return saved;
  }

  /** Writes the saved push's modules for the runtime to start on (before the runtime exists). */
  static writeSaved(workDirectory: string, saved: SavedDeployment): FunctionModules {
    return writeModules(path.join(workDirectory, "push-0"), withSchema(saved.modules, saved.schema));
  }

  /** Adopts the saved state the runtime was started with (its modules are in push-0). */
  async adoptSaved(saved: SavedDeployment): Promise<void> {
    this.modules = saved.modules;
    this.schema = saved.schema;
    this.udfServerVersion = saved.udfServerVersion;
    this.currentDirectory = path.join(this.workDirectory, "push-0");
    this.schemaTables = await schemaTablesOf(this.runtime.functionModules);
    for (const [name, value] of Object.entries(saved.environmentVariables)) this.environmentVariables.set(name, value);
    this.applyEnvironment([]);
  }

  /** The URLs functions see as CONVEX_CLOUD_URL / CONVEX_SITE_URL, known once the ports are open. */
  setUrls(urls: DeploymentUrls): void {
    this.urls = urls;
    process.env.CONVEX_CLOUD_URL = urls.cloudUrl;
    process.env.CONVEX_SITE_URL = urls.siteUrl;
  }

  get cloudUrl(): string {
    return this.urls.cloudUrl;
  }

  get siteUrl(): string {
    return this.urls.siteUrl;
  }

  /** POST /api/get_config_hashes (deploy_config.rs): what the CLI diffs its bundles against. */
  configHashes(): Body {
    return {
      config: { functions: "convex/", authInfo: [] },
      moduleHashes: this.modules.map((module) => ({ path: module.path, hash: moduleHash(module), environment: module.environment })),
      nodeDependencies: [],
      udfServerVersion: this.udfServerVersion,
    };
  }

  listEnvironmentVariables(): Array<{ name: string; value: string }> {
    return [...this.environmentVariables.keys()].sort().map((name) => ({ name, value: this.environmentVariables.get(name)! }));
  }

  environmentVariable(name: string): string | undefined {
    return this.environmentVariables.get(name);
  }

  /** POST /api/update_environment_variables: `{changes: [{name, value?}]}`, value absent or null = remove. */
  updateEnvironmentVariables(body: Body): void {
    if (!Array.isArray(body.changes)) throw new HttpError(400, "BadJsonBody", "missing field `changes`");
    const changes: Array<[string, string | null]> = [];
    for (const change of body.changes as unknown[]) {
      const { name, value } = (change ?? {}) as { name?: unknown; value?: unknown };
      if (typeof name !== "string" || !ENV_VAR_NAME.test(name)) {
        throw new HttpError(400, "InvalidEnvVarName", `Environment variable name ${JSON.stringify(name)} is invalid: it must start with a letter, contain only letters, digits and underscores, and be at most 40 characters long.`);
      }
      if (value !== undefined && value !== null && typeof value !== "string") throw new HttpError(400, "BadJsonBody", `value of ${name} must be a string`);
      if (typeof value === "string" && Buffer.byteLength(value) > MAX_ENV_VAR_VALUE_BYTES) {
        throw new HttpError(400, "EnvVarValueTooLarge", `Environment variable ${name} is too large: values are at most 8 KiB.`);
      }
      changes.push([name, typeof value === "string" ? value : null]);
    }
    for (const [name, value] of changes) {
      if (value === null) this.environmentVariables.delete(name);
      else this.environmentVariables.set(name, value);
    }
    this.applyEnvironment(changes.filter(([, value]) => value === null).map(([name]) => name));
    this.save();
    // Functions read process.env, which is not part of any cached result: every subscription reruns (as on the backend).
    this.runtime.touch();
  }

  /**
   * POST /api/deploy2/start_push (and evaluate_push, which stages nothing): writes, imports and analyzes the pushed
   * modules. Anything wrong (a module that throws while loading, a bad schema) is a 400 and changes nothing.
   */
  async startPush(body: Body, evaluateOnly: boolean): Promise<Body> {
    const app = body.appDefinition as Body | undefined;
    if (typeof app !== "object" || app === null) throw invalidConfig("missing field `appDefinition`");
    if (Array.isArray(body.componentDefinitions) && body.componentDefinitions.length > 0) {
      throw invalidConfig("The emulator does not support components (convex.config.ts with app.use()).");
    }
    const changed = parseModules(app.changedModules, "changedModules");
    const unchanged = Array.isArray(app.unchangedModuleHashes) ? (app.unchangedModuleHashes as Body[]) : [];
    const modules: PushedModule[] = [...changed];
    for (const entry of unchanged) {
      const previous = this.modules.find((module) => module.path === entry.path);
      if (previous === undefined || moduleHash(previous) !== entry.sha256) {
        throw pushError("ModuleNotFound", `Module ${String(entry.path)} was reported unchanged but the deployment does not have it with hash ${String(entry.sha256)}.`);
      }
      modules.push(previous);
    }
    const schema = app.schema === null || app.schema === undefined ? null : parseModules([app.schema], "schema")[0];
    const udfServerVersion = typeof app.udfServerVersion === "string" ? app.udfServerVersion : "0.0.0";
    const id = `push-${this.nextPush++}`;
    const directory = path.join(this.workDirectory, id);
    let functionModules: FunctionModules;
    try {
      functionModules = writeModules(directory, withSchema(modules, schema));
    } catch (error) {
      throw pushError("InvalidModules", (error as Error).message);
    }
    try {
      const analysis = await analyze(functionModules);
      const schemaTables = await schemaTablesOf(functionModules);
      const push: StagedPush = {
        id,
        dryRun: body.dryRun === true || evaluateOnly,
        directory,
        modules,
        schema,
        schemaTables,
        functionModules,
        udfServerVersion,
        analysis,
      };
      const response = this.startPushResponse(push);
      if (evaluateOnly) {
        rmSync(directory, { recursive: true, force: true });
        return { schemaChange: response.schemaChange };
      }
      this.staged.set(id, push);
      return response;
    } catch (error) {
      rmSync(directory, { recursive: true, force: true });
      throw error;
    }
  }

  /** POST /api/deploy2/evaluate_schema: what a push would validate and backfill; nothing here takes long. */
  evaluateSchema(): Body {
    return {
      componentSchemaEvaluations: { "": { definitionPath: "", schemaValidation: this.schemaTables?.schemaValidation ?? false, tables: [], indexes: [] } },
      newComponentDefinitions: [],
    };
  }

  /** POST /api/deploy2/wait_for_schema: the stored documents against the staged schema, decided at once. */
  waitForSchema(body: Body): Body {
    const push = this.stagedFrom(body.schemaChange);
    if (push === undefined) return { type: "raceDetected" };
    const violation = findSchemaViolation(push.schemaTables, this.runtime.documents);
    if (violation !== null) return { type: "failed", error: violation.message, componentPath: "", tableName: violation.tableName };
    return { type: "complete" };
  }

  /** POST /api/deploy2/finish_push: the staged push serves from now on (unless a dry run); answers the diff. */
  async finishPush(body: Body): Promise<Body> {
    const startPush = (body.startPush ?? {}) as Body;
    const push = this.stagedFrom(startPush.schemaChange);
    if (push === undefined) throw new HttpError(400, "RaceDetected", "The push was overwritten by another push or the emulator restarted; push again.");
    this.staged.delete(push.id);
    const diff = this.diff(push);
    if (push.dryRun || body.dryRun === true) {
      rmSync(push.directory, { recursive: true, force: true });
      return diff;
    }
    // Writes may have landed since wait_for_schema; the backend enforces the pending schema on them, here they are
    // checked once more before switching.
    const violation = findSchemaViolation(push.schemaTables, this.runtime.documents);
    if (violation !== null) {
      rmSync(push.directory, { recursive: true, force: true });
      throw pushError("SchemaValidationFailed", `Schema validation failed.\n${violation.message}`);
    }
    await this.runtime.replaceModules(push.functionModules);
    const previousDirectory = this.currentDirectory;
    this.modules = push.modules;
    this.schema = push.schema;
    this.schemaTables = push.schemaTables;
    this.udfServerVersion = push.udfServerVersion;
    this.currentDirectory = push.directory;
    this.save();
    // Node keeps imported modules in memory; the old files are no longer needed.
    if (previousDirectory !== null) rmSync(previousDirectory, { recursive: true, force: true });
    const functionCount = [...push.analysis.values()].reduce((sum, module) => sum + module.functions.length, 0);
    this.log(`push ${push.id}: ${push.modules.filter((module) => !isDepsModule(module.path)).length} modules, ${functionCount} functions now serving`);
    return diff;
  }

  private stagedFrom(schemaChange: unknown): StagedPush | undefined {
    const ids = (schemaChange as { schemaIds?: { emulatorPush?: unknown } } | undefined)?.schemaIds;
    return typeof ids?.emulatorPush === "string" ? this.staged.get(ids.emulatorPush) : undefined;
  }

  private startPushResponse(push: StagedPush): Body {
    const functions: Record<string, Body> = {};
    for (const [modulePath, analyzed] of push.analysis) {
      functions[modulePath] = {
        functions: analyzed.functions.map((fn) => ({ ...fn, pos: null })),
        httpRoutes: analyzed.httpRoutes?.map((route) => ({ route, pos: null })) ?? null,
        cronSpecs: null,
        sourceMapped: null,
      };
    }
    const httpRoutes = push.analysis.get("http.js")?.httpRoutes ?? null;
    return {
      environmentVariables: Object.fromEntries(this.environmentVariables),
      externalDepsId: null,
      componentDefinitionPackages: {},
      appAuth: [],
      analysis: {
        "": {
          definition: {
            path: "",
            definitionType: { type: "app" },
            childComponents: [],
            httpMounts: {},
            exports: { type: "branch", branch: [] },
          },
          schema: push.schemaTables === null ? null : analyzedSchema(push.schemaTables),
          functions,
          udfConfig: { serverVersion: push.udfServerVersion, importPhaseRngSeed: null, importPhaseUnixTimestamp: null },
        },
      },
      app: {
        definitionPath: "",
        componentPath: "",
        args: {},
        childComponents: {},
        httpRoutes: { httpModuleRoutes: httpRoutes, mounts: [] },
        exports: {},
      },
      schemaChange: {
        allocatedComponentIds: {},
        // The backend puts the ids of the schemas it staged here; the emulator names its staged push.
        schemaIds: { emulatorPush: push.id },
        indexDiffs: { "": indexDiff(this.schemaTables, push.schemaTables) },
      },
    };
  }

  private diff(push: StagedPush): Body {
    const before = new Set(this.modules.filter((module) => !isDepsModule(module.path)).map((module) => module.path));
    const after = new Set(push.modules.filter((module) => !isDepsModule(module.path)).map((module) => module.path));
    return {
      authDiff: { added: [], removed: [] },
      definitionDiffs: {},
      componentDiffs: {
        "": {
          diffType: { type: "modify" },
          moduleDiff: { added: [...after].filter((p) => !before.has(p)).sort(), removed: [...before].filter((p) => !after.has(p)).sort() },
          udfConfigDiff:
            this.udfServerVersion === push.udfServerVersion ? null : { previous_version: this.udfServerVersion ?? "", next_version: push.udfServerVersion },
          cronDiff: { added: [], updated: [], deleted: [] },
          indexDiff: indexDiff(this.schemaTables, push.schemaTables),
          schemaDiff:
            this.schema?.source === push.schema?.source ? null : { previous_schema: this.schema === null ? null : "schema.js", next_schema: push.schema === null ? null : "schema.js" },
        },
      },
    };
  }

  /** Mirrors the deployment variables into process.env, where functions (running in this process) read them. */
  private applyEnvironment(removed: readonly string[]): void {
    for (const name of removed) delete process.env[name];
    for (const [name, value] of this.environmentVariables) process.env[name] = value;
  }

  private save(): void {
    if (!this.persistent) return;
    const saved: SavedDeployment = {
      format: "convexnotes-emulator-deployment",
      version: 1,
      udfServerVersion: this.udfServerVersion,
      modules: this.modules,
      schema: this.schema,
      environmentVariables: Object.fromEntries(this.environmentVariables),
    };
    const file = path.join(this.workDirectory, "deployment.json");
    writeFileSync(`${file}.tmp`, JSON.stringify(saved));
    renameSync(`${file}.tmp`, file);
    // The saved push is started from push-0 after a restart.
    if (this.currentDirectory !== null && path.basename(this.currentDirectory) !== "push-0") {
      rmSync(path.join(this.workDirectory, "push-0"), { recursive: true, force: true });
    }
  }
}

function withSchema(modules: readonly PushedModule[], schema: PushedModule | null): PushedModule[] {
  return schema === null ? [...modules] : [...modules.filter((module) => module.path !== "schema.js"), { ...schema, path: "schema.js" }];
}

function parseModules(value: unknown, what: string): PushedModule[] {
  if (!Array.isArray(value)) throw invalidConfig(`missing field \`${what}\``);
  return value.map((item: unknown) => {
    const module = (item ?? {}) as Body;
    if (typeof module.path !== "string" || typeof module.source !== "string") throw invalidConfig(`${what}: every module needs a path and a source`);
    if (!/^[A-Za-z0-9_./-]+\.js$/.test(module.path) || module.path.split("/").some((part) => part === ".." || part === "." || part === "")) {
      throw invalidConfig(`${what}: invalid module path ${JSON.stringify(module.path)}`);
    }
    return {
      path: module.path,
      source: module.source,
      ...(typeof module.sourceMap === "string" ? { sourceMap: module.sourceMap } : {}),
      environment: module.environment === "node" ? "node" : "isolate",
    };
  });
}

/** Imports every module and analyzes the function modules; a failure reads like the backend's analyze error. */
async function analyze(modules: FunctionModules): Promise<Map<string, AnalyzedModule>> {
  for (const [key, load] of Object.entries(modules.forConvexTest)) {
    try {
      await load();
    } catch (error) {
      throw pushError("InvalidModules", `Loading the pushed modules encountered the following\n    error:\nFailed to analyze ${key.replace(/^\.\/convex\//, "")}: ${uncaught(error, modules.root)}`);
    }
  }
  const analysis = new Map<string, AnalyzedModule>();
  for (const [modulePath, load] of modules.byModulePath) {
    if (modulePath === "schema") continue;
    try {
      analysis.set(`${modulePath}.js`, analyzeModule(await load()));
    } catch (error) {
      throw pushError("InvalidModules", `Loading the pushed modules encountered the following\n    error:\nFailed to analyze ${modulePath}.js: ${uncaught(error, modules.root)}`);
    }
  }
  return analysis;
}

function uncaught(error: unknown, root: string): string {
  if (!(error instanceof Error)) return `Uncaught ${String(error)}`;
  const frames = (error.stack ?? "")
    .split("\n")
    .filter((line) => line.trimStart().startsWith("at ") && line.includes(root))
    .map((line) => line.replaceAll(`file://${root}/`, "../convex/").replaceAll(`${root}/`, "../convex/"));
  return `Uncaught ${error.name}: ${error.message}${frames.length === 0 ? "" : `\n${frames.join("\n")}`}`;
}

/** The schema's tables as convex-test keeps them, or null without a schema. A bad schema fails the push. */
async function schemaTablesOf(modules: FunctionModules): Promise<SchemaTables | null> {
  const load = modules.byModulePath.get("schema");
  if (load === undefined) return null;
  const schema = (await load()).default as { schemaValidation?: unknown; tables?: Record<string, { export?: () => unknown }> } | undefined;
  if (typeof schema !== "object" || schema === null || typeof schema.tables !== "object") {
    throw pushError("InvalidSchema", "schema.js must export default defineSchema({...}).");
  }
  const tables = new Map<string, unknown>();
  for (const [name, table] of Object.entries(schema.tables)) {
    if (typeof table?.export !== "function") throw pushError("InvalidSchema", `Table ${name} in schema.js is not a defineTable(...) definition.`);
    tables.set(name, table.export());
  }
  return { schemaValidation: schema.schemaValidation !== false, tables };
}

interface ExportedTable {
  indexes?: Array<{ indexDescriptor: string; fields: string[]; staged?: boolean }>;
  searchIndexes?: unknown[];
  vectorIndexes?: unknown[];
  documentType?: unknown;
}

function analyzedSchema(schema: SchemaTables): Body {
  return {
    tables: [...schema.tables].map(([tableName, exported]) => {
      const table = exported as ExportedTable;
      return {
        tableName,
        indexes: table.indexes ?? [],
        searchIndexes: table.searchIndexes ?? [],
        vectorIndexes: table.vectorIndexes ?? [],
        documentType: table.documentType ?? null,
      };
    }),
    schemaValidation: schema.schemaValidation,
  };
}

/** Database indexes added and removed between two schemas, named `<table>.<index>` as the CLI prints them. */
function indexDiff(before: SchemaTables | null, after: SchemaTables | null): Body {
  const indexes = (schema: SchemaTables | null) => {
    const found = new Map<string, Body>();
    for (const [tableName, exported] of schema?.tables ?? []) {
      for (const index of (exported as ExportedTable).indexes ?? []) {
        const name = `${tableName}.${index.indexDescriptor}`;
        found.set(`${name} ${JSON.stringify(index.fields)}`, { name, type: "database", fields: index.fields });
      }
    }
    return found;
  };
  const old = indexes(before);
  const next = indexes(after);
  return {
    added_indexes: [...next].filter(([key]) => !old.has(key)).map(([, index]) => index),
    removed_indexes: [...old].filter(([key]) => !next.has(key)).map(([, index]) => index),
  };
}

export type { SavedDeployment };
