// The first slide of a deck whose demos come later loads no xterm.js and no demo code; the demo
// part loads when a demo slide comes near and then runs the demo: from disk (a static build
// replaying its recording) and from `ptydeck dev` (live, in a real shell).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILES, BUNDLE_GLOBALS } from '../../protocol/browser-bundle.ts';
import { startDevServer, type RunningServer } from '../../server/dev/dev-server.ts';
import { findDecks } from '../../server/site/find-decks.ts';
import { chromiumMissing, launchChromium, watchPage } from './chromium.ts';
import { ROOT } from './build-helpers.ts';
import { REPLAY_PROJECT } from '../replay/replay-fixture.ts';
import { skipReason } from '../skip-reason.ts';

const missing = skipReason(chromiumMissing());
const run = promisify(execFile);

/**
 * The replay fixture deck (so its recording of `count` is current) with two plain slides
 * between the title and the first demo: slide 0's neighbours hold no demo, slide 2's does.
 */
function lazyProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-lazy-'));
  fs.cpSync(REPLAY_PROJECT, dir, { recursive: true });
  const deck = path.join(dir, 'slides/replay.md');
  const markdown = fs.readFileSync(deck, 'utf8');
  fs.writeFileSync(deck, markdown.replace('# Demos the replay tests play back\n', '# Demos the replay tests play back\n\n---\n\n## No demo here\n\n---\n\n## Nor here\n'));
  return dir;
}

/** Which of the bundle's files the page asked for, by file name. */
function requestedAssets(page: Page): Set<string> {
  const seen = new Set<string>();
  page.on('request', (request) => seen.add(path.basename(new URL(request.url()).pathname)));
  return seen;
}

/** What the first slide shows of the demo side: nothing of xterm.js, no demo part. */
async function demoPartAbsent(page: Page): Promise<{ xterm: number; part: boolean }> {
  return page.evaluate((name) => ({ xterm: document.querySelectorAll('.xterm').length, part: name in window }), BUNDLE_GLOBALS.demos);
}

describe.skipIf(missing !== null)('the demo part loads when a demo comes near', () => {
  let project: string;
  let out: string;
  let browser: Browser;
  let dev: RunningServer;

  beforeAll(async () => {
    project = lazyProject();
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-lazy-site-'));
    const set = findDecks(path.join(project, 'slides'));
    if ('error' in set) throw new Error(set.error);
    [browser, dev] = await Promise.all([
      launchChromium(),
      startDevServer({ set, host: '127.0.0.1', port: 0, onDiagnostics: () => {} }),
      run(process.execPath, [path.join(ROOT, 'bin/ptydeck.mjs'), 'build', path.join(project, 'slides'), '--out', out]),
    ]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await dev?.close();
    fs.rmSync(out, { recursive: true, force: true });
    fs.rmSync(project, { recursive: true, force: true });
  });

  it('from disk: slide 1 loads the core only, and the recording replays once its slide comes near', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const watch = await watchPage(page);
    const assets = requestedAssets(page);
    await page.goto(`file://${out}/replay/index.html`);
    await page.waitForFunction(() => window.ptydeck?.deck.isReady());
    expect(await demoPartAbsent(page)).toEqual({ xterm: 0, part: false });
    expect([...assets].filter((f) => f.endsWith('.js'))).toEqual([BUNDLE_FILES.script]);
    expect(assets).not.toContain(BUNDLE_FILES.demosStyle);

    // Slide 2 is next to the demo: the part loads before the speaker gets there.
    await page.evaluate(() => window.ptydeck.deck.slide(2));
    await page.waitForFunction((name) => name in window, BUNDLE_GLOBALS.demos);
    expect(assets).toContain(BUNDLE_FILES.demosScript);
    expect(assets).toContain(BUNDLE_FILES.demosStyle);
    // The theme, which the page holds, still comes after every other style: it overrides them.
    expect(await page.evaluate(() => Array.from(document.head.querySelectorAll('link[rel=stylesheet], style'), (e) => e.getAttribute('href')?.split('/').pop() ?? `<${e.localName}${e.hasAttribute('data-ptydeck-theme') ? ' theme' : ''}>`))).toEqual(['<style>', BUNDLE_FILES.demosStyle, '<style theme>']);

    await page.keyboard.press('Space');
    await page.waitForFunction(() => window.ptydeck.demo!('count').state.mounted && window.ptydeck.demo!('count').state.kind === 'recorded');
    expect(await page.locator('.ptydeck-demo .xterm').count()).toBe(1);
    expect(await page.evaluate(() => window.ptydeck.demo!('count').step())).toMatchObject({ ok: true });
    expect(await page.evaluate(() => window.ptydeck.demo!('count').text())).toContain('one');
    expect(watch.errors).toEqual([]);
    expect(watch.offMachine).toEqual([]);
    await page.close();
  });

  it('from ptydeck dev: slide 1 loads the core only, and the demo runs live once asked for', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const watch = await watchPage(page);
    const assets = requestedAssets(page);
    await page.goto(`http://127.0.0.1:${dev.port}/replay/#token=${dev.live.token}`);
    await page.waitForFunction(() => window.ptydeck?.deck.isReady());
    expect(await demoPartAbsent(page)).toEqual({ xterm: 0, part: false });
    expect(assets).not.toContain(BUNDLE_FILES.demosScript);
    expect(assets).not.toContain(BUNDLE_FILES.notesScript);

    // A script asking for a demo loads the part too, and goes to the demo's slide.
    expect(await page.evaluate(() => window.ptydeck.demo!('count').step())).toMatchObject({ ok: true });
    expect(assets).toContain(BUNDLE_FILES.demosScript);
    expect(await page.evaluate(() => window.ptydeck.demo!('count').state.kind)).toBe('live');
    await page.waitForFunction(() => /^one$/m.test(window.ptydeck.demo!('count').text()), null, { timeout: 60_000 });
    expect(await page.locator('.ptydeck-demo .xterm').count()).toBe(1);
    expect(watch.errors).toEqual([]);
    expect(watch.offMachine).toEqual([]);
    await page.close();
  }, 120_000);
});
