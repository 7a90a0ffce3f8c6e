// The dev server's remembered highlighter compiles a deck exactly as shiki does, whether a
// block is new (second pass with shiki) or remembered (no shiki at all).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RememberedHighlighter } from '../../server/dev/remembered-highlighter.ts';
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
    const highlighter = new RememberedHighlighter();
    const first = await highlighter.compile((h) => loadDeck(set, set.decks[0]!, 'all', h));
    const again = await highlighter.compile((h) => loadDeck(set, set.decks[0]!, 'all', h));
    expect(plain.html).toContain('remembered');
    expect(first.html).toBe(plain.html);
    expect(again.html).toBe(plain.html);
    expect(again.diagnostics).toEqual(plain.diagnostics);
  });
});
