// Types of teardown.mjs, for the TypeScript that imports it (bench/demos/main.ts).

/**
 * Runs `teardown` once when the bench is interrupted (SIGINT, SIGTERM, SIGHUP) or its stdout or
 * stderr breaks, then exits; returns the same once-only teardown for the bench's `finally`.
 */
export function tearDownOnAbort(teardown: () => Promise<void> | void): () => Promise<void>;

/** The signals that stop a bench, with their numbers (a stopped process exits 128 + the number). */
export const STOP_SIGNALS: ReadonlyArray<readonly [NodeJS.Signals, number]>;
