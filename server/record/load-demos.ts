// The demos a command was pointed at: every deck of a folder (or one deck file), compiled from
// disk, optionally narrowed to one demo id.

import type { DemoEntry } from '../../protocol/demo-manifest.ts';
import type { Diagnostic } from '../../protocol/diagnostic.ts';
import { findDecks, type DeckSet } from '../site/find-decks.ts';
import { loadDeck } from '../site/load-deck.ts';

export interface LoadedDemos {
  readonly set: DeckSet;
  /** In deck order, then in the order the deck declares them. */
  readonly entries: readonly DemoEntry[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Compiles the decks at `target`; an error message when there are none or no demo is `demoId`. */
export async function loadDemos(target: string, demoId?: string): Promise<LoadedDemos | { error: string }> {
  const set = findDecks(target);
  if ('error' in set) return set;
  const entries: DemoEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const source of set.decks) {
    // No error slide: only the manifest and the diagnostics are wanted here.
    const deck = await loadDeck(set, source, 'none');
    entries.push(...deck.demos);
    diagnostics.push(...deck.diagnostics);
  }
  if (demoId === undefined) return { set, entries, diagnostics };
  const chosen = entries.filter((e) => e.id === demoId);
  if (chosen.length === 0) {
    const known = [...new Set(entries.map((e) => e.id))].join(', ') || 'none';
    return { error: `no demo "${demoId}" in ${target} (demos: ${known})` };
  }
  return { set, entries: chosen, diagnostics };
}
