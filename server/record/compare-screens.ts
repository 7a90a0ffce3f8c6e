// Compares a live run's final screen with a recording's, after normalizing what may vary.

import { hostname } from 'node:os';
import { normalizeScreen } from './normalize-screen.ts';

export type ScreenComparison =
  | { readonly same: true }
  | {
      readonly same: false;
      /** 1-based row of the first difference, normalized text of both sides there. */
      readonly row: number;
      readonly live: string;
      readonly recorded: string;
    };

/**
 * Whether two screens show the same thing. This machine's hostname is normalized (a demo prints
 * it, a prompt may show it); a recording made on another machine shows its own, which differs.
 */
export function compareScreens(live: string, recorded: string, hostnames: readonly string[] = [hostname()]): ScreenComparison {
  const a = normalizeScreen(live, hostnames).split('\n');
  const b = normalizeScreen(recorded, hostnames).split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return { same: false, row: i + 1, live: a[i] ?? '', recorded: b[i] ?? '' };
  }
  return { same: true };
}
