// `ptydeck dev`: the server pushes a deck's slides after an edit, over server-sent events (an
// EventSource reconnects by itself and needs no client library). The page replaces its slides
// in place and returns to the slide the speaker was on; a rebuilt browser bundle reloads it.
import type { RevealApi } from 'reveal.js';
import type { DeckPageConfig, DeckUpdate } from '../protocol/deck-config.ts';
import { DECK_UPDATE_EVENT, DEV_RELOAD_EVENT } from '../protocol/deck-config.ts';

/** Applies the updates of `config.deck` pushed on `config.updates`; nothing when the page has no stream. */
export function listenForDeckUpdates(deck: RevealApi, config: DeckPageConfig): void {
  if (!config.updates) return;
  const slides = deck.getSlidesElement() ?? document.querySelector<HTMLElement>('.reveal .slides')!;
  /** The slides as the HTML parser serializes them, before reveal.js decorates them (see below). */
  let shownSlides = slides.innerHTML.trim();
  const events = new EventSource(config.updates);
  events.addEventListener(DEV_RELOAD_EVENT, () => window.location.reload());
  events.addEventListener(DECK_UPDATE_EVENT, (event) => {
    const update = JSON.parse((event as MessageEvent<string>).data) as DeckUpdate;
    if (update.deck !== config.deck) return;
    // Every edit in the project pushes every open deck. Replacing slides that did not change
    // would end a terminal showing a demo, so compare them as the parser serializes both.
    const parsed = document.createElement('template');
    parsed.innerHTML = update.html;
    const changed = parsed.innerHTML.trim() !== shownSlides;
    if (changed) {
      shownSlides = parsed.innerHTML.trim();
      const { h, v, f } = deck.getIndices();
      slides.innerHTML = update.html;
      document.title = update.title;
      deck.sync();
      deck.slide(h, v ?? 0, f);
    }
    // For scripts that decorate slides (README, "Automation"): they run again when `changed`.
    document.dispatchEvent(new CustomEvent(DECK_UPDATE_EVENT, { detail: { changed } }));
  });
}
