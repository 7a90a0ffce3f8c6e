// Slide 1 before reveal.js runs. reveal.js shows no slide until its script has loaded and laid
// the deck out (display: none until `.present`), which on a 2-core machine is ~100 ms of script
// after the page's files arrive; a one-file HTML deck (Marp) shows its first slide as soon as
// its CSS applies. A deck page that opens on slide 1 draws it at once, where reveal.js will
// draw it: the deck's size, scale (rounded as reveal.js rounds it) and centring, in CSS
// (theme/styles/base.css, "Slide 1 before reveal.js"). theme/main.ts ends it just before reveal.js
// lays the deck out, in the same task, so no frame shows neither.
import { createHash } from 'node:crypto';
import { PREPAINT_CLASS } from '../../protocol/deck-config.ts';
import { revealDefaults } from '../../protocol/reveal-defaults.ts';

/**
 * Inline in <head>, ahead of the stylesheets (a script after them would wait for them): marks
 * the page for the early slide 1 only when it opens on slide 1. A URL naming another slide
 * (`#/4`, `#/intro`), or a query (reveal.js's print view, the speaker view's previews), keeps
 * the slides hidden until reveal.js shows the right one, so no wrong slide flashes.
 * `#token=…` is the presenter's key (theme/demo/token.ts), on slide 1.
 */
export const PREPAINT_SCRIPT = `if(!location.search&&/^(#\\/?(0(\\/0)?)?\\/?|#token=.*)?$/.test(location.hash))document.documentElement.classList.add('${PREPAINT_CLASS}')`;

/** `'sha256-…'`: the live server's CSP allows this one inline script by its hash (security-headers.ts). */
export function prepaintScriptHash(): string {
  return `'sha256-${createHash('sha256').update(PREPAINT_SCRIPT).digest('base64')}'`;
}

/** reveal.js's own defaults for what ptydeck's do not set (reveal.js config.js). */
const REVEAL_SCALE_LIMITS = { minScale: 0.2, maxScale: 2.0 };

/**
 * The custom properties base.css lays slide 1 out with, for a deck whose reveal.js options are
 * `reveal` (front matter, over ptydeck's defaults); null where the early slide would not land
 * where reveal.js puts it: a size that is not in pixels, reveal.js's layout turned off, or the
 * deck embedded in another page.
 */
export function prepaintStyle(reveal: Readonly<Record<string, unknown>>): string | null {
  const options: Record<string, unknown> = { ...REVEAL_SCALE_LIMITS, ...revealDefaults, ...reveal };
  const { width, height, margin, minScale, maxScale, center, disableLayout, embedded } = options;
  const numbers = [width, height, margin, minScale, maxScale];
  if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0)) return null;
  if ((width as number) <= 0 || (height as number) <= 0 || (margin as number) >= 1) return null;
  if (disableLayout === true || embedded === true) return null;
  return [
    `--ptydeck-width:${width as number}px`,
    `--ptydeck-height:${height as number}px`,
    `--ptydeck-margin:${margin as number}`,
    `--ptydeck-min-scale:${minScale as number}`,
    `--ptydeck-max-scale:${maxScale as number}`,
    `--ptydeck-align:${center === false ? 'normal' : 'safe center'}`,
  ].join(';');
}
