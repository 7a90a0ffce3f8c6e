// Compiles Markdown the way the CLI does, with the fixture folder as deck and project root.
import fs from 'node:fs';
import path from 'node:path';
import { compileDeck, type CompiledDeck } from '../../server/deck/compile-deck.ts';
import { getHighlighter } from '../../server/deck/highlighter.ts';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/compiler');

/** Compiles `markdown` as the deck `name` living in the fixtures folder. */
export async function compileFixture(markdown: string, name = 'fixture'): Promise<CompiledDeck> {
  return compileDeck(markdown, {
    deck: name,
    file: `${name}.md`,
    deckDir: FIXTURES,
    projectRoot: FIXTURES,
    readFile: (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null),
    fileExists: (file) => fs.existsSync(file),
    highlighter: await getHighlighter(),
    errorSlide: 'errors',
  });
}
