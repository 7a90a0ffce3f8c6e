// Reads a deck from disk and compiles it: the I/O adapter around the pure compiler.
import fs from 'node:fs';
import path from 'node:path';
import { compileDeck, type CompiledDeck } from '../deck/compile-deck.ts';
import { getHighlighter, type Highlighter } from '../deck/highlighter.ts';
import type { DeckSet, DeckSource } from './find-decks.ts';

function readFileOrNull(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Compiles one deck of a set; errorSlide chooses which diagnostics get a visible slide.
 * `highlighter` replaces the shared shiki one (dev and build pass a RememberedHighlighter's).
 */
export async function loadDeck(set: DeckSet, source: DeckSource, errorSlide: 'errors' | 'all' | 'none', highlighter?: Highlighter): Promise<CompiledDeck> {
  const markdown = readFileOrNull(source.file) ?? '';
  return compileDeck(markdown, {
    deck: source.name,
    file: path.relative(process.cwd(), source.file) || source.file,
    deckDir: set.deckDir,
    projectRoot: set.projectRoot,
    readFile: readFileOrNull,
    fileExists: (file) => fs.existsSync(file),
    highlighter: highlighter ?? (await getHighlighter()),
    errorSlide,
  });
}
