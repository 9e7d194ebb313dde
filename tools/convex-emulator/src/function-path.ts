// Function paths (crates/convex/sync_types/src/udf_path.rs): `<module path>[:<export name>]`, split at the last ':'; without ':' the
// default export is meant; a module extension, if any, must be `.js`. The canonical form is `<module>.js:<name>`
// (used in "Trying to execute …" messages); the stripped form drops `.js` and `:default` (used in "Could not find …").

export interface FunctionPath {
  /** Module path without extension, e.g. `notes` or `dir/file`. */
  readonly module: string;
  /** Export name, `default` when the path had none. */
  readonly name: string;
  /** `notes.js:list` */
  readonly canonical: string;
  /** `notes:list`, or `notes` for a default export. */
  readonly stripped: string;
  /** `notes:list`, the form convex-test's function references use. */
  readonly reference: string;
}

export class FunctionPathError extends Error {}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MODULE_COMPONENT = /^[A-Za-z0-9_.]+$/;
const MAX_COMPONENT_LENGTH = 64;

export function parseFunctionPath(raw: unknown): FunctionPath {
  if (typeof raw !== "string" || raw.length === 0) throw new FunctionPathError("Function path must be a non-empty string");
  const colon = raw.lastIndexOf(":");
  let modulePath = colon === -1 ? raw : raw.slice(0, colon);
  const name = colon === -1 ? "default" : raw.slice(colon + 1);
  if (!IDENTIFIER.test(name) || name.length > MAX_COMPONENT_LENGTH || /^_+$/.test(name)) {
    throw new FunctionPathError(`Invalid function name ${JSON.stringify(name)} in ${JSON.stringify(raw)}`);
  }
  const components = modulePath.split("/");
  for (const component of components) {
    if (
      component.length === 0 ||
      component.length > MAX_COMPONENT_LENGTH ||
      !MODULE_COMPONENT.test(component) ||
      !/[A-Za-z0-9]/.test(component)
    ) {
      throw new FunctionPathError(`Invalid module path ${JSON.stringify(modulePath)} in ${JSON.stringify(raw)}`);
    }
  }
  const last = components[components.length - 1];
  const dot = last.lastIndexOf(".");
  if (dot > 0) {
    if (last.slice(dot) !== ".js") {
      throw new FunctionPathError(`Module path ${JSON.stringify(modulePath)} has an extension other than .js`);
    }
    modulePath = modulePath.slice(0, modulePath.length - 3);
  }
  return {
    module: modulePath,
    name,
    canonical: `${modulePath}.js:${name}`,
    stripped: name === "default" ? modulePath : `${modulePath}:${name}`,
    reference: `${modulePath}:${name}`,
  };
}

/** `/api/run/notes/list` → `notes:list`; `dir/file/fn` → `dir/file:fn`. Segments are URL-decoded; at least two. */
export function functionPathFromRunRoute(segments: readonly string[]): string | null {
  if (segments.length < 2) return null;
  const decoded = segments.map((segment) => decodeURIComponent(segment));
  return `${decoded.slice(0, -1).join("/")}:${decoded[decoded.length - 1]}`;
}
