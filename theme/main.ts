// Browser start-up of a deck page (the core script, ptydeck.js): reveal.js with ptydeck's
// defaults, the demo placeholders' scripting API, and live edits in dev. The demo part and the
// speaker view load later, when they are needed (start-demos.ts, speaker-notes.ts).
import Reveal, { type RevealApi } from 'reveal.js';
import 'reveal.js/reveal.css';
import './styles/base.css';
import type { DeckPageConfig } from '../protocol/deck-config.ts';
import { DECK_CONFIG_ID, PREPAINT_CLASS } from '../protocol/deck-config.ts';
import { revealDefaults } from '../protocol/reveal-defaults.ts';
import { captureToken } from './demo/token.ts';
import { startDemos } from './demo/start-demos.ts';
import { installSpeakerNotes } from './speaker-notes.ts';
import { listenForDeckUpdates } from './deck-updates.ts';

declare global {
  interface Window {
    ptydeck: { readonly deck: RevealApi };
  }
}

function readConfig(): DeckPageConfig {
  const element = document.getElementById(DECK_CONFIG_ID);
  return JSON.parse(element?.textContent ?? '{}') as DeckPageConfig;
}

// Before reveal.js reads the hash: `#token=…` is the presenter's key, not a slide number.
const token = captureToken();
const config = readConfig();
const deck = new Reveal(document.querySelector<HTMLElement>('.reveal')!, { ...revealDefaults, ...config.reveal });
// Before initialize(), so the slides seen are the server's, before reveal.js decorates them.
listenForDeckUpdates(deck, config);
// Slide 1 was drawn before this script ran (server/site/prepaint.ts). Its styles go first, so that
// reveal.js measures the slides without them; reveal.js lays the deck out in this same task (with
// no plugin to load, initialize() reaches its start in microtasks), so no frame shows neither.
document.documentElement.classList.remove(PREPAINT_CLASS);
void deck.initialize();
installSpeakerNotes(deck);

// The documented scripting API (README, "Automation"): tests and tools drive the deck through it.
window.ptydeck = { deck };
startDemos(deck, config, token);
