// Finds an escape sequence that output stopped in the middle of: a pty hands out its output in
// chunks of any size, so a chunk may end in the middle of `ESC [ 3 1 m`.

/**
 * Longest unfinished sequence kept (characters). Colours and cursor moves are a dozen; an OSC
 * title or hyperlink a few hundred. Past this it is a runaway (or a clipboard paste through
 * OSC 52) and is let go: a late viewer may then print a few stray characters.
 */
export const MAX_UNFINISHED_ESCAPE = 4096;

/** CSI: parameters, intermediates, then a final byte. */
const FINISHED_CSI = /^\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]/;
/** ESC, intermediates, then a final byte (charset designations, DECSC, RIS, ST itself). */
const FINISHED_ESC = /^\x1b[\x20-\x2f]*[\x30-\x7e]/;
/** Sequences that run until BEL or ST (ESC \): OSC, DCS, SOS, PM, APC. */
const STRING_SEQUENCE = new Set([']', 'P', 'X', '^', '_']);

/**
 * The end of `text` from the start of an escape sequence it does not finish, or '' when it
 * ends outside one. Only the last ESC matters: a string sequence ended by ST has its last ESC
 * in the ST, which is itself finished.
 */
export function unfinishedEscape(text: string): string {
  const start = text.lastIndexOf('\x1b');
  if (start < 0) return '';
  const tail = text.slice(start);
  if (tail.length > MAX_UNFINISHED_ESCAPE) return '';
  if (tail.length === 1) return tail;
  const kind = tail[1]!;
  if (kind === '[') return FINISHED_CSI.test(tail) ? '' : tail;
  if (STRING_SEQUENCE.has(kind)) return tail.includes('\x07') ? '' : tail;
  return FINISHED_ESC.test(tail) ? '' : tail;
}
