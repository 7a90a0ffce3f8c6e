// Fifty viewers on one running demo, half of them arriving mid-flood, three of them real
// Chromium pages: when the presenter's last step is done, every one shows the server's screen.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../browser/chromium.ts';
import { skipReason } from '../skip-reason.ts';
import { runLoad } from './load-run.ts';

const VIEWERS = 50;
const PAGES = 3;
const missing = skipReason(chromiumMissing());

describe.skipIf(missing !== null)('fifty viewers on one demo', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('all see the same final screen, the Chromium pages among them', async () => {
    const report = await runLoad({ viewers: VIEWERS - PAGES, pages: PAGES, browser });
    console.log(`load: ${report.viewers} views (${report.pages} Chromium pages) in ${report.seconds.toFixed(1)} s; ${report.outputBytes} bytes each`);
    expect(report.viewers).toBe(VIEWERS);
    expect(report.outputBytes).toBeGreaterThan(3000);
    expect(report.mismatches).toEqual([]);
  }, 300_000);
});
