// The five decks' committed recordings in the published site: opened from disk with no server,
// every demo is fed by its recording, and stepping one replays the recorded output.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumMissing, watchPage } from './chromium.ts';
import { skipReason } from '../skip-reason.ts';
import { useBuiltSite, ROOT } from './build-helpers.ts';

const missing = skipReason(chromiumMissing());
const decks = fs.readdirSync(path.join(ROOT, 'slides')).filter((f) => f.endsWith('.md')).map((f) => f.replace(/\.md$/, ''));

describe.skipIf(missing !== null)('the decks replay their recordings in the static site', () => {
  const built = useBuiltSite();

  for (const deck of decks) {
    it(`replays ${deck}'s demos from their recordings with no server`, async () => {
      const page = await built().browser.newPage({ viewport: { width: 1280, height: 720 } });
      const watch = await watchPage(page);
      await page.goto(`file://${built().dir}/${deck}/index.html`);
      await page.waitForFunction(() => window.ptydeck?.deck.isReady() && typeof window.ptydeck.demos === 'function');
      const ids = await page.evaluate(() => window.ptydeck.demos!());
      const recordings = fs.readdirSync(path.join(ROOT, 'demos/recordings', deck)).map((f) => f.replace(/\.cast$/, ''));
      expect(ids.length).toBeGreaterThan(0);
      expect(ids.filter((id) => !recordings.includes(id))).toEqual([]);
      // The first demo: its first step plays the recorded output of that step.
      const first = ids[0]!;
      const reply = await page.evaluate((id) => window.ptydeck.demo!(id).step(), first);
      expect(reply).toMatchObject({ ok: true });
      const state = await page.evaluate((id) => window.ptydeck.demo!(id).state, first);
      expect(state.kind).toBe('recorded');
      expect(state.label).toMatch(/recorded/i);
      const text = await page.evaluate((id) => window.ptydeck.demo!(id).text(), first);
      expect(text.trim().length).toBeGreaterThan(0);
      expect(watch.errors).toEqual([]);
      expect(watch.offMachine).toEqual([]);
      await page.close();
    });
  }
});
