// Compiles every deck in slides/ the way `ptydeck present` does, and lists its demo entries.

import path from 'node:path';
import type { DemoEntry } from '../../protocol/demo-manifest.ts';
import { findDecks } from '../../server/site/find-decks.ts';
import { loadDeck } from '../../server/site/load-deck.ts';
import { PROJECT_ROOT } from '../demo/demo-entry.ts';

/** One deck's demos, with the compiler's error diagnostics (a deck with errors fails its test). */
export interface DeckDemos {
  readonly deck: string;
  readonly demos: readonly DemoEntry[];
  readonly errors: readonly string[];
}

/** Compiles slides/*.md and returns each deck's demo manifest, in file name order. */
export async function loadDeckDemos(slidesDir = path.join(PROJECT_ROOT, 'slides')): Promise<DeckDemos[]> {
  const set = findDecks(slidesDir);
  if ('error' in set) throw new Error(`no decks to test: ${set.error}`);
  const decks: DeckDemos[] = [];
  for (const source of set.decks) {
    const compiled = await loadDeck(set, source, 'none');
    const errors = compiled.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}: ${d.message}`);
    decks.push({ deck: source.name, demos: compiled.demos, errors });
  }
  return decks;
}
