// Reliability part "hostile browser": a real `ptydeck present`, a hostile site on another
// loopback origin and Chromium; every attack of tests/security/hostile-*-attack.ts is run and
// counted. tests/security/hostile-browser.test.ts asserts on the same attacks.
import type { ReliabilityPart, ReliabilityRow } from './row.ts';
import { chromiumMissing } from '../../tests/security/hostile-chromium.ts';
import { CATEGORY } from '../../tests/security/hostile-attack.ts';
import { ATTACKS, hostileSetup } from '../../tests/security/hostile-setup.ts';

/** Guessed tokens per attack: a few in quick mode (seconds), more for the full bench. */
const GUESSES = { quick: 3, full: 40 } as const;

export const run: ReliabilityPart = async ({ quick, seed }) => {
  const missing = chromiumMissing();
  if (missing) return [{ category: CATEGORY, attack: 'all hostile-browser attacks', tried: 0, failed: 0, notes: `not run: ${missing}` }];
  const setup = await hostileSetup(seed, quick ? GUESSES.quick : GUESSES.full);
  const rows: ReliabilityRow[] = [];
  try {
    for (const attack of ATTACKS) rows.push((await attack(setup)).row);
    rows.push({ category: CATEGORY, attack: 'refusals in the server log (PTYDECK_DEBUG)', tried: 1, failed: 0, notes: setup.target.refusals().line });
  } finally {
    await setup.close();
  }
  return rows;
};
