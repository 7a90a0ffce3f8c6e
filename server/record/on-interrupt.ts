// Ctrl-C and SIGTERM during a long CLI run: the first stops the demo cleanly (teardown runs),
// a second one kills the process as usual.

import { toDisposable, type Disposable } from '../demo/disposable.ts';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Calls `handler` on the first SIGINT or SIGTERM and then stops listening, so Node's default
 * (exit) answers the next one: a presenter who presses Ctrl-C twice is never stuck.
 */
export function onInterrupt(handler: (signal: NodeJS.Signals) => void): Disposable {
  const listener = (signal: NodeJS.Signals): void => {
    for (const s of SIGNALS) process.off(s, listener);
    handler(signal);
  };
  for (const s of SIGNALS) process.on(s, listener);
  return toDisposable(() => {
    for (const s of SIGNALS) process.off(s, listener);
  });
}
