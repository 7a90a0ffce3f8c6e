// The remembered highlighter (dev and build share it) compiles a deck exactly as shiki does, whether a
// block is new (second pass with shiki) or remembered (no shiki at all).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getHighlighter } from '../../server/deck/highlighter.ts';
import { RememberedHighlighter } from '../../server/site/remembered-highlighter.ts';
import { findDecks } from '../../server/site/find-decks.ts';
import { loadDeck } from '../../server/site/load-deck.ts';

const DECK = `# Code

\`\`\`python
print("remembered")
\`\`\`

---

\`\`\`c
int main(void) { return 0; }
\`\`\`
`;

describe('RememberedHighlighter', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-highlight-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('compiles new and remembered blocks into the same HTML as the shared highlighter', async () => {
    fs.writeFileSync(path.join(dir, 'talk.md'), DECK);
    const set = findDecks(dir);
    if ('error' in set) throw new Error(set.error);
    const plain = await loadDeck(set, set.decks[0]!, 'all');
    // Its own memo file, so the first compile is cold whatever earlier runs remembered.
    const memo = path.join(dir, 'memo.json');
    const highlighter = new RememberedHighlighter(memo);
    const first = await highlighter.compile((h) => loadDeck(set, set.decks[0]!, 'all', h));
    const again = await highlighter.compile((h) => loadDeck(set, set.decks[0]!, 'all', h));
    highlighter.save();
    // A new process reads the saved blocks and compiles without shiki's help.
    const restarted = await new RememberedHighlighter(memo).compile((h) => loadDeck(set, set.decks[0]!, 'all', h));
    expect(plain.html).toContain('remembered');
    expect(first.html).toBe(plain.html);
    expect(again.html).toBe(plain.html);
    expect(again.diagnostics).toEqual(plain.diagnostics);
    expect(restarted.html).toBe(plain.html);
    expect(restarted.diagnostics).toEqual(plain.diagnostics);
  });

  it('keys blocks by language: the same code in another language is not served from the memo', async () => {
    const highlighter = new RememberedHighlighter(path.join(dir, 'by-language.json'));
    const shiki = await getHighlighter();
    const highlight = (lang: string) =>
      highlighter.compile(async (h) => {
        await h.load([lang]);
        return h.highlight('x = 1', lang).html;
      });
    const python = await highlight('python');
    const ruby = await highlight('ruby');
    await shiki.load(['python', 'ruby']);
    expect(python).toBe(shiki.highlight('x = 1', 'python').html);
    expect(ruby).toBe(shiki.highlight('x = 1', 'ruby').html);
    expect(ruby).not.toBe(python);
  });

  it('keeps the blocks of other decks and processes when it saves', async () => {
    const memo = path.join(dir, 'shared.json');
    const highlight = async (highlighter: RememberedHighlighter, code: string) => {
      await highlighter.compile(async (h) => {
        await h.load(['python']);
        return h.highlight(code, 'python');
      });
      highlighter.save();
    };
    // Two processes started before either saved: the second save must not drop the first's block.
    const first = new RememberedHighlighter(memo);
    const second = new RememberedHighlighter(memo);
    await highlight(first, 'a = 1');
    await highlight(second, 'b = 2');
    await highlight(new RememberedHighlighter(memo), 'c = 3');
    const saved = Object.keys(JSON.parse(fs.readFileSync(memo, 'utf8')) as object);
    expect(saved.sort()).toEqual(['python\0a = 1', 'python\0b = 2', 'python\0c = 3']);
  });
});
