// The `Convex-Client: <client>-<semver>` header and the `/api/<semver>/sync` path segment
// (crates/common/src/version.rs): the client name is everything before the longest suffix that parses as semver.

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export interface ClientVersion {
  readonly client: string;
  /** [major, minor, patch], or null when the version did not parse. */
  readonly version: readonly [number, number, number] | null;
}

export function isSemver(text: string): boolean {
  return SEMVER.test(text);
}

function parseSemver(text: string): [number, number, number] | null {
  const match = SEMVER.exec(text);
  return match === null ? null : [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Parses the header value; null when it has no '-' at all (the backend answers 400 InvalidClientVersion). */
export function parseClientHeader(header: string): ClientVersion | null {
  if (!header.includes("-")) return null;
  const parts = header.split("-");
  for (let i = 1; i < parts.length; i++) {
    const version = parseSemver(parts.slice(i).join("-"));
    if (version !== null) return { client: parts.slice(0, i).join("-").toLowerCase(), version };
  }
  const dash = header.indexOf("-");
  return { client: header.slice(0, dash).toLowerCase(), version: null };
}

function atOrBelow(version: readonly [number, number, number], limit: readonly [number, number, number]): boolean {
  for (let i = 0; i < 3; i++) {
    if (version[i] !== limit[i]) return version[i] < limit[i];
  }
  return true;
}

// crates/common/deprecation.json: the "unsupported" thresholds. Unrecognised client names are always supported.
const UNSUPPORTED_AT_OR_BELOW: Record<string, readonly [number, number, number]> = {
  npm: [0, 19, 1],
  python: [0, 0, 2],
  rust: [0, 0, 1],
};
const KNOWN_CLIENTS = new Set([
  "npm", "npm-cli", "python", "python-convex", "rust", "actions", "create-convex", "streaming-import",
  "airbyte-export", "fivetran-import", "fivetran-export", "dashboard", "swift", "kotlin",
]);

/** True when the backend would refuse this client with 400 ClientVersionUnsupported. */
export function isUnsupported(client: ClientVersion): boolean {
  if (!KNOWN_CLIENTS.has(client.client)) return false;
  if (client.version === null) return true;
  const limit = UNSUPPORTED_AT_OR_BELOW[client.client];
  return limit !== undefined && atOrBelow(client.version, limit);
}

/** The default HTTP output format: lossless only for very old npm (< 1.4.1) and python (< 0.5.0) clients. */
export function defaultsToEncodedFormat(client: ClientVersion | null): boolean {
  if (client === null || client.version === null) return false;
  if (client.client === "npm") return !atOrBelow([1, 4, 1], client.version);
  if (client.client === "python") return !atOrBelow([0, 5, 0], client.version);
  return false;
}
