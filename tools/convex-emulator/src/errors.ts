// How function failures read on the wire. The real backend reports them as
// "[Request ID: <16 hex>] Server Error\n<JS error text>" (crates/common/src/errors.rs, `RedactedJsError`; self-hosted does
// not redact), where the JS error text is "Uncaught <Name>: <message>" plus stack frames for thrown errors, or the
// bare message for errors raised before the function ran (unknown function, wrong type, argument validation).
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { inspect } from "node:util";
import type { Value } from "./values.js";

export interface FunctionFailure {
  readonly errorMessage: string;
  /** Present only for a ConvexError, whose data travels as `errorData`. */
  readonly errorData?: Value;
}

/** The server's request id for a WS request: the first 16 hex chars of sha256("<sessionId>|<requestId>"). */
export function requestIdFor(sessionId: string | null, requestId: number | null): string {
  if (sessionId === null || requestId === null) return randomBytes(8).toString("hex");
  return createHash("sha256").update(`${sessionId}|${requestId}`).digest("hex").slice(0, 16);
}

export function serverError(requestId: string, detail: string): string {
  return `[Request ID: ${requestId}] Server Error\n${detail}`;
}

export function notFoundMessage(stripped: string): string {
  return `Could not find public function for '${stripped}'. Did you forget to run \`npx convex dev\` or \`npx convex deploy\`?`;
}

export function wrongTypeMessage(canonical: string, expected: string, actual: string): string {
  return `Trying to execute ${canonical} as ${expected}, but it is defined as ${actual}.`;
}

export function isConvexError(error: unknown): error is Error & { data: Value } {
  return typeof error === "object" && error !== null && Symbol.for("ConvexError") in error;
}

/**
 * Formats an exception thrown while running a function. convex-test raises plain Errors for argument and return
 * validation; they are renamed to the backend's error kinds so clients see the same first line.
 */
export function describeThrown(error: unknown, requestId: string, functionsDir: string): FunctionFailure {
  if (isConvexError(error)) {
    return {
      errorMessage: serverError(requestId, `Uncaught ConvexError: ${error.message}${userFrames(error, functionsDir)}`),
      errorData: error.data,
    };
  }
  if (error instanceof Error) {
    const stack = error.stack ?? "";
    if (error.message.startsWith("Validator error: ") && stack.includes("validateFunctionArgs")) {
      return { errorMessage: serverError(requestId, `ArgumentValidationError: ${error.message.slice("Validator error: ".length)}`) };
    }
    if (error.message.startsWith("Return value validation failed")) {
      return { errorMessage: serverError(requestId, `ReturnsValidationError: ${error.message}`) };
    }
    return { errorMessage: serverError(requestId, `Uncaught ${error.name}: ${error.message}${userFrames(error, functionsDir)}`) };
  }
  return { errorMessage: serverError(requestId, `Uncaught ${inspect(error)}`) };
}

/**
 * The stack frames that point into the functions directory, rewritten relative to it the way the backend prints
 * them ("    at handler (../convex/notes.ts:5:9)"). Frames of convex-test and of the emulator are dropped: the real
 * backend has no such frames.
 */
function userFrames(error: Error, functionsDir: string): string {
  const frames = (error.stack ?? "")
    .split("\n")
    .filter((line) => line.trimStart().startsWith("at ") && line.includes(functionsDir))
    .map((line) => line.replace(/(?:file:\/\/)?([^\s()]+)/g, (match, file: string) =>
      file.startsWith(functionsDir) ? `../convex/${path.relative(functionsDir, file).replaceAll("\\", "/")}` : match,
    ));
  return frames.length === 0 ? "" : `\n${frames.join("\n")}\n`;
}
