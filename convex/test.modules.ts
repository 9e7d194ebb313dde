// The module map convex-test needs outside vite (it normally comes from `import.meta.glob`): every function file in
// convex/ plus _generated/, keyed "./convex/<path>" so convex-test can find the root from the "_generated" key.
// The file name has two dots, so `npx convex deploy` skips it, like the *.test.ts files.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export type ConvexModules = Record<string, () => Promise<unknown>>;

const convexDir = import.meta.dirname;

function isFunctionModule(relativePath: string): boolean {
  const normalized = relativePath.replaceAll("\\", "/");
  if (normalized.startsWith("_generated/")) return normalized.endsWith(".js");
  if (normalized.endsWith(".d.ts")) return false;
  const base = normalized.split("/").pop() ?? "";
  // Same rule as the Convex bundler: a file name with more than one dot is not a function module.
  return /\.(ts|js)$/.test(base) && base.split(".").length === 2;
}

/** Every module of convex/, loaded lazily by convex-test when a function in it is first called. */
export const modules: ConvexModules = Object.fromEntries(
  readdirSync(convexDir, { recursive: true, encoding: "utf8" })
    .filter(isFunctionModule)
    .map((relativePath) => [
      `./convex/${relativePath.replaceAll("\\", "/")}`,
      () => import(pathToFileURL(join(convexDir, relativePath)).href),
    ]),
);
