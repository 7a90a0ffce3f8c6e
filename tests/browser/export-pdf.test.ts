// `ptydeck export --pdf` of a deck without demos: a page per slide at the deck's size (a page per
// fragment step with --fragments), code printed in its highlight colours, nothing fetched from
// the network by the printing browser, and a Chromium that will not start is a clear failure.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing } from './chromium.ts';
import { ROOT } from './build-helpers.ts';
import { skipReason } from '../skip-reason.ts';

const run = promisify(execFile);
const missing = skipReason(chromiumMissing() ?? (fs.existsSync('/usr/bin/pdftoppm') ? null : 'pdftoppm not found: apt-get install poppler-utils'));

const DECK = `---
title: Printed
---

# Plain

Some text.

---

# Code

\`\`\`python
import os
os.chroot("/tmp")
\`\`\`

---

# Remote

![pic](http://127.0.0.1:PORT/pic.png)

<iframe src="http://127.0.0.1:PORT/frame.html"></iframe>

---

# Steps

- first <!-- .element: class="fragment" -->
- second <!-- .element: class="fragment" -->
`;

function exportDeck(deck: string, pdf: string, ...flags: string[]) {
  return run(process.execPath, [path.join(ROOT, 'bin/ptydeck.mjs'), 'export', deck, '--pdf', pdf, ...flags], { cwd: ROOT });
}

/** The RGB pixels of page `page` of `pdf` at `dpi`, from pdftoppm's PPM output. */
async function pagePixels(pdf: string, page: number, dpi: number): Promise<Buffer> {
  const { stdout } = await run('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), pdf], { encoding: 'buffer', maxBuffer: 64 << 20 });
  // P6 header: magic, width, height, maxval, each followed by one whitespace byte.
  let fields = 0;
  let offset = 0;
  while (fields < 4) if (/\s/.test(String.fromCharCode(stdout[offset++]!))) fields++;
  return stdout.subarray(offset);
}

/** How many pixels are clearly coloured (not a shade of grey). */
function colouredPixels(rgb: Buffer): number {
  let count = 0;
  for (let i = 0; i + 2 < rgb.length; i += 3) {
    const [r, g, b] = [rgb[i]!, rgb[i + 1]!, rgb[i + 2]!];
    if (Math.max(r, g, b) - Math.min(r, g, b) > 80) count++;
  }
  return count;
}

describe.skipIf(missing !== null)('ptydeck export --pdf', () => {
  let dir: string;
  let server: http.Server;
  const hits: string[] = [];
  let deck: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-export-pdf-'));
    server = http.createServer((request, response) => {
      hits.push(request.url ?? '');
      response.end('remote');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    deck = path.join(dir, 'printed.md');
    fs.writeFileSync(deck, DECK.replaceAll('PORT', String(port)));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints a page per slide, code in colour, and fetches nothing remote', async () => {
    const pdf = path.join(dir, 'printed.pdf');
    const { stdout } = await exportDeck(deck, pdf);
    expect(stdout).toMatch(/wrote .*printed\.pdf: 4 pages of 1344×756 px, 0 demos from recordings/);
    const { stdout: info } = await run('pdfinfo', [pdf]);
    expect(info).toMatch(/Pages:\s+4\n/);
    expect(info).toMatch(/Page size:\s+1008 x 567/);
    const { stdout: text } = await run('pdftotext', ['-layout', pdf, '-']);
    const pages = text.split('\f');
    expect(pages[1]).toContain('os.chroot("/tmp")');
    expect(pages[3]).toMatch(/first[\s\S]*second/);
    // The highlighted code has coloured tokens; the plain slide has none.
    expect(colouredPixels(await pagePixels(pdf, 2, 100))).toBeGreaterThan(100);
    expect(colouredPixels(await pagePixels(pdf, 1, 100))).toBe(0);
    expect(hits).toEqual([]);
  }, 120_000);

  it('prints a page per fragment step with --fragments', async () => {
    const pdf = path.join(dir, 'fragments.pdf');
    const { stdout } = await exportDeck(deck, pdf, '--fragments');
    // The Steps slide: nothing shown, the first, both.
    expect(stdout).toMatch(/: 6 pages of 1344×756 px/);
    const { stdout: text } = await run('pdftotext', ['-layout', pdf, '-']);
    const steps = text.split('\f').slice(3, 6);
    expect(steps.map((p) => [p.includes('first'), p.includes('second')])).toEqual([[false, false], [true, false], [true, true]]);
  }, 120_000);

  it('says so when Chromium does not start', async () => {
    const failed = await run(process.execPath, [path.join(ROOT, 'bin/ptydeck.mjs'), 'export', deck, '--pdf', path.join(dir, 'none.pdf')], {
      cwd: ROOT,
      env: { ...process.env, PTYDECK_CHROMIUM: '/bin/false' },
    }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toContain('could not start /bin/false: Chromium exited');
    expect(fs.existsSync(path.join(dir, 'none.pdf'))).toBe(false);
  }, 60_000);
});
