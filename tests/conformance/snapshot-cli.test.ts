// `convex export` and `convex import`, the real CLI from node_modules, against the emulator: the snapshot ZIP's
// layout and value encoding, a lossless round trip of every value type, the import modes and their confirmations,
// and the refusals (schema, non-empty tables, missing admin key).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { readZip, writeZip } from "../../tools/convex-emulator/src/snapshot/zip.js";
import { FIXTURE_FUNCTIONS, REPO_ROOT, type EmulatorProcess } from "./emulator-process.js";
import { emulatorForSuite, notes, postJson, within } from "./helpers.js";

const ADMIN_KEY = "convex-self-hosted|0123456789abcdef";
const CLI = path.join(REPO_ROOT, "node_modules/.bin/convex");
const CLI_TIMEOUT_MS = 60_000;

interface CliRun {
  readonly code: number;
  readonly output: string;
}

/** Runs the project's Convex CLI against `emulator` exactly as a developer's terminal would (docs/data-commands.md). */
function convex(emulator: EmulatorProcess, ...args: string[]): Promise<CliRun> {
  const env = {
    ...process.env,
    CONVEX_SELF_HOSTED_URL: emulator.url,
    CONVEX_SELF_HOSTED_ADMIN_KEY: ADMIN_KEY,
    CONVEX_DEPLOYMENT: "",
    CONVEX_DEPLOY_KEY: "",
    CI: "1",
  };
  const run = new Promise<CliRun>((resolve) => {
    execFile(CLI, args, { cwd: REPO_ROOT, env, timeout: CLI_TIMEOUT_MS }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
  return within(run, `convex ${args.join(" ")}`, CLI_TIMEOUT_MS + 5_000);
}

const workDir = mkdtempSync(path.join(tmpdir(), "convex-snapshot-test-"));
after(() => rmSync(workDir, { recursive: true, force: true }));

function file(name: string, contents?: string | Buffer): string {
  const target = path.join(workDir, name);
  if (contents !== undefined) writeFileSync(target, contents);
  return target;
}

/** A ZIP with nothing but a README: `convex import --replace-all` with it empties every table (the Clear data command). */
function emptySnapshot(name: string): string {
  return file(name, writeZip([{ name: "README.md", data: Buffer.from("empty snapshot\n") }]));
}

function zipText(zipPath: string): Map<string, string> {
  return new Map(readZip(readFileSync(zipPath)).map((entry) => [entry.name, entry.data.toString("utf8")]));
}

describe("convex export / convex import against the emulator (the app's functions)", { timeout: 300_000 }, () => {
  const suite = emulatorForSuite({ adminKey: ADMIN_KEY });
  const client = () => new ConvexHttpClient(suite.emulator.url);

  test("export writes the backend's snapshot layout: README, _tables, <table>/documents.jsonl in export JSON, generated_schema", async () => {
    const id = await client().mutation(notes.create, { title: "Exported", content: "kept as is" });
    const zipPath = file("layout.zip");
    const run = await convex(suite.emulator, "export", "--path", zipPath);
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /Downloaded snapshot export to/);

    const entries = zipText(zipPath);
    assert.deepEqual([...entries.keys()], ["README.md", "_tables/documents.jsonl", "notes/documents.jsonl", "notes/generated_schema.jsonl"]);
    assert.match(entries.get("README.md")!, /^# Welcome to your Convex snapshot export!/);
    assert.equal(entries.get("_tables/documents.jsonl"), '{"id":10001,"name":"notes"}\n');
    assert.equal(entries.get("notes/generated_schema.jsonl"), '"uniform"\n');
    const line = entries.get("notes/documents.jsonl")!.trimEnd();
    // Fields in byte order; every float64 (the times here) with a decimal point, so it reads back as a float.
    assert.match(line, /^\{"_creationTime":\d+(\.\d+)?,"_id":"[^"]+","content":"kept as is","createdAt":\d+\.\d+,"title":"Exported","updatedAt":\d+\.\d+\}$/);
    assert.equal(JSON.parse(line)._id, id);
  });

  test("a second export at the same commit is a new export, downloaded to a directory under the backend's file name", async () => {
    const dir = path.join(workDir, "exports");
    mkdirSync(dir);
    const run = await convex(suite.emulator, "export", "--path", dir);
    assert.equal(run.code, 0, run.output);
    const name = /Downloaded snapshot export to (\S+)/.exec(run.output)?.[1];
    assert.match(path.basename(name ?? ""), /^snapshot_\d+\.zip$/);
    assert.ok(zipText(name!).has("notes/documents.jsonl"));
  });

  test("import into a non-empty table without a mode fails with the backend's message and changes nothing", async () => {
    const before = await client().query(notes.list, {});
    const run = await convex(suite.emulator, "import", file("layout.zip"));
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /Table notes already exists\. Please choose a new table name or use replace\/append modes\./);
    assert.deepEqual(await client().query(notes.list, {}), before);
  });

  test("replace asks for confirmation when it deletes; non-interactive without --yes it stops before deleting", async () => {
    const before = await client().query(notes.list, {});
    const run = await convex(suite.emulator, "import", "--replace", file("layout.zip"));
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /Import change summary:\ntable \| create \| delete \|\n-+\nnotes \| 1 {6}\| 1 of 1 \|/);
    assert.deepEqual(await client().query(notes.list, {}), before);
  });

  test("clear (replace-all with an empty snapshot), then import restores the same documents, ids and creation times", async () => {
    await client().mutation(notes.create, { title: "Second", content: "two" });
    const original = await client().query(notes.list, {});
    const zipPath = file("restore.zip");
    assert.equal((await convex(suite.emulator, "export", "--path", zipPath)).code, 0);

    const cleared = await convex(suite.emulator, "import", "--replace-all", "-y", emptySnapshot("empty.zip"));
    assert.equal(cleared.code, 0, cleared.output);
    assert.match(cleared.output, /notes \| 0 {6}\| 2 of 2 \|/);
    assert.deepEqual(await client().query(notes.list, {}), []);

    const restored = await convex(suite.emulator, "import", zipPath);
    assert.equal(restored.code, 0, restored.output);
    assert.match(restored.output, /Added 2 documents\./);
    assert.deepEqual(await client().query(notes.list, {}), original);

    // New inserts never reuse an imported id.
    const fresh = await client().mutation(notes.create, { title: "After", content: "import" });
    assert.ok(!original.some((note) => note._id === fresh));
  });

  test("append a JSON Lines file to one table; documents without _id get fresh ids, foreign ids are replaced", async () => {
    const count = (await client().query(notes.list, {})).length;
    const lines = [
      { title: "From JSONL", content: "no id", createdAt: 1, updatedAt: 2 },
      { _id: "jd7f0a0kx8q8b5b3d5g5f2a4hx7r8abc", title: "Foreign id", content: "from a real backend", createdAt: 3, updatedAt: 4 },
    ];
    const run = await convex(suite.emulator, "import", "--append", "--table", "notes", file("more.jsonl", lines.map((line) => JSON.stringify(line)).join("\n")));
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /Added 2 documents to table "notes"\./);
    const all = await client().query(notes.list, {});
    assert.equal(all.length, count + 2);
    const foreign = all.find((note) => note.title === "Foreign id")!;
    assert.notEqual(foreign._id, lines[1]._id);
    assert.deepEqual(await client().query(notes.get, { id: foreign._id }), foreign);
  });

  test("documents that break the schema fail the import with the reason, and nothing is written", async () => {
    const before = await client().query(notes.list, {});
    const run = await convex(suite.emulator, "import", "--append", "--table", "notes", file("bad.jsonl", '{"title":"no content"}\n'));
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /Hit an error while importing:/);
    assert.match(run.output, /content/);
    assert.deepEqual(await client().query(notes.list, {}), before);
  });

  test("the snapshot routes and system queries need the admin key", async () => {
    const anonymous = await postJson(`${suite.emulator.url}/api/export/request/zip?includeStorage=false`, {});
    assert.equal(anonymous.status, 403);
    const wrongKey = await postJson(`${suite.emulator.url}/api/import/start_upload`, {}, { Authorization: "Convex wrong" });
    assert.equal(wrongKey.status, 401);
    assert.equal(wrongKey.body.code, "BadAdminKey");
    const listed = await postJson(`${suite.emulator.url}/api/query`, { path: "_system/cli/queryImport:list", args: {}, format: "json" });
    assert.equal(listed.body.status, "error");
    assert.match(listed.body.errorMessage, /Could not find public function/);
  });
});

describe("convex export / import keep every Convex value type (fixture functions)", { timeout: 120_000 }, () => {
  const suite = emulatorForSuite({ adminKey: ADMIN_KEY, functions: FIXTURE_FUNCTIONS });
  const store = makeFunctionReference<"mutation", { label: string; value: unknown }, unknown>("values:store");
  const samples = makeFunctionReference<"query", Record<string, never>, Array<{ label: string; value: unknown }>>("values:samples");

  test("int64 (also beyond 2^53), float64 with integral value, -0, NaN, ±Infinity and bytes survive export → clear → import", async () => {
    const client = new ConvexHttpClient(suite.emulator.url);
    const value = {
      int: 42n,
      huge: 9_007_199_254_740_993n,
      negative: -(2n ** 63n),
      wholeFloat: 3,
      negativeZero: -0,
      nan: Number.NaN,
      infinity: Number.POSITIVE_INFINITY,
      minusInfinity: Number.NEGATIVE_INFINITY,
      bytes: new Uint8Array([0, 16, 131, 255]).buffer,
      nested: [{ text: "ünïcødé \"quoted\" \\ \n", flag: true, nothing: null }],
    };
    await client.mutation(store, { label: "every type", value });
    const before = await client.query(samples, {});

    const zipPath = file("values.zip");
    assert.equal((await convex(suite.emulator, "export", "--path", zipPath)).code, 0);
    const line = zipText(zipPath).get("samples/documents.jsonl")!;
    assert.match(line, /"huge":9007199254740993[,}]/, "int64 is a plain integer literal");
    assert.match(line, /"wholeFloat":3\.0[,}]/, "a whole float64 keeps its decimal point");
    assert.match(line, /"negativeZero":-0\.0[,}]/);
    assert.match(line, /"bytes":\{"\$bytes":"ABCD\/w=="\}/);

    assert.equal((await convex(suite.emulator, "import", "--replace-all", "-y", emptySnapshot("empty-values.zip"))).code, 0);
    assert.deepEqual(await client.query(samples, {}), []);
    const run = await convex(suite.emulator, "import", zipPath);
    assert.equal(run.code, 0, run.output);
    const after = await client.query(samples, {});
    assert.deepEqual(after, before);
    const restored = after[0].value as typeof value;
    assert.equal(typeof restored.huge, "bigint");
    assert.ok(Object.is(restored.negativeZero, -0));
    assert.equal(typeof restored.wholeFloat, "number");
  });
});
