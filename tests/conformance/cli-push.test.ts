// The real Convex CLI pushing to the emulator (`convex deploy`, `convex dev --once`) the way it pushes to a
// self-hosted backend: get_config_hashes, the deploy2 sequence with brotli bodies, schema validation against the
// stored documents. The emulator starts with --await-push, so everything it serves came through the CLI.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { makeFunctionReference } from "convex/server";
import { CliProject, describeRun } from "./cli-project.js";
import { REPO_ROOT } from "./emulator-process.js";
import { emulatorForSuite, notes, Subscription, within } from "./helpers.js";

const ADMIN_KEY = "cli-push-admin-key";
const probe = {
  version: makeFunctionReference<"query", Record<string, never>, string>("probe:version"),
};

function probeModule(version: string): string {
  return `import { v } from "convex/values";
import { query } from "./_generated/server";

export const version = query({ args: {}, returns: v.string(), handler: async () => ${JSON.stringify(version)} });
`;
}

describe("convex deploy / convex dev --once against the emulator", () => {
  const suite = emulatorForSuite({ adminKey: ADMIN_KEY, extraArgs: ["--await-push"] });
  let project: CliProject;

  before(() => {
    project = CliProject.create(suite.emulator.url, ADMIN_KEY);
  });
  after(() => project.dispose());

  test("deploy: nothing is served before the first push, the pushed functions afterwards", async () => {
    const http = suite.clients.http(suite.emulator.url);
    await assert.rejects(http.query(notes.list, {}), /Could not find public function for 'notes:list'/);
    project.write("probe.ts", probeModule("v1"));
    const result = await project.deploy();
    assert.equal(result.code, 0, describeRun(result));
    assert.match(result.stderr, /Deployed Convex functions to/);
    assert.match(result.stderr, /Added table indexes:\s+\[\+\] notes\.by_updatedAt/);
    assert.equal(await http.query(probe.version, {}), "v1");
    const id = await http.mutation(notes.create, { title: "pushed", content: "through the CLI" });
    assert.deepEqual((await http.query(notes.list, {})).map((note) => note._id), [id]);
  });

  test("deploy a changed function: the new code answers, subscriptions rerun, the data is kept", async () => {
    const client = suite.clients.ws(suite.emulator.url);
    const versions = new Subscription<string>(client, probe.version, {});
    await versions.next((value) => value === "v1", "v1 before the push");
    project.write("probe.ts", probeModule("v2"));
    const result = await project.deploy();
    assert.equal(result.code, 0, describeRun(result));
    await versions.next((value) => value === "v2", "v2 after the push, without resubscribing");
    const http = suite.clients.http(suite.emulator.url);
    assert.deepEqual((await http.query(notes.list, {})).map((note) => note.title), ["pushed"]);
    versions.unsubscribe();
  });

  test("a module that throws while loading: the CLI fails with the error, the old functions keep answering", async () => {
    project.write("broken.ts", `import { query } from "./_generated/server";\nthrow new Error("boom while loading");\nexport const x = query(async () => 1);\n`);
    project.write("probe.ts", probeModule("v3"));
    const result = await project.deploy();
    assert.notEqual(result.code, 0, describeRun(result));
    assert.match(result.stderr, /InvalidModules/);
    assert.match(result.stderr, /Failed to analyze broken\.js: Uncaught Error: boom while loading/);
    const http = suite.clients.http(suite.emulator.url);
    assert.equal(await http.query(probe.version, {}), "v2");
    project.write("broken.ts", null);
  });

  test("a syntax error: the CLI fails while bundling, the old functions keep answering", async () => {
    project.write("probe.ts", `${probeModule("v3")}\nexport const = ;\n`);
    const result = await project.deploy();
    assert.notEqual(result.code, 0, describeRun(result));
    assert.match(result.stderr, /probe\.ts/);
    assert.equal(await suite.clients.http(suite.emulator.url).query(probe.version, {}), "v2");
  });

  test("a schema the stored documents violate: the push fails naming the document, nothing changes", async () => {
    const schema = `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  notes: defineTable({ title: v.string(), content: v.string(), createdAt: v.number(), updatedAt: v.number(), pinned: v.boolean() })
    .index("by_updatedAt", ["updatedAt"]),
});
`;
    project.write("schema.ts", schema);
    project.write("probe.ts", probeModule("v4"));
    const result = await project.deploy();
    assert.notEqual(result.code, 0, describeRun(result));
    assert.match(result.stderr, /Schema validation failed/);
    assert.match(result.stderr, /in table "notes" does not match the schema: Object is missing the required field `pinned`/);
    const http = suite.clients.http(suite.emulator.url);
    assert.equal(await http.query(probe.version, {}), "v2");
    // The old schema still holds: a note without `pinned` can still be written.
    await http.mutation(notes.create, { title: "second", content: "still the old schema" });
  });

  test("convex dev --once pushes (with codegen) and exits 0", async () => {
    project.write("schema.ts", readFileSync(path.join(REPO_ROOT, "convex/schema.ts"), "utf8"));
    project.write("probe.ts", probeModule("v5"));
    const result = await project.run(["dev", "--once", "--typecheck", "disable"]);
    assert.equal(result.code, 0, describeRun(result));
    assert.match(result.stderr, /Convex functions ready!/);
    const http = suite.clients.http(suite.emulator.url);
    assert.equal(await within(http.query(probe.version, {}), "probe after dev --once"), "v5");
    assert.equal((await http.query(notes.list, {})).length, 2);
  });

  test("a restarted emulator (same --data) serves the last push and keeps the environment variables", async () => {
    const set = await project.run(["env", "set", "KEPT", "across restarts"]);
    assert.equal(set.code, 0, describeRun(set));
    await suite.emulator.restart();
    const http = suite.clients.http(suite.emulator.url);
    assert.equal(await http.query(probe.version, {}), "v5");
    assert.equal((await http.query(notes.list, {})).length, 2);
    const list = await project.run(["env", "list"]);
    assert.match(list.stdout, /^KEPT=across restarts$/m);
  });
});
