// Slide 1 before reveal.js runs (server/site/prepaint.ts, base.css): with the deck script held
// back, slide 1 is already on screen, exactly where reveal.js then draws it, at every window
// shape; a page opened on another slide, or in reveal.js's print view, shows nothing early; the
// live server's CSP lets the one inline line run.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySecurityHeaders } from '../../server/live/security-headers.ts';
import { serveStatic } from '../../server/live/static-files.ts';
import { chromiumMissing, launchChromium } from './chromium.ts';
import { buildWithCli } from './build-helpers.ts';
import { skipReason } from '../skip-reason.ts';

const missing = skipReason(chromiumMissing());

const DECKS: Record<string, string> = {
  // ptydeck's defaults: 1280×720, centred.
  centred: `---
title: Early slide
---
# Early slide

Drawn before reveal.js runs

- one
- two

---

# Second slide

---

# Third slide
`,
  // A reveal.js theme too big to write into the page (INLINE_STYLE_MAX_BYTES in build-site.ts):
  // the one stylesheet slide 1 waits for a request for.
  linked: `---
title: Early slide
theme: white
---
# Early slide

---

# Second slide
`,
  // Another size, not centred: the early slide follows the deck's own options.
  options: `---
title: Own size
reveal:
  width: 960
  height: 700
  center: false
---
# Own size

A 4:3 deck laid out from the top

---

# Next
`,
};

const WINDOWS = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 1024, height: 768 },
  { width: 700, height: 900 },
];

type Box = { x: number; y: number; width: number; height: number };

describe.skipIf(missing !== null)('slide 1 before reveal.js runs', () => {
  let source: string;
  let site: string;
  let browser: Browser;
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    source = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-prepaint-'));
    for (const [name, text] of Object.entries(DECKS)) fs.writeFileSync(path.join(source, `${name}.md`), text);
    [site, browser] = await Promise.all([buildWithCli(source), launchChromium()]);
    // The built files as `ptydeck present` serves them: its static handler and its headers, CSP included.
    const files = serveStatic(site);
    server = http.createServer((req, res) => {
      // Chromium asks every new page for one; the decks have none.
      if (req.url === '/favicon.ico') return res.writeHead(204).end();
      applySecurityHeaders(res);
      files(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    for (const dir of [source, site]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A page whose errors and warnings are kept; `withoutScript`: the deck's script never arrives. */
  async function open(url: string, size: { width: number; height: number }, withoutScript: boolean): Promise<{ page: Page; messages: string[] }> {
    const page = await browser.newPage({ viewport: size });
    const messages: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') messages.push(m.text());
    });
    page.on('pageerror', (e) => messages.push(e.message));
    if (withoutScript) await page.route('**/ptydeck.js', (route) => route.abort());
    await page.goto(url, { waitUntil: 'load' });
    return { page, messages };
  }

  const heading = (page: Page, text: string) => page.locator('.reveal .slides h1', { hasText: text });

  /** Whether the heading is on screen: rendered, not transparent (itself or a parent), inside the window. */
  const onScreen = (page: Page, text: string) =>
    heading(page, text).evaluate((h) => {
      const box = h.getBoundingClientRect();
      return h.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && box.width > 0 && box.right > 0 && box.left < innerWidth && box.bottom > 0 && box.top < innerHeight;
    });

  async function boxOf(page: Page, text: string): Promise<Box> {
    const box = await heading(page, text).boundingBox();
    if (!box) throw new Error(`"${text}" is not on screen`);
    return box;
  }

  for (const [deck, title] of [['centred', 'Early slide'], ['options', 'Own size']] as const) {
    for (const size of WINDOWS) {
      it(`${deck}: slide 1 shows before reveal.js, where reveal.js puts it (${size.width}×${size.height})`, async () => {
        const early = await open(`${base}/${deck}/`, size, true);
        expect(await early.page.evaluate(() => document.documentElement.classList.contains('ptydeck-prepaint'))).toBe(true);
        expect(await onScreen(early.page, title)).toBe(true);
        const before = await boxOf(early.page, title);
        expect(early.messages.filter((m) => /Content Security Policy/i.test(m))).toEqual([]);
        await early.page.close();

        const full = await open(`${base}/${deck}/`, size, false);
        await full.page.waitForFunction(() => window.ptydeck?.deck.isReady());
        expect(await full.page.evaluate(() => document.documentElement.classList.contains('ptydeck-prepaint'))).toBe(false);
        const after = await boxOf(full.page, title);
        for (const key of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(before[key] - after[key]), `${key}: ${before[key]} before reveal.js, ${after[key]} after`).toBeLessThanOrEqual(1);
        expect(full.messages).toEqual([]);
        await full.page.close();
      });
    }
  }

  it('paints the early slide 1 before reveal.js starts, even when the script is there first', async () => {
    // A stylesheet comes late and the script at once: the script is then ready to run the
    // moment the page may render, as often happens on loopback. reveal.js must wait for the frame.
    const page = await browser.newPage({ viewport: WINDOWS[0]! });
    const messages: string[] = [];
    page.on('pageerror', (e) => messages.push(e.message));
    const held: string[] = [];
    await page.route('**/*.css', async (route) => {
      held.push(route.request().url());
      await new Promise((resolve) => setTimeout(resolve, 300));
      await route.continue();
    });
    await page.addInitScript(() => {
      requestAnimationFrame(() => {
        const h = Array.from(document.querySelectorAll('.reveal .slides h1')).find((e) => e.textContent === 'Early slide');
        const box = h?.getBoundingClientRect();
        (window as unknown as { firstFrame: object }).firstFrame = {
          early: document.documentElement.classList.contains('ptydeck-prepaint'),
          revealStarted: document.querySelector('.reveal')!.classList.contains('ready'),
          headingShown: Boolean(h && box && box.width > 0 && h.checkVisibility({ opacityProperty: true, visibilityProperty: true })),
        };
      });
    });
    await page.goto(`${base}/linked/`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.ptydeck?.deck.isReady());
    expect(held.map((url) => new URL(url).pathname)).toEqual(['/assets/themes/white.css']);
    const first = await page.evaluate(() => (window as unknown as { firstFrame: object }).firstFrame);
    expect(first).toEqual({ early: true, revealStarted: false, headingShown: true });
    expect(await onScreen(page, 'Early slide')).toBe(true);
    expect(messages).toEqual([]);
    await page.close();
  });

  it('leaves the slides to reveal.js once it runs: the next slide shows and slide 1 goes', async () => {
    const { page, messages } = await open(`${base}/centred/`, WINDOWS[0]!, false);
    await page.waitForFunction(() => window.ptydeck?.deck.isReady());
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => window.ptydeck.deck.getIndices().h === 1);
    await expect.poll(() => onScreen(page, 'Second slide')).toBe(true);
    // Slide 1 leaves with reveal.js's transition (0.8 s), then is hidden as any past slide is.
    await expect.poll(() => onScreen(page, 'Early slide'), { timeout: 5000 }).toBe(false);
    expect(messages).toEqual([]);
    await page.close();
  });

  for (const [what, suffix] of [
    ['opens on another slide', '#/2'],
    ['opens on a named slide', '#/intro'],
    ["opens in reveal.js's print view", '?print-pdf'],
  ] as const) {
    it(`shows nothing early when the page ${what} (${suffix})`, async () => {
      const { page } = await open(`${base}/centred/${suffix}`, WINDOWS[0]!, true);
      expect(await page.evaluate(() => document.documentElement.classList.contains('ptydeck-prepaint'))).toBe(false);
      expect(await page.locator('.reveal .slides > section').evaluateAll((sections) => sections.filter((s) => getComputedStyle(s).display !== 'none').length)).toBe(0);
      await page.close();
    });
  }

  it("shows slide 1 early on the presenter's URL (#token=…), which opens on slide 1", async () => {
    const { page } = await open(`${base}/centred/#token=abc`, WINDOWS[0]!, true);
    expect(await onScreen(page, 'Early slide')).toBe(true);
    await page.close();
  });
});
