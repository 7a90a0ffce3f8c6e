// One event's code and data → a typed event, an event to ignore, or why it is malformed.

import type { AsciicastEvent } from './types.ts';

export type EventDataResult =
  | { readonly kind: 'event'; readonly event: AsciicastEvent }
  /** A code this reader does not know: the specification says to ignore it. */
  | { readonly kind: 'unknown'; readonly code: string }
  | { readonly kind: 'invalid'; readonly reason: string };

const RESIZE_DATA = /^(\d+)x(\d+)$/;
const EXIT_DATA = /^-?\d+$/;

/** Types an event from its absolute time, code and data; never throws. */
export function parseEventData(time: number, code: unknown, data: unknown): EventDataResult {
  if (typeof code !== 'string' || code === '') {
    return { kind: 'invalid', reason: 'the event code is not a non-empty string' };
  }
  if (code !== 'o' && code !== 'i' && code !== 'm' && code !== 'r' && code !== 'x') {
    return { kind: 'unknown', code };
  }
  // asciinema writes the exit status as a string; accept a bare number too, as it is unambiguous.
  const text = code === 'x' && typeof data === 'number' ? String(data) : data;
  if (typeof text !== 'string') {
    return { kind: 'invalid', reason: `the data of a "${code}" event is not a string` };
  }
  switch (code) {
    case 'o':
    case 'i':
    case 'm':
      return { kind: 'event', event: { time, kind: code, data: text } };
    case 'r': {
      const size = RESIZE_DATA.exec(text);
      const cols = Number(size?.[1]);
      const rows = Number(size?.[2]);
      if (!size || cols === 0 || rows === 0) {
        return { kind: 'invalid', reason: `the resize data ${JSON.stringify(text)} is not "COLSxROWS"` };
      }
      return { kind: 'event', event: { time, kind: 'r', data: text, cols, rows } };
    }
    case 'x':
      if (!EXIT_DATA.test(text)) {
        return { kind: 'invalid', reason: `the exit status ${JSON.stringify(text)} is not an integer` };
      }
      return { kind: 'event', event: { time, kind: 'x', data: text, status: Number(text) } };
  }
}
