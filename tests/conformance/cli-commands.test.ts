// The real Convex CLI's other deployment commands against the emulator: `convex function-spec`, `convex env`,
// `convex run`, `convex logs`, and the `convex dev` watcher (re-push on edit, function logs in its console).
import assert from "node:assert/strict";
import type { ChildProcessByStdio } from "node:child_process";
import path from "node:path";
import type { Readable } from "node:stream";
import { after, before, describe, test } from "node:test";
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { formatFunctionSpec, functionSpecFromDirectory } from "../../tools/convex-emulator/src/analysis/function-spec.js";
import { CliProject, describeRun } from "./cli-project.js";
import { emulatorForSuite, eventually } from "./helpers.js";

const ADMIN_KEY = "cli-commands-admin-key";
const shout = makeFunctionReference<"mutation", { text: string }, string>("probe:shout");

function probeModule(greeting: string): string {
  return `import { v } from "convex/values";
import { internalQuery, mutation, query } from "./_generated/server";

export const env = query({
  args: { name: v.string() },
  returns: v.union(v.string(), v.null()),
  handler: async (_ctx, { name }) => process.env[name] ?? null,
});

export const shout = mutation({
  args: { text: v.string() },
  returns: v.string(),
  handler: async (_ctx, { text }) => {
    console.log(${JSON.stringify(greeting)}, text);
    return text.toUpperCase();
  },
});

export const secret = internalQuery({ args: {}, handler: async () => "internal" });
`;
}

/** Collects a child's output and waits for text in it. */
class Output {
  text = "";
  constructor(stream: Readable) {
    stream.setEncoding("utf8").on("data", (chunk: string) => (this.text += chunk));
  }
  async waitFor(pattern: RegExp, what: string, ms = 60_000): Promise<void> {
    await eventually(() => (pattern.test(this.text) ? true : undefined), `${what}; output so far:\n${this.text}`, ms);
  }
}

describe("convex function-spec / env / run / logs / dev against the emulator", () => {
  const suite = emulatorForSuite({ adminKey: ADMIN_KEY, extraArgs: ["--await-push"] });
  let project: CliProject;

  before(async () => {
    project = CliProject.create(suite.emulator.url, ADMIN_KEY);
    project.write("probe.ts", probeModule("shout"));
    const result = await project.deploy();
    assert.equal(result.code, 0, describeRun(result));
  });
  after(() => project.dispose());

  /** An HTTP client that does not print the functions' log lines itself (the tests look for them in the CLI). */
  function quietClient(): ConvexHttpClient {
    return new ConvexHttpClient(suite.emulator.url, { skipConvexDeploymentUrlCheck: true, logger: false });
  }

  test("function-spec prints the pushed functions exactly as the offline analysis of the sources does", async () => {
    const result = await project.run(["function-spec"]);
    assert.equal(result.code, 0, describeRun(result));
    const printed = JSON.parse(result.stdout) as { url: string; functions: Array<Record<string, unknown>> };
    assert.equal(printed.url, suite.emulator.url);
    const list = printed.functions.find((fn) => fn.identifier === "notes.js:list");
    assert.deepEqual({ ...list, returns: undefined }, {
      identifier: "notes.js:list",
      functionType: "Query",
      visibility: { kind: "public" },
      args: { type: "object", value: {} },
      returns: undefined,
    });
    assert.deepEqual(printed.functions.find((fn) => fn.identifier === "probe.js:secret")?.visibility, { kind: "internal" });
    assert.deepEqual(printed.functions.find((fn) => fn.identifier === "probe.js:secret")?.returns, { type: "any" });
    assert.ok(printed.functions.some((fn) => fn.functionType === "HttpAction" && fn.method === "POST" && fn.path === "/notes"));
    const offline = formatFunctionSpec(suite.emulator.url, await functionSpecFromDirectory(path.join(project.directory, "convex")));
    assert.equal(result.stdout.trim(), offline);
  });

  test("env set / list / get / remove, and functions read the variables from process.env", async () => {
    const set = await project.run(["env", "set", "GREETING", "hello from env"]);
    assert.equal(set.code, 0, describeRun(set));
    const read = await project.run(["run", "probe:env", '{"name":"GREETING"}']);
    assert.equal(read.code, 0, describeRun(read));
    assert.equal(JSON.parse(read.stdout), "hello from env");
    const list = await project.run(["env", "list"]);
    assert.match(list.stdout, /^GREETING=hello from env$/m);
    const get = await project.run(["env", "get", "GREETING"]);
    assert.equal(get.stdout.trim(), "hello from env");
    const remove = await project.run(["env", "remove", "GREETING"]);
    assert.equal(remove.code, 0, describeRun(remove));
    const gone = await project.run(["run", "probe:env", '{"name":"GREETING"}']);
    assert.equal(gone.code, 0, describeRun(gone));
    assert.equal(gone.stdout.trim(), "", "a null result prints nothing");
    const invalid = await project.run(["env", "set", "1BAD", "x"]);
    assert.notEqual(invalid.code, 0, describeRun(invalid));
    assert.match(invalid.stderr, /InvalidEnvVarName/);
  });

  test("run: mutations, queries, internal functions, and an unknown function lists the available ones", async () => {
    const created = await project.run(["run", "notes:create", '{"title":"from run","content":"c"}']);
    assert.equal(created.code, 0, describeRun(created));
    const id = JSON.parse(created.stdout) as string;
    const listed = await project.run(["run", "notes:list"]);
    assert.deepEqual((JSON.parse(listed.stdout) as Array<{ _id: string; title: string }>).map((note) => [note._id, note.title]), [[id, "from run"]]);
    const internal = await project.run(["run", "probe:secret"]);
    assert.equal(JSON.parse(internal.stdout), "internal");
    const unknown = await project.run(["run", "notes:nope"]);
    assert.equal(unknown.code, 1, describeRun(unknown));
    assert.match(unknown.stderr, /Could not find function for 'notes:nope'/);
    assert.match(unknown.stderr, /Available functions:[\s\S]*notes:list/);
  });

  test("logs: function console lines stream to `convex logs`", async () => {
    const logs = project.spawn(["logs"]);
    const stdout = new Output(logs.stdout);
    const stderr = new Output(logs.stderr);
    try {
      await stderr.waitFor(/Watching logs/, "convex logs to start");
      // The first poll answers at once (history); later ones wait for new executions.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      assert.equal(await quietClient().mutation(shout, { text: "to the logs" }), "TO THE LOGS");
      await stdout.waitFor(/\[CONVEX M\(probe:shout\)\] \[LOG\] 'shout' 'to the logs'/, "the log line");
    } finally {
      logs.kill("SIGKILL");
    }
  });

  test("dev: the watcher re-pushes an edit within seconds and shows function logs in its console", async () => {
    const dev: ChildProcessByStdio<null, Readable, Readable> = project.spawn(["dev", "--typecheck", "disable"]);
    const stderr = new Output(dev.stderr);
    try {
      await stderr.waitFor(/Convex functions ready!/, "the first push of convex dev");
      project.write("probe.ts", probeModule("edited"));
      const http = quietClient();
      await eventually(async () => {
        await http.mutation(shout, { text: "after edit" });
        await new Promise((resolve) => setTimeout(resolve, 250));
        return /\[LOG\] 'edited' 'after edit'/.test(stderr.text) ? true : undefined;
      }, `the edited function's log line in convex dev's console; output so far:\n${stderr.text}`, 60_000);
    } finally {
      dev.kill("SIGKILL");
    }
  });
});
