// The allow-list of what may run: the demos the decks on disk declare, recompiled when a deck
// file changes. The browser names (deck, id); only entries found here ever run.
import fs from 'node:fs';
import type { DemoEntry } from '../../protocol/demo-manifest.ts';
import type { DeckSet } from '../site/find-decks.ts';
import { loadDeck } from '../site/load-deck.ts';

export class DemoCatalog {
  private readonly cache = new Map<string, { mtimeMs: number; demos: Map<string, DemoEntry> }>();

  constructor(private readonly set: DeckSet) {}

  /** The entry for (deck, id), or null when no deck on disk declares it. */
  async lookup(deck: string, id: string): Promise<DemoEntry | null> {
    const source = this.set.decks.find((d) => d.name === deck);
    if (!source) return null;
    let mtimeMs: number;
    try {
      mtimeMs = fs.statSync(source.file).mtimeMs;
    } catch {
      return null;
    }
    let cached = this.cache.get(deck);
    if (!cached || cached.mtimeMs !== mtimeMs) {
      const compiled = await loadDeck(this.set, source, 'none');
      cached = { mtimeMs, demos: new Map(compiled.demos.map((d) => [d.id, d])) };
      this.cache.set(deck, cached);
    }
    return cached.demos.get(id) ?? null;
  }
}
