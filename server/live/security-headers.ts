// Headers every HTTP response of a live server carries: the page may load and connect only to
// its own origin, and no other site may frame it.
import type { ServerResponse } from 'node:http';
import { prepaintScriptHash } from '../site/prepaint.ts';
import { speakerViewScriptHash } from './speaker-view-hash.ts';

/** Computed once: the installed reveal.js does not change while the server runs. */
const SPEAKER_VIEW = speakerViewScriptHash();
const PREPAINT = prepaintScriptHash();

/**
 * 'unsafe-inline' styles: reveal.js and xterm.js set element styles at run time. Scripts come
 * only from the server itself; the deck's JSON config is data, not script.
 */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'self'",
    // The speaker view (key s) runs reveal's own inline script in a popup, and a deck page the
    // one line that lets slide 1 show before reveal.js runs (site/prepaint.ts): each allowed by its hash.
    `script-src 'self' ${PREPAINT}${SPEAKER_VIEW ? ` ${SPEAKER_VIEW}` : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "frame-ancestors 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Sets the headers on a response. */
export function applySecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy());
  // frame-ancestors says the same; this is for browsers that predate CSP 2 (clickjacking the presenter).
  res.setHeader('X-Frame-Options', 'SAMEORIGIN');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}
