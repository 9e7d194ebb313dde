// convex/_generated/functionSpec.json (what ConvexKit.Client.Generators reads) against the real Convex CLI: the file
// written offline by tools/function-spec/write-spec.ts lists the functions exactly as `npx convex function-spec`
// prints them for a deployment of the same sources, for the repository's convex/ and after a module is added.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import { CliProject, describeRun } from "./cli-project.js";
import { emulatorForSuite } from "./helpers.js";

const ADMIN_KEY = "function-spec-file-admin-key";
const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
const WRITE_SPEC = path.join(REPO_ROOT, "tools/function-spec/write-spec.ts");

interface SpecFile {
  functions: unknown[];
  tables: Array<{ tableName: string; documentType: unknown }>;
}

const extraModule = `import { v } from "convex/values";
import { internalMutation, query } from "./_generated/server";

export const greet = query({
  args: { name: v.string(), times: v.optional(v.int64()) },
  returns: v.object({ text: v.string(), tags: v.array(v.union(v.literal("a"), v.literal("b"))) }),
  handler: async (_ctx, { name }) => ({ text: "hi " + name, tags: ["a" as const] }),
});

export const bump = internalMutation({ args: {}, handler: async () => null });
`;

async function cliFunctions(project: CliProject): Promise<unknown[]> {
  const result = await project.run(["function-spec"]);
  assert.equal(result.code, 0, describeRun(result));
  return (JSON.parse(result.stdout) as { functions: unknown[] }).functions;
}

async function offlineSpec(functionsDir: string, output: string): Promise<SpecFile> {
  await promisify(execFile)(process.execPath, ["--import", "tsx", WRITE_SPEC, functionsDir, output], { cwd: REPO_ROOT });
  return JSON.parse(readFileSync(output, "utf8")) as SpecFile;
}

describe("convex/_generated/functionSpec.json equals the real CLI's function-spec", () => {
  const suite = emulatorForSuite({ adminKey: ADMIN_KEY, extraArgs: ["--await-push"] });
  let project: CliProject;

  before(() => {
    project = CliProject.create(suite.emulator.url, ADMIN_KEY);
  });
  after(() => project.dispose());

  test("the checked-in spec lists the functions the CLI prints for a deployment of convex/", async () => {
    const deployed = await project.deploy();
    assert.equal(deployed.code, 0, describeRun(deployed));
    const checkedIn = JSON.parse(readFileSync(path.join(REPO_ROOT, "convex/_generated/functionSpec.json"), "utf8")) as SpecFile;
    assert.deepEqual(checkedIn.functions, await cliFunctions(project));
    assert.deepEqual(checkedIn.tables.map((table) => table.tableName), ["notes"]);
  });

  test("after adding a module, write-spec.ts and the CLI agree again, new functions and visibility included", async () => {
    project.write("extra.ts", extraModule);
    const deployed = await project.deploy();
    assert.equal(deployed.code, 0, describeRun(deployed));
    const output = path.join(project.directory, "functionSpec.json");
    const offline = await offlineSpec(path.join(project.directory, "convex"), output);
    const printed = await cliFunctions(project);
    assert.deepEqual(offline.functions, printed);
    const greet = printed.find((fn) => (fn as { identifier?: string }).identifier === "extra.js:greet") as Record<string, unknown>;
    assert.deepEqual(greet.visibility, { kind: "public" });
    const bump = printed.find((fn) => (fn as { identifier?: string }).identifier === "extra.js:bump") as Record<string, unknown>;
    assert.deepEqual(bump.visibility, { kind: "internal" });
    // The schema part: the notes table's document validator as the schema declares it.
    const notes = offline.tables.find((table) => table.tableName === "notes");
    assert.deepEqual(Object.keys((notes?.documentType as { value: object }).value), ["title", "content", "createdAt", "updatedAt"]);
  });
});
