// Tells when a demo slide comes near: the current slide, or the one before or after it, holds
// a demo. That is when the demo part loads (start-demos.ts): early enough to be there when the
// speaker arrives, and never on a deck page whose demos nobody goes near.
import type { RevealApi } from 'reveal.js';
import { toDisposable, type Disposable } from './disposable.ts';
import { DEMO_SELECTOR } from './placeholder.ts';

/** How many slides before and after the current one count as near. */
const NEAR_SLIDES = 1;

/** Calls `onNear` once, the first time a demo is near (at start-up, on a slide change or a dev edit). */
export function watchNearbyDemos(deck: RevealApi, onNear: () => void): Disposable {
  let done = false;
  const check = () => {
    if (done || !deck.isReady()) return;
    // In slide order, vertical slides included (stacks are not slides of their own).
    const slides = deck.getSlides();
    const current = deck.getCurrentSlide();
    const at = current ? slides.indexOf(current) : -1;
    const near = slides.slice(Math.max(0, at - NEAR_SLIDES), at + NEAR_SLIDES + 1);
    if (at < 0 || !near.some((slide) => slide.querySelector(DEMO_SELECTOR))) return;
    stop();
    onNear();
  };
  const stop = () => {
    done = true;
    deck.off('ready', check);
    deck.off('slidechanged', check);
    document.removeEventListener('ptydeck:deck-update', check);
  };
  deck.on('ready', check);
  deck.on('slidechanged', check);
  document.addEventListener('ptydeck:deck-update', check);
  check();
  return toDisposable(stop);
}
