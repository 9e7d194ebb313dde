// The bounded wait every await of the conformance suite and the differential driver goes through. Kept apart from
// helpers.ts, which imports node:test, so the driver (a plain node program) can use it too.

export const DEFAULT_TIMEOUT_MS = 20_000;

/** Rejects when `promise` has not settled within `ms`, naming what was awaited; every await in a test goes through this. */
export async function within<T>(promise: Promise<T>, what: string, ms = DEFAULT_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
