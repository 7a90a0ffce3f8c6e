// `ptydeck dev` for real: a child process serving a temporary deck, edited while Chromium shows
// it. The edit appears without a reload and the speaker stays on the same slide.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium, watchPage } from './chromium.ts';
import { skipReason } from '../skip-reason.ts';
import { ROOT } from './build-helpers.ts';

const missing = skipReason(chromiumMissing());

const DECK = `---
title: Live edit
---
# First

---

## Second

- an item

---

# Third
`;

const OTHER = `---
title: Another talk
---
# Untouched
`;

/** Starts `ptydeck dev` on a free port and resolves with its base URL once it prints it. */
function startDev(target: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/ptydeck.mjs'), 'dev', target, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`ptydeck dev printed no URL:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /presenter: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]! });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`ptydeck dev exited with ${code}:\n${out}`)));
  });
}

describe.skipIf(missing !== null)('ptydeck dev in Chromium', () => {
  let dir: string;
  let dev: { child: ChildProcess; url: string };
  let browser: Browser;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-dev-'));
    fs.mkdirSync(path.join(dir, 'slides'));
    fs.writeFileSync(path.join(dir, 'package.json'), '{}');
    fs.writeFileSync(path.join(dir, 'slides/talk.md'), DECK);
    fs.writeFileSync(path.join(dir, 'slides/other.md'), OTHER);
    [dev, browser] = await Promise.all([startDev(path.join(dir, 'slides')), launchChromium()]);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    if (dev?.child.pid) {
      const exited = new Promise((resolve) => dev.child.once('exit', resolve));
      dev.child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('binds to loopback and serves the index listing the deck', async () => {
    expect(dev.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await browser.newPage();
    await page.goto(`${dev.url}/`);
    expect(await page.locator('.ptydeck-deck-list li').allTextContents()).toEqual([expect.stringContaining('Another talk'), expect.stringContaining('Live edit')]);
    await page.close();
  });

  it('shows an edit in place and keeps the current slide', async () => {
    const page = await browser.newPage();
    const watch = await watchPage(page);
    await page.goto(`${dev.url}/talk/`);
    await page.waitForFunction(() => window.ptydeck?.deck.isReady());
    await page.evaluate(() => window.ptydeck.deck.slide(1));
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    fs.writeFileSync(path.join(dir, 'slides/talk.md'), DECK.replace('## Second', '## Second, edited'));
    await page.waitForFunction(() => document.querySelector('.reveal .slides section.present h2')?.textContent === 'Second, edited', null, { timeout: 15_000 });
    expect(await page.evaluate(() => window.ptydeck.deck.getIndices().h)).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    expect(watch.errors).toEqual([]);
    expect(watch.offMachine).toEqual([]);
    await page.close();
  });

  it('leaves the slides of a deck that did not change in place, so its terminals keep running', async () => {
    const page = await browser.newPage();
    await page.goto(`${dev.url}/other/`);
    await page.waitForFunction(() => window.ptydeck?.deck.isReady());
    await page.evaluate(() => {
      const w = window as unknown as { updates: boolean[] };
      w.updates = [];
      document.addEventListener('ptydeck:deck-update', (event) => w.updates.push((event as CustomEvent<{ changed: boolean }>).detail.changed));
      document.querySelector<HTMLElement>('.reveal .slides section')!.dataset.marker = 'kept';
    });
    fs.writeFileSync(path.join(dir, 'slides/talk.md'), DECK.replace('# Third', '# Third, edited'));
    await page.waitForFunction(() => (window as unknown as { updates: boolean[] }).updates.length > 0, null, { timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { updates: boolean[] }).updates)).not.toContain(true);
    expect(await page.evaluate(() => document.querySelector<HTMLElement>('.reveal .slides section')!.dataset.marker)).toBe('kept');
    await page.close();
  });

  it('shows a broken deck as an error slide followed by the slides that still render', async () => {
    fs.writeFileSync(path.join(dir, 'slides/talk.md'), DECK.replace('# Third', '```bash\nnever closed'));
    const page = await browser.newPage();
    await page.goto(`${dev.url}/talk/`);
    await page.waitForFunction(() => window.ptydeck?.deck.isReady());
    const error = await page.locator('section.ptydeck-error').textContent();
    expect(error).toMatch(/talk\.md:\d+.*never closed/s);
    expect(await page.locator('.reveal .slides h1').first().textContent()).toBe('First');
    await page.close();
  });
});
