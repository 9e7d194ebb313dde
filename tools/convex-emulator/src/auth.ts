// Who is calling. The emulator has no auth providers configured (like a fresh self-hosted backend), so the only
// identities it can grant are anonymous and admin (with the --admin-key, optionally acting as a user). User JWTs are
// refused the way a backend without auth config refuses them.
import { timingSafeEqual } from "node:crypto";
import { ANONYMOUS, type Identity } from "./runtime.js";

export interface AuthConfig {
  readonly adminKey?: string;
}

export type AuthResult = { readonly ok: true; readonly identity: Identity } | { readonly ok: false; readonly status: number; readonly code: string; readonly message: string };

const BAD_ADMIN_KEY = "The provided admin key was invalid for this instance";
const NO_AUTH_PROVIDER =
  "No auth provider found matching the given token. Check that your JWT's issuer and audience match one of your configured providers: []";

export function isAdminKey(config: AuthConfig, candidate: string): boolean {
  if (config.adminKey === undefined) return false;
  const expected = Buffer.from(config.adminKey);
  const actual = Buffer.from(candidate);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function refuse(status: number, code: string, message: string): AuthResult {
  return { ok: false, status, code, message };
}

function looksLikeJwt(token: string): boolean {
  const parts = token.split(".");
  if (parts.length !== 3) return false;
  try {
    JSON.parse(Buffer.from(parts[0], "base64url").toString("utf8"));
    return true;
  } catch {
    return false;
  }
}

/** A user token: never valid here, but a malformed one gets the more specific error, as on the backend. */
function refuseUserToken(token: string): AuthResult {
  return looksLikeJwt(token)
    ? refuse(401, "NoAuthProvider", NO_AUTH_PROVIDER)
    : refuse(401, "InvalidAuthHeader", "Could not parse JWT payload. Check that the token is a valid JWT format with three base64-encoded parts separated by dots.");
}

/**
 * `Convex <key>` or `Convex <key>:<base64 JSON UserIdentityAttributes>` (what the JS client sends for
 * setAdminAuth(key, actingAs)).
 */
function adminFromKey(config: AuthConfig, value: string): AuthResult {
  if (isAdminKey(config, value)) return { ok: true, identity: { kind: "admin" } };
  const colon = value.lastIndexOf(":");
  if (colon > 0 && isAdminKey(config, value.slice(0, colon))) {
    try {
      const actingAs = JSON.parse(Buffer.from(value.slice(colon + 1), "base64").toString("utf8")) as unknown;
      if (typeof actingAs === "object" && actingAs !== null && !Array.isArray(actingAs)) {
        return { ok: true, identity: { kind: "admin", actingAs: actingAs as Record<string, unknown> } };
      }
    } catch {
      // Falls through to the generic refusal below.
    }
  }
  return refuse(401, "BadAdminKey", BAD_ADMIN_KEY);
}

/** The HTTP API's Authorization header (crates/local_backend/src/authentication.rs); `adminKeyParam` is the `?adminKey=` fallback. */
export function authenticateHttp(config: AuthConfig, header: string | undefined, adminKeyParam: string | null): AuthResult {
  if (header === undefined || header === "") {
    return adminKeyParam === null ? { ok: true, identity: ANONYMOUS } : adminFromKey(config, adminKeyParam);
  }
  if (header.length < 7) return refuse(400, "InvalidHeaderFailure", "Authorization header is too short");
  if (header.slice(0, 7).toLowerCase() === "bearer ") return refuseUserToken(header.slice(7).trim());
  if (header.startsWith("Convex ")) return adminFromKey(config, header.slice(7).trim());
  return refuse(400, "InvalidAdminKey", "Authorization header must start with \"Bearer \" or \"Convex \"");
}

/** The WS Authenticate message's token, already shape-checked. */
export function authenticateToken(
  config: AuthConfig,
  token: { tokenType: "None" } | { tokenType: "Admin"; value: string; actingAs?: Record<string, unknown> } | { tokenType: "User"; value: string },
): AuthResult {
  switch (token.tokenType) {
    case "None":
      return { ok: true, identity: ANONYMOUS };
    case "Admin":
      if (!isAdminKey(config, token.value)) return refuse(401, "BadAdminKey", BAD_ADMIN_KEY);
      return { ok: true, identity: token.actingAs === undefined ? { kind: "admin" } : { kind: "admin", actingAs: token.actingAs } };
    case "User":
      return refuseUserToken(token.value);
  }
}
