// A demo whose program prints hostile escape sequences (clipboard writes, titles and text with
// markup, javascript: and http hyperlinks, a seeded flood of random sequences), shown in real
// Chromium live through a real `ptydeck present` and replayed from its `ptydeck record`ing by a
// `present --offline`: the page never runs a payload, never gains markup outside the terminal,
// keeps its title, never writes the clipboard, and its links do nothing when clicked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipReason } from '../skip-reason.ts';
import { chromiumMissing } from './hostile-chromium.ts';
import { hostileOutputSetup, openOutputDeck, showHostileOutput, type OutputSetup } from './hostile-output-run.ts';
import { watchOutput } from './hostile-output-watch.ts';
import { OUTPUT_DECK_NAME } from './hostile-output-payload.ts';

const missing = skipReason(chromiumMissing());
/** Random sequences in the flood; the seed makes the flood the same at every run. */
const FLOOD = 3_000;
const SEED = 52;
/** Recording, two servers and Chromium; then a deck page each: slow on a loaded 2-core machine. */
const TIMEOUT_MS = 180_000;

describe.skipIf(missing !== null)('hostile program output in the deck page', { timeout: TIMEOUT_MS }, () => {
  let setup: OutputSetup;
  beforeAll(async () => {
    setup = await hostileOutputSetup(SEED, FLOOD);
  }, TIMEOUT_MS);
  afterAll(async () => {
    await setup?.close();
  });

  it('has a watch that sees each breach it looks for (so its silence below means something)', async () => {
    const page = await setup.browser.newPage();
    try {
      const watch = await watchOutput(page);
      // Settled first: the deck loads its terminal code after the load event, adding a <script>
      // and a <link> of its own, which an early arm() counted as breaches (seen once in CI).
      await openOutputDeck(page, `${setup.replay.url}/${OUTPUT_DECK_NAME}/`);
      await watch.arm();
      expect(await watch.breaches()).toEqual([]);
      await page.evaluate(() => {
        document.title = 'changed';
        document.body.insertAdjacentHTML('beforeend', '<img alt="" onerror="void 0"><a href="javascript:void 0">x</a>');
        (window as unknown as { __pwned: number }).__pwned = 1;
        document.execCommand('copy');
      });
      const seen = (await watch.breaches()).join('\n');
      for (const expected of [/__pwned is set/, /title changed/, /clipboard written: execCommand copy/, /<img> was added/, /<a> was added/, /onerror attribute/, /href="javascript:/]) {
        expect(seen).toMatch(expected);
      }
    } finally {
      await page.close();
    }
  });

  it('stays text when shown live: no script, no markup, no title, no clipboard, inert links', async () => {
    expect(await showHostileOutput(setup, 'live')).toEqual([]);
  });

  it('stays text when replayed from its recording', async () => {
    expect(await showHostileOutput(setup, 'replay')).toEqual([]);
  });
});
