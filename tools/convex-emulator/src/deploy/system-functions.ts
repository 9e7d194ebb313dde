// The backend's built-in `_system/cli/*` queries that the CLI subscribes to (over the sync WebSocket, with the admin
// key): `convex function-spec`, `convex env list/get` and `convex run`'s "available functions" hint. Their results
// follow system-udfs/convex/_system/cli/{modules,convexUrl,queryEnvironmentVariables}.ts.
import { functionSpec } from "../analysis/function-spec.js";
import type { FunctionPath } from "../function-path.js";
import type { FunctionRuntime, SystemFunctions } from "../runtime.js";
import type { Value } from "../values.js";
import type { Deployment } from "./deployment.js";

export function systemFunctions(runtime: FunctionRuntime, deployment: Deployment): SystemFunctions {
  return (path: FunctionPath, args: Record<string, Value>) => {
    switch (`${path.module}:${path.name}`) {
      case "_system/cli/modules:apiSpec":
        return apiSpec(runtime);
      case "_system/cli/convexUrl:cloudUrl":
        return Promise.resolve(deployment.cloudUrl);
      case "_system/cli/queryEnvironmentVariables:default":
        return Promise.resolve(deployment.listEnvironmentVariables());
      case "_system/cli/queryEnvironmentVariables:get": {
        const name = typeof args.name === "string" ? args.name : "";
        const value = deployment.environmentVariable(name);
        return Promise.resolve(value === undefined ? null : { name, value });
      }
      default:
        return null;
    }
  };
}

async function apiSpec(runtime: FunctionRuntime): Promise<Value> {
  const loaded = new Map<string, Record<string, unknown>>();
  for (const [modulePath, load] of runtime.functionModules.byModulePath) {
    if (modulePath !== "schema") loaded.set(`${modulePath}.js`, await load());
  }
  return functionSpec(loaded) as unknown as Value;
}
