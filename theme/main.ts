// Browser start-up of a deck page: reveal.js with ptydeck's defaults, and live edits in dev.
import Reveal, { type RevealApi } from 'reveal.js';
import Notes from 'reveal.js/plugin/notes';
import 'reveal.js/reveal.css';
import './styles/base.css';
import type { DeckPageConfig, DeckUpdate } from '../protocol/deck-config.ts';
import { DECK_CONFIG_ID, DECK_UPDATE_EVENT } from '../protocol/deck-config.ts';
import { revealDefaults } from './reveal-defaults.ts';
import { captureToken } from './demo/token.ts';
import { startDemos } from './demo/start-demos.ts';

declare global {
  interface Window {
    ptydeck: { readonly deck: RevealApi };
  }
}

function readConfig(): DeckPageConfig {
  const element = document.getElementById(DECK_CONFIG_ID);
  return JSON.parse(element?.textContent ?? '{}') as DeckPageConfig;
}

// The theme overrides reveal.css and base.css. In dev, Vite injects those imports as <style>
// elements after the page's links, so the theme's <link> moves behind them again.
const themeLink = document.querySelector('link[data-ptydeck-theme]');
if (themeLink) document.head.append(themeLink);

// Before reveal.js reads the hash: `#token=…` is the presenter's key, not a slide number.
const token = captureToken();
const config = readConfig();
const slides = document.querySelector<HTMLElement>('.reveal .slides')!;
/** The slides as the HTML parser serializes them, before reveal.js decorates them (see below). */
let shownSlides = slides.innerHTML.trim();
const deck = new Reveal(document.querySelector<HTMLElement>('.reveal')!, {
  ...revealDefaults,
  ...config.reveal,
  plugins: [Notes],
});
void deck.initialize();

// The documented scripting API (README, "Automation"): tests and tools drive the deck through it.
window.ptydeck = { deck };
startDemos(deck, config, token);

if (import.meta.hot) {
  // Replace the slides in place and return to the slide the speaker was on.
  import.meta.hot.on(DECK_UPDATE_EVENT, (update: DeckUpdate) => {
    if (update.deck !== config.deck) return;
    // Every edit in the project pushes every deck. Replacing slides that did not change would
    // end a terminal showing a demo, so compare them as the parser serializes both.
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
    document.dispatchEvent(new CustomEvent('ptydeck:deck-update', { detail: { changed } }));
  });
}
