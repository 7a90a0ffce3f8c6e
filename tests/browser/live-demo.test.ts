// Live demos as a presenter uses them: the presenter URL in Chromium, the token carried from the
// index to the deck, demo steps run with the keyboard, the screen read through window.ptydeck,
// a reload and a second (viewer) window seeing the same terminal, and the speaker view allowed
// by the page's CSP.
import os from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium, watchPage, type PageWatch } from './chromium.ts';
import { skipReason } from '../skip-reason.ts';
import { startLiveServer } from '../live/live-harness.ts';

const missing = skipReason(chromiumMissing()) ?? (process.getuid?.() === 0 ? null : 'the UTS demo needs root');

/** Polls the live terminal's screen (not the Markdown transcript shown before it mounts) until it matches. */
async function screenMatching(page: Page, id: string, pattern: RegExp): Promise<string> {
  await page.waitForFunction(
    ({ id, source }) => {
      const demo = window.ptydeck.demo!(id);
      return demo.state.kind === 'live' && demo.state.mounted && new RegExp(source, 'm').test(demo.text());
    },
    { id, source: pattern.source },
    { timeout: 60_000 },
  );
  return page.evaluate((id) => window.ptydeck.demo!(id).text(), id);
}

// Each test loads dev-server pages (Vite transforms the page's modules on first request) and
// waits on nested shells: on a loaded 2-core machine that takes far longer than vitest's default.
const PAGE_TEST_TIMEOUT_MS = 120_000;

describe.skipIf(missing !== null)('live demos in Chromium', { timeout: PAGE_TEST_TIMEOUT_MS }, () => {
  let server: Awaited<ReturnType<typeof startLiveServer>>;
  let browser: Browser;
  let presenter: Page;
  let watch: PageWatch;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startLiveServer(), launchChromium()]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('carries the token from the presenter URL to the deck and out of the address bar', async () => {
    presenter = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    watch = await watchPage(presenter);
    await presenter.goto(`${server.url}/#token=${server.live.token}`);
    expect(presenter.url()).not.toContain('token');
    await presenter.locator('.ptydeck-deck-list a').first().click();
    await presenter.waitForFunction(() => window.ptydeck?.deck.isReady());
    expect(presenter.url()).not.toContain(server.live.token);
    expect(await presenter.evaluate(() => window.ptydeck.demos!())).toContain('uts');
  });

  it('steps the UTS demo with the keyboard and reads the hostname inside from the terminal', async () => {
    await presenter.evaluate(() => window.ptydeck.deck.slide(1));
    await presenter.waitForFunction(() => window.ptydeck.demo!('uts').state.status === 'idle' || window.ptydeck.demo!('uts').state.status === 'ready', null, { timeout: 60_000 });
    // Four steps with the presenter's keys: into the namespace, set, read, leave.
    for (const key of ['PageDown', 'Space', 'ArrowRight', 'n']) {
      const before = await presenter.evaluate(() => window.ptydeck.demo!('uts').state.nextStep ?? 0);
      await presenter.keyboard.press(key);
      await presenter.waitForFunction(
        (before) => {
          const s = window.ptydeck.demo!('uts').state;
          return (s.nextStep ?? 0) > before && s.status !== 'running';
        },
        before,
        { timeout: 60_000 },
      );
    }
    const text = await screenMatching(presenter, 'uts', /^incontainer$/);
    expect(text).toMatch(/hostname incontainer/);
    expect(await presenter.evaluate(() => window.ptydeck.demo!('uts').state.lastExit)).toBe(0);
    expect(await presenter.evaluate(() => window.ptydeck.deck.getIndices().h)).toBe(1);
  });

  it('shows the same screen after a reload and in a second window without the token, which can only watch', async () => {
    // reveal.js writes the slide into the URL at most once a second: reload only once it has.
    await presenter.waitForFunction(() => location.hash === '#/1', null, { timeout: 10_000 });
    await presenter.reload();
    await presenter.waitForFunction(() => window.ptydeck?.deck.isReady());
    const reloaded = await screenMatching(presenter, 'uts', /^incontainer$/);
    const viewer = await browser.newPage();
    await viewer.goto(`${server.url}/live/#/1`);
    await viewer.waitForFunction(() => window.ptydeck?.deck.isReady());
    const watched = await screenMatching(viewer, 'uts', /^incontainer$/);
    expect(watched).toBe(reloaded);
    const refused = await viewer.evaluate(() => window.ptydeck.demo!('uts').step());
    expect(refused).toMatchObject({ ok: false });
    await viewer.close();
  });

  it('finishes the demo: the last step prints the real hostname again', async () => {
    const reply = await presenter.evaluate(() => window.ptydeck.demo!('uts').step());
    expect(reply).toMatchObject({ ok: true });
    await screenMatching(presenter, 'uts', new RegExp(`^${os.hostname()}$`));
  });

  it('draws multi-byte output whole: Hangul and emoji cut across pty reads and output messages', async () => {
    // 4000 lines of 30 bytes: ~120 KB, many pty reads and a few binary output messages, whose
    // ends fall inside characters unless the server cuts them on character boundaries.
    const slide = await presenter.evaluate(() => document.querySelectorAll('.reveal .slides > section').length - 1);
    await presenter.evaluate((slide) => window.ptydeck.deck.slide(slide), slide);
    const reply = await presenter.evaluate(() => window.ptydeck.demo!('utf8').step());
    expect(reply).toMatchObject({ ok: true, outcome: { exitCode: 0 } });
    const text = await screenMatching(presenter, 'utf8', /^4000 컨테이너 🐳 ñ$/);
    const lines = text.split('\n').filter((line) => /^\d{4} /.test(line));
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.filter((line) => !/^\d{4} 컨테이너 🐳 ñ$/.test(line))).toEqual([]);
    expect(text).not.toContain('\uFFFD');
  });

  it('opens the speaker view without a Content-Security-Policy violation', async () => {
    const popupErrors: string[] = [];
    const [popup] = await Promise.all([presenter.waitForEvent('popup'), presenter.keyboard.press('s')]);
    popup.on('console', (m) => m.type() === 'error' && popupErrors.push(m.text()));
    await popup.waitForSelector('#current-slide iframe', { timeout: 15_000 });
    await popup.waitForFunction(() => (document.querySelector('#connection-status') as HTMLElement | null)?.style.display === 'none', null, { timeout: 15_000 });
    expect(popupErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
    await popup.close();
  });

  it('logged no error and fetched nothing off the machine', () => {
    expect(watch.errors).toEqual([]);
    expect(watch.offMachine).toEqual([]);
  });
});
