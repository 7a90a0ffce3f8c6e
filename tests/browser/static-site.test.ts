// The built site in real Chromium: every deck opens from disk, every slide is reachable with
// the keyboard, nothing logs an error and nothing is fetched off the machine.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { chromiumMissing, watchPage } from './chromium.ts';
import { skipReason } from '../skip-reason.ts';
import { useBuiltSite, ROOT } from './build-helpers.ts';

const missing = skipReason(chromiumMissing());
const decks = fs.readdirSync(path.join(ROOT, 'slides')).filter((f) => f.endsWith('.md')).map((f) => f.replace(/\.md$/, ''));
const SHOTS = process.env.PTYDECK_SCREENSHOTS;

describe.skipIf(missing !== null)('the static site in Chromium', () => {
  const built = useBuiltSite();

  it('lists every deck with its title and slide count on the index page', async () => {
    const page = await built().browser.newPage();
    const watch = await watchPage(page);
    await page.goto(`file://${built().dir}/index.html`);
    const entries = await page.locator('.ptydeck-deck-list li').allTextContents();
    expect(entries).toHaveLength(decks.length);
    for (const text of entries) expect(text).toMatch(/\d+ slides/);
    expect(watch.errors).toEqual([]);
    expect(watch.offMachine).toEqual([]);
    await page.close();
  });

  for (const deck of decks) {
    it(`opens ${deck} from disk and reaches every slide with the keyboard`, async () => {
      const page = await built().browser.newPage({ viewport: { width: 1280, height: 720 } });
      const watch = await watchPage(page);
      await page.goto(`file://${built().dir}/${deck}/index.html`);
      await page.waitForFunction(() => window.ptydeck?.deck.isReady());
      const total = await page.evaluate(() => window.ptydeck.deck.getTotalSlides());
      expect(total).toBeGreaterThan(5);
      const visited = new Set<string>();
      for (let presses = 0; presses < total * 20; presses++) {
        const state = await page.evaluate(() => {
          const d = window.ptydeck.deck;
          const { h, v } = d.getIndices();
          return { key: `${h}/${v ?? 0}`, done: d.isLastSlide() && !d.availableFragments().next };
        });
        visited.add(state.key);
        if (state.key === '1/0' && SHOTS) await page.screenshot({ path: path.join(SHOTS, `${deck}.png`) });
        if (state.done) break;
        await page.keyboard.press('Space');
      }
      expect(visited.size).toBe(total);
      expect(watch.errors).toEqual([]);
      expect(watch.offMachine).toEqual([]);
      await page.close();
    });
  }

  it('works when the site is served from a sub-folder', async () => {
    const server = http.createServer((req, res) => {
      const url = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (!url.startsWith('/talks/')) return res.writeHead(404).end();
      let file = path.join(built().dir, url.slice('/talks/'.length));
      if (file.endsWith('/')) file += 'index.html';
      if (!file.startsWith(built().dir) || !fs.existsSync(file)) return res.writeHead(404).end();
      const type = file.endsWith('.html') ? 'text/html' : file.endsWith('.css') ? 'text/css' : file.endsWith('.js') ? 'text/javascript' : file.endsWith('.svg') ? 'image/svg+xml' : 'application/octet-stream';
      res.writeHead(200, { 'Content-Type': type }).end(fs.readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const page = await built().browser.newPage();
    const watch = await watchPage(page);
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(r.url());
    });
    await page.goto(`http://127.0.0.1:${port}/talks/index.html`);
    await page.locator('.ptydeck-deck-list a').first().click();
    await page.waitForFunction(() => window.ptydeck?.deck.isReady());
    expect(await page.locator('.reveal .slides section').count()).toBeGreaterThan(5);
    expect(failed).toEqual([]);
    expect(watch.errors).toEqual([]);
    await page.close();
    await new Promise((resolve) => server.close(resolve));
  });
});
