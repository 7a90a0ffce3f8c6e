// Decides whether a test that needs something from the machine may skip: locally it skips and
// says why; in CI, which installs everything the tests need, a missing piece is a failure.

/** Returns the reason to skip (printed), or null; throws in CI when something is missing. */
export function skipReason(missing: string | null): string | null {
  if (missing === null) return null;
  if (process.env.CI) throw new Error(`CI installs this, so it must be here: ${missing}`);
  console.warn(`skipping: ${missing}`);
  return missing;
}
