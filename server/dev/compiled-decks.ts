// The dev server's compiled decks: compiled once and kept until a file changes, so page loads
// and pushes after an edit share one compile, and the first page load finds its deck ready.
import type { CompiledDeck } from '../deck/compile-deck.ts';
import type { DeckSet } from '../site/find-decks.ts';
import { loadDeck } from '../site/load-deck.ts';
import { RememberedHighlighter } from '../site/remembered-highlighter.ts';

export class CompiledDecks {
  private readonly cache = new Map<string, Promise<CompiledDeck>>();
  private readonly byName: Map<string, DeckSet['decks'][number]>;
  private readonly highlighter = new RememberedHighlighter();

  constructor(
    private readonly set: DeckSet,
    /** Reports a deck's diagnostics (the CLI prints them when they change). */
    private readonly onDiagnostics: (deck: CompiledDeck) => void,
  ) {
    this.byName = new Map(set.decks.map((d) => [d.name, d]));
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The deck compiled from the files as they are now (or as they were at the last change). */
  get(name: string): Promise<CompiledDeck> {
    let compiled = this.cache.get(name);
    if (!compiled) {
      const source = this.byName.get(name);
      if (!source) return Promise.reject(new Error(`no deck named ${name}`));
      compiled = this.highlighter.compile((highlighter) => loadDeck(this.set, source, 'all', highlighter)).then((deck) => {
        this.onDiagnostics(deck);
        this.highlighter.save();
        return deck;
      });
      this.cache.set(name, compiled);
      compiled.catch(() => this.cache.get(name) === compiled && this.cache.delete(name));
    }
    return compiled;
  }

  /** Every deck, in the set's order. */
  all(): Promise<CompiledDeck[]> {
    return Promise.all(this.set.decks.map((d) => this.get(d.name)));
  }

  /** Loads shiki in the background, for the first edit of a code block (decks need it no sooner). */
  warm(): void {
    this.highlighter.warm();
  }

  /** A file changed: any deck may include it, so every deck compiles again when next asked for. */
  invalidate(): void {
    this.cache.clear();
  }
}
