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

/** Longest the deck waits for slide 1's early frame before it starts anyway (ms). */
const PREPAINT_START_LIMIT_MS = 100;

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
// The documented scripting API (README, "Automation"): tests and tools drive the deck through it.
// startDemos adds the demos' part to it.
window.ptydeck = { deck };

function start(): void {
  // Slide 1's early styles go first, so that reveal.js measures the slides without them;
  // reveal.js lays the deck out in this same task (with no plugin to load, initialize() reaches
  // its start in microtasks), so no frame shows neither.
  document.documentElement.classList.remove(PREPAINT_CLASS);
  void deck.initialize();
  installSpeakerNotes(deck);
  startDemos(deck, config, token);
}

// A page opened on slide 1 draws it from CSS alone (server/site/prepaint.ts). On loopback this
// script often arrives with the stylesheets, and ran its ~80 ms of reveal.js start-up before the
// first frame: slide 1 waited for it all the same. Starting after that frame is painted (a task
// queued from requestAnimationFrame runs once the frame is done) showed slide 1 12-16% sooner by
// the page's own clock, 30 loads each in turn, at the cost of one frame before the deck responds.
// A hidden tab draws no frames: the timer starts the deck there.
if (document.documentElement.classList.contains(PREPAINT_CLASS)) {
  let started = false;
  const startOnce = () => {
    if (started) return;
    started = true;
    start();
  };
  requestAnimationFrame(() => setTimeout(startOnce, 0));
  setTimeout(startOnce, PREPAINT_START_LIMIT_MS);
} else {
  start();
}

