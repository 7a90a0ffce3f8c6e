// `ptydeck build` with remembered code blocks: a build that finds every block in the memo (no
// shiki at all) writes the same bytes as one that highlights them all with shiki.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../server/site/build-site.ts';
import { findDecks, type DeckSet } from '../../server/site/find-decks.ts';
import { PACKAGE_ROOT } from '../../server/site/package-paths.ts';

/** Blocks whose HTML or diagnostics depend on the language: known, aliased, unknown, plain. */
const DECK = `# Languages

\`\`\`python
x = 1
\`\`\`

\`\`\`ruby
x = 1
\`\`\`

---

\`\`\`sh [2]
echo one
echo two
\`\`\`

\`\`\`no-such-language
x = 1
\`\`\`

\`\`\`text
x = 1
\`\`\`
`;

function deckSet(dir: string): DeckSet {
  const set = findDecks(dir);
  if ('error' in set) throw new Error(set.error);
  return set;
}

/** Every file of a built site, by path relative to its folder. */
function siteFiles(dir: string, under = dir): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const e of fs.readdirSync(under, { withFileTypes: true })) {
    const full = path.join(under, e.name);
    if (e.isDirectory()) siteFiles(dir, full).forEach((v, k) => files.set(k, v));
    else files.set(path.relative(dir, full), fs.readFileSync(full));
  }
  return files;
}

describe('build with remembered code blocks', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-build-memo-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const fixture = path.join(tmp, 'decks');
  fs.mkdirSync(fixture);
  fs.writeFileSync(path.join(fixture, 'languages.md'), DECK);

  for (const [name, dir] of [
    ['the five talks', path.join(PACKAGE_ROOT, 'slides')],
    ['a deck of several languages', fixture],
  ] as const) {
    it(`writes the same bytes warm as cold: ${name}`, { timeout: 180_000 }, async () => {
      const set = deckSet(dir);
      const memo = path.join(tmp, `${path.basename(dir)}-memo.json`);
      const cold = await buildSite(set, path.join(tmp, `${path.basename(dir)}-cold`), { highlightMemo: memo });
      const saved = fs.readFileSync(memo, 'utf8');
      const warm = await buildSite(set, path.join(tmp, `${path.basename(dir)}-warm`), { highlightMemo: memo });
      // The warm build found every block: it had nothing to add to the memo.
      expect(fs.readFileSync(memo, 'utf8')).toBe(saved);
      expect(warm.diagnostics).toEqual(cold.diagnostics);
      const coldFiles = siteFiles(cold.outDir);
      const warmFiles = siteFiles(warm.outDir);
      expect([...warmFiles.keys()].sort()).toEqual([...coldFiles.keys()].sort());
      for (const [file, bytes] of coldFiles) expect(warmFiles.get(file)!.equals(bytes), file).toBe(true);
    });
  }

  it('takes a remembered block from the memo, not from shiki', { timeout: 180_000 }, async () => {
    const set = deckSet(fixture);
    const memo = path.join(tmp, 'marked-memo.json');
    await buildSite(set, path.join(tmp, 'marked-first'), { highlightMemo: memo });
    const saved = JSON.parse(fs.readFileSync(memo, 'utf8')) as Record<string, { html: string; known: boolean }>;
    const marked = Object.fromEntries(Object.entries(saved).map(([key, value], i) => [key, { ...value, html: `<pre>remembered-${i}</pre>` }]));
    fs.writeFileSync(memo, JSON.stringify(marked));
    const built = await buildSite(set, path.join(tmp, 'marked-again'), { highlightMemo: memo });
    const page = fs.readFileSync(path.join(built.outDir, 'languages/index.html'), 'utf8');
    for (let i = 0; i < Object.keys(saved).length; i++) expect(page).toContain(`remembered-${i}`);
    expect(page).not.toContain('class="shiki');
  });
});
