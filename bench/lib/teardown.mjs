// A bench cut short must still stop what it started. A `finally` runs when the bench's own code
// throws, not when the process is told to end (Ctrl-C, SIGTERM, a closed terminal) or when its
// output pipe closes (`node bench/demos.mjs | head`: the next write fails with EPIPE and the
// process dies at once). Servers left behind would keep their shells, ports and temp folders.

/** The signals that stop a bench, with their numbers (a stopped process exits 128 + the number). */
export const STOP_SIGNALS = [
  ['SIGINT', 2],
  ['SIGTERM', 15],
  ['SIGHUP', 1],
];

/**
 * Runs `teardown` once when the bench is interrupted (SIGINT, SIGTERM, SIGHUP) or its stdout or
 * stderr breaks, then exits with the signal's conventional status (128 + its number, or 1).
 * Returns the same once-only teardown for the bench's own `finally`.
 */
export function tearDownOnAbort(teardown) {
  // stderr may be the pipe that broke: say things only where they can still be said.
  const say = (line) => {
    try {
      if (!process.stderr.destroyed) process.stderr.write(`bench: ${line}\n`);
    } catch {}
  };
  let running = null;
  const once = () => (running ??= Promise.resolve().then(teardown));
  let aborting = false;
  const abort = (status, why) => {
    if (aborting) return;
    aborting = true;
    if (why) say(`${why}; stopping what it started`);
    void once()
      .catch((error) => say(`teardown failed: ${error?.stack ?? error}`))
      .finally(() => process.exit(status));
  };
  for (const [signal, number] of STOP_SIGNALS) process.once(signal, () => abort(128 + number, signal));
  process.stdout.on('error', () => abort(1, null));
  process.stderr.on('error', () => abort(1, null));
  return once;
}
