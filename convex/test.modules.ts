// The module map convex-test needs outside vite (where it normally comes from `import.meta.glob`). It is built by the
// function the emulator builds its own map with (for any --functions directory), so the function tests and the
// emulator load convex/ by one rule. The file name has two dots, so `npx convex deploy` skips it, like *.test.ts.
import { discoverModules, type ModuleLoader } from "../tools/convex-emulator/src/modules";

export type ConvexModules = Record<string, ModuleLoader>;

/** Every module of convex/, loaded lazily by convex-test when a function in it is first called. */
export const modules: ConvexModules = discoverModules(import.meta.dirname).forConvexTest;
