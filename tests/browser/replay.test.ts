// Recordings in Chromium: a static build opened from disk replays its demos step by step with no
// server; a live demo whose server is killed mid-demo goes on from its recording at the same
// step and returns to live when the server is back; a missing requirement replays at once; and
// `ptydeck export --pdf` prints each demo's final screen as text.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium, watchPage, type PageWatch } from './chromium.ts';
import { buildWithCli, ROOT } from './build-helpers.ts';
import { skipReason } from '../skip-reason.ts';
import { REPLAY_DECKS } from '../replay/replay-fixture.ts';
import { startPresent, stopPresent, type PresentChild } from '../replay/present-child.ts';
import type { SeekComparison } from '../replay/seek-page.ts';
import { screenSnapshots } from '../../server/record/screen-snapshots.ts';
import { recordingOf } from '../replay/replay-fixture.ts';
import { build as viteBuild } from 'vite';

const missing = skipReason(chromiumMissing());
const pdftotextMissing = fs.existsSync('/usr/bin/pdftotext') ? null : 'pdftotext not found: apt-get install poppler-utils';
const run = promisify(execFile);

// The prompt's space is a written cell, so xterm.js keeps it in the line's text.
const COUNT_FINAL = "$ echo one\none\n$ printf 'two\\n'\ntwo\n$ seq 3 5\n3\n4\n5\n$ echo done\ndone\n$ ";

/** show() is the scripting API's (scripting-api.ts); page-globals.d.ts does not list it. */
const show = (page: Page, id: string) => page.evaluate((id) => (window.ptydeck.demo!(id) as unknown as { show(): Promise<void> }).show(), id);
const text = (page: Page, id: string) => page.evaluate((id) => window.ptydeck.demo!(id).text(), id);
const state = (page: Page, id: string) => page.evaluate((id) => window.ptydeck.demo!(id).state, id);
const badge = (page: Page, id: string) =>
  page.locator(`figure[data-demo="${id}"] .ptydeck-demo-badge`).evaluate((el) => ({ text: el.textContent, state: el.getAttribute('data-state'), title: el.getAttribute('title') ?? '' }));

/** Polls until demo `id`'s screen matches `pattern`. */
async function screenMatching(page: Page, id: string, pattern: RegExp, timeout = 15_000): Promise<string> {
  await page.waitForFunction(({ id, source }) => new RegExp(source, 'm').test(window.ptydeck.demo!(id).text()), { id, source: pattern.source }, { timeout });
  return text(page, id);
}

/** Polls until demo `id`'s state is of `kind`. */
function kindIs(page: Page, id: string, kind: string, timeout = 15_000): Promise<unknown> {
  return page.waitForFunction(({ id, kind }) => window.ptydeck.demo!(id).state.kind === kind, { id, kind }, { timeout });
}

describe.skipIf(missing !== null)('recordings in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => browser?.close());

  describe('a static build opened from disk, with no server', () => {
    let site: string;
    let page: Page;
    let watch: PageWatch;
    const warnings: string[] = [];
    beforeAll(async () => {
      site = await buildWithCli(REPLAY_DECKS);
      page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      watch = await watchPage(page);
      page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
      await page.goto(`file://${site}/replay/index.html`);
      await page.waitForFunction(() => window.ptydeck?.deck.isReady());
    }, 120_000);
    afterAll(() => fs.rmSync(site, { recursive: true, force: true }));

    it('shows the recording before its first step, with a badge that says recorded', async () => {
      await show(page, 'count');
      expect(await state(page, 'count')).toMatchObject({ kind: 'recorded', status: 'ready', nextStep: 0, label: 'recorded' });
      expect(await badge(page, 'count')).toMatchObject({ text: 'recorded', state: 'recorded', title: expect.stringContaining('no demo server') });
      expect(await text(page, 'count')).toBe('$ ');
    });

    it('plays a step from the scripting API and the next from the keyboard', async () => {
      expect(await page.evaluate(() => window.ptydeck.demo!('count').step())).toMatchObject({ ok: true, outcome: { index: 0, output: 'one', exitCode: 0 } });
      expect(await text(page, 'count')).toBe('$ echo one\none\n$ ');
      await page.keyboard.press('Space');
      await screenMatching(page, 'count', /^two$/);
      await page.waitForFunction(() => window.ptydeck.demo!('count').state.nextStep === 2);
      expect(await page.evaluate(() => window.ptydeck.deck.getIndices().h)).toBe(1);
    });

    it('rewinds on reset and reaches the final screen with run-all', async () => {
      await page.evaluate(() => window.ptydeck.demo!('count').reset());
      expect(await text(page, 'count')).toBe('$ ');
      expect(await page.evaluate(() => window.ptydeck.demo!('count').runAll())).toMatchObject({ ok: true, outcomes: [{}, {}, {}, { index: 3 }] });
      expect(await text(page, 'count')).toBe(COUNT_FINAL);
      expect(await state(page, 'count')).toMatchObject({ status: 'finished', nextStep: 4, lastExit: 0 });
    });

    it('draws the screen of the step it is at when the slide is shown again', async () => {
      await page.evaluate(() => window.ptydeck.deck.slide(0));
      await show(page, 'count');
      expect(await text(page, 'count')).toBe(COUNT_FINAL);
    });

    it('stops a step where it is on interrupt, and warns that a recording is stale', async () => {
      await show(page, 'typed');
      void page.evaluate(() => window.ptydeck.demo!('typed').step());
      await screenMatching(page, 'typed', /^\$ ec/);
      await page.evaluate(() => window.ptydeck.demo!('typed').interrupt());
      const stopped = await text(page, 'typed');
      expect(stopped).not.toContain('typed\n');
      await page.waitForTimeout(1_500); // longer than the rest of the step would take
      expect(await text(page, 'typed')).toBe(stopped);
      expect((await badge(page, 'typed')).title).toContain('Stale: the recording was made from another version');
      expect(await page.evaluate(() => window.ptydeck.demo!('typed').step())).toMatchObject({ ok: false, error: { code: 'no-more-steps' } });
      expect(warnings.some((w) => w.includes('demo "typed" replays a stale recording'))).toBe(true);
    });

    it('keeps the transcript of a demo without a recording', async () => {
      await show(page, 'unrecorded');
      expect(await state(page, 'unrecorded')).toMatchObject({ kind: 'transcript' });
      expect(await text(page, 'unrecorded')).toBe('$ echo no recording\nno recording');
    });

    it('logged no error and fetched nothing off the machine', () => {
      expect(watch.errors).toEqual([]);
      expect(watch.offMachine).toEqual([]);
    });
  });

  describe('a live demo whose server dies', () => {
    const token = `replay-token-${process.pid}-0123456789`;
    let present: PresentChild | undefined;
    let page: Page;
    afterAll(async () => stopPresent(present));

    it('runs live while the server is there', async () => {
      present = await startPresent(REPLAY_DECKS, 0, token);
      page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      await page.goto(`${present.url}/replay/#token=${token}`);
      await page.waitForFunction(() => window.ptydeck?.deck.isReady());
      await show(page, 'count');
      await kindIs(page, 'count', 'live');
      for (let i = 0; i < 2; i++) expect(await page.evaluate(() => window.ptydeck.demo!('count').step())).toMatchObject({ ok: true });
      await screenMatching(page, 'count', /^two$/);
    }, 90_000);

    it('goes on from the recording at the same step once the server is killed', async () => {
      const live = await screenMatching(page, 'count', /^two\n\$ ?$/);
      present!.child.kill('SIGKILL');
      await present!.exited;
      await kindIs(page, 'count', 'recorded');
      expect(await state(page, 'count')).toMatchObject({ label: 'recorded', nextStep: 2 });
      expect((await badge(page, 'count')).title).toContain('went away');
      expect(await text(page, 'count')).toBe(live);
      await page.keyboard.press('Space');
      await screenMatching(page, 'count', /^5$/);
    });

    it('returns to live when the server is back on the same port', async () => {
      const port = present!.port;
      present = await startPresent(REPLAY_DECKS, port, token);
      expect(present.port).toBe(port);
      await kindIs(page, 'count', 'live', 30_000);
      expect(await page.evaluate(() => window.ptydeck.demo!('count').step())).toMatchObject({ ok: true, outcome: { output: 'one', exitCode: 0 } });
    }, 90_000);

    it('switches to the recording at the same step with T, and back with T again', async () => {
      await page.keyboard.press('t');
      await kindIs(page, 'count', 'recorded');
      expect(await state(page, 'count')).toMatchObject({ nextStep: 1 });
      expect(await text(page, 'count')).toBe('$ echo one\none\n$ ');
      await page.keyboard.press('t');
      await kindIs(page, 'count', 'live');
    });

    it('replays a demo at once when the server says a requirement is missing', async () => {
      await show(page, 'needs-tool');
      await kindIs(page, 'needs-tool', 'live');
      expect(await page.evaluate(() => window.ptydeck.demo!('needs-tool').step())).toMatchObject({ ok: true, outcome: { output: 'borrowed' } });
      expect(await state(page, 'needs-tool')).toMatchObject({ kind: 'recorded', nextStep: 1 });
      expect((await badge(page, 'needs-tool')).title).toContain('cannot run live here');
      expect(await text(page, 'needs-tool')).toBe('$ echo borrowed\nborrowed\n$ ');
    });
  });

  describe.skipIf(skipReason(pdftotextMissing) !== null)('ptydeck export --pdf', () => {
    let out: string;
    beforeAll(() => {
      out = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-pdf-'));
    });
    afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

    it("prints each recorded demo's final screen as text, and the notes on pages of their own", async () => {
      const pdf = path.join(out, 'replay.pdf');
      const exported = await run(process.execPath, [path.join(ROOT, 'bin/ptydeck.mjs'), 'export', path.join(REPLAY_DECKS, 'replay.md'), '--pdf', pdf, '--notes'], { cwd: ROOT });
      expect(exported.stdout).toMatch(/wrote .*replay\.pdf: 6 pages of 1344×756 px, 3 demos from recordings/);
      const { stdout } = await run('pdftotext', ['-layout', pdf, '-']);
      const pages = stdout.split('\f');
      const count = pages.find((p) => p.includes('Counting, recorded')) ?? '';
      const lines = count.split('\n').map((l) => l.trim());
      for (const line of COUNT_FINAL.split('\n')) expect(lines).toContain(line.trim());
      expect(count).toContain('RECORDED');
      expect(pages.some((p) => p.includes('Speaker notes') && p.includes('The counting demo replays'))).toBe(true);
      expect(pages.find((p) => p.includes('Typed by hand'))).toMatch(/\$ echo typed\s+typed/);
      const { stdout: info } = await run('pdfinfo', [pdf]);
      expect(info).toMatch(/Pages:\s+7/);
    }, 120_000);
  });

  describe("seeking each talk's recordings, through a snapshot at every marker", () => {
    let dir: string;
    let page: Page;
    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-seek-'));
      await viteBuild({
        configFile: false,
        root: ROOT,
        logLevel: 'warn',
        publicDir: false,
        define: { 'process.env.NODE_ENV': '"production"' },
        build: {
          outDir: dir,
          emptyOutDir: true,
          reportCompressedSize: false,
          lib: { entry: path.join(ROOT, 'tests/replay/seek-page.ts'), formats: ['iife'], name: 'seekPage', fileName: () => 'page.js', cssFileName: 'page' },
        },
      });
      fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><link rel="stylesheet" href="page.css"><body><script src="page.js"></script></body>\n');
      page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      await page.goto(`file://${dir}/index.html`);
      await page.waitForFunction(() => 'compareSeeks' in window);
    }, 180_000);
    afterAll(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

    const decks = ['computer-architecture', 'existential-crisis', 'virtualization-ko', 'containers-qa', 'container-basics'];
    it.each(decks)('draws in %s the same screen text at each step as playing up to it', async (deck) => {
      const folder = path.join(ROOT, 'demos/recordings', deck);
      const casts = fs.readdirSync(folder).filter((f) => f.endsWith('.cast'));
      expect(casts.length).toBeGreaterThan(0);
      for (const file of casts) {
        const cast = fs.readFileSync(path.join(folder, file), 'utf8');
        const snapshots = screenSnapshots(recordingOf(cast), { everyChars: 0 });
        expect(snapshots.length, file).toBeGreaterThan(0);
        const { played, sought } = await page.evaluate(
          ([cast, snapshots]) => (window as unknown as { compareSeeks(c: string, s: unknown): Promise<SeekComparison> }).compareSeeks(cast, snapshots),
          [cast, snapshots] as const,
        );
        expect(sought, file).toEqual(played);
      }
    }, 120_000);
  });
});
