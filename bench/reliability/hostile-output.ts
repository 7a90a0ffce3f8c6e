// Reliability part "terminal input": a program printing hostile escape sequences (clipboard,
// titles and text with markup, javascript:/http links, a seeded flood of random sequences),
// shown in real Chromium live through `ptydeck present` and replayed from its recording. Runs
// tests/security/hostile-output-run.ts, the code tests/security/hostile-output.test.ts asserts on.
import type { ReliabilityPart, ReliabilityRow } from './row.ts';
import { chromiumMissing } from '../../tests/security/hostile-chromium.ts';
import { hostileOutputSetup, showHostileOutput } from '../../tests/security/hostile-output-run.ts';

const CATEGORY = 'terminal input';
/** Random escape sequences in the flood: seconds in quick mode, a few hundred KB in full. */
const FLOOD = { quick: 2_000, full: 50_000 } as const;
/** Full mode shows the output this many times per mode, on fresh pages. */
const ROUNDS = { quick: 1, full: 3 } as const;

export const run: ReliabilityPart = async ({ quick, seed }) => {
  const missing = chromiumMissing();
  if (missing) return [{ category: CATEGORY, attack: 'hostile program output in the deck page', tried: 0, failed: 0, notes: `not run: ${missing}` }];
  const flood = quick ? FLOOD.quick : FLOOD.full;
  const rounds = quick ? ROUNDS.quick : ROUNDS.full;
  const setup = await hostileOutputSetup(seed, flood);
  const rows: ReliabilityRow[] = [];
  try {
    for (const mode of ['live', 'replay'] as const) {
      const breaches: string[] = [];
      let failed = 0;
      for (let round = 0; round < rounds; round++) {
        const found = await showHostileOutput(setup, mode);
        if (found.length) failed++;
        breaches.push(...found);
      }
      rows.push({
        category: CATEGORY,
        attack: `OSC 52/0/2/8, markup and ${flood} random escape sequences, ${mode === 'live' ? 'live' : 'replayed from a recording'}`,
        tried: rounds,
        failed,
        notes: `seed ${seed}${breaches.length ? `; got through: ${[...new Set(breaches)].join('; ')}` : '; nothing got through (links clicked, page watched)'}`,
      });
    }
  } finally {
    await setup.close();
  }
  return rows;
};
