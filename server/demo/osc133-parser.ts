// Finds OSC 133 shell-integration marks in a terminal output stream, across chunk boundaries.

import { MARK_NONCE_KEY } from './shell-env.ts';

/** One OSC 133 mark, as emitted by a shell with prompt marks armed. */
export type Osc133Mark =
  /** `ESC ] 133 ; A`: a prompt starts (the previous command, if any, has finished). */
  | { readonly kind: 'prompt-start' }
  /** `ESC ] 133 ; B`: the prompt ends; what follows is typed input. */
  | { readonly kind: 'prompt-end' }
  /** `ESC ] 133 ; C`: the command was accepted; what follows is its output. */
  | { readonly kind: 'output-start' }
  /** `ESC ] 133 ; D [; exit]`: the command finished, with its exit status when the shell says. */
  | { readonly kind: 'command-finished'; readonly exitCode: number | null };

/** A run of ordinary output, or a mark, in stream order. */
export type Osc133Piece =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'mark'; readonly mark: Osc133Mark };

const PREFIX = '\x1b]133;';
const NONCE_KEY = MARK_NONCE_KEY;
const BEL = '\x07';
const ESC = '\x1b';

/**
 * The longest unterminated `ESC ] 133 ;` sequence held back waiting for its terminator, in
 * characters. Real marks are under 64; past this it is not one of ours, and holding more would
 * let a stray prefix swallow the stream.
 */
export const OSC133_MAX_PENDING_CHARS = 512;

/**
 * Parses the body between `133;` and the terminator into a mark, or null for other letters.
 * With a `nonce`, an A, B or D mark counts only when one of its parameters is
 * `ptydeck=<nonce>` (see MARK_NONCE_KEY in shell-env.ts): anything else is a program's
 * forgery, and null. C only says where output starts, and is taken as it comes.
 */
export function parseOsc133Body(body: string, nonce = ''): Osc133Mark | null {
  const [letter, first, ...rest] = body.split(';');
  if (nonce && letter !== 'C' && first !== `${NONCE_KEY}=${nonce}` && !rest.includes(`${NONCE_KEY}=${nonce}`)) return null;
  switch (letter) {
    case 'A':
      return { kind: 'prompt-start' };
    case 'B':
      return { kind: 'prompt-end' };
    case 'C':
      return { kind: 'output-start' };
    case 'D':
      return {
        kind: 'command-finished',
        exitCode: first !== undefined && /^-?\d+$/.test(first) ? Number(first) : null,
      };
    default:
      return null;
  }
}

/**
 * A stateful splitter: feed it output chunks as they arrive, get back text and marks in order.
 * A mark split over two chunks is held back until complete. Marks are removed from the text;
 * other escape sequences pass through untouched. (7-bit sequences only: bash, dash and
 * busybox emit ESC ] … BEL, and C1 controls would collide with UTF-8 text.)
 */
export class Osc133Parser {
  private pending = '';

  /** `nonce`: the shell's own (see parseOsc133Body); empty accepts every mark. */
  constructor(private readonly nonce = '') {}

  /** Splits one chunk; a trailing partial mark is kept for the next call. */
  push(chunk: string): Osc133Piece[] {
    const data = this.pending + chunk;
    this.pending = '';
    const pieces: Osc133Piece[] = [];
    let textStart = 0;
    let i = 0;
    const emitText = (end: number): void => {
      if (end > textStart) pushText(pieces, data.slice(textStart, end));
    };
    while (i < data.length) {
      const esc = data.indexOf(ESC, i);
      if (esc < 0) break;
      const rest = data.length - esc;
      if (rest < PREFIX.length) {
        if (PREFIX.startsWith(data.slice(esc))) {
          emitText(esc);
          this.pending = data.slice(esc);
          return pieces;
        }
        i = esc + 1;
        continue;
      }
      if (!data.startsWith(PREFIX, esc)) {
        i = esc + 1;
        continue;
      }
      const end = findTerminator(data, esc + PREFIX.length, esc + OSC133_MAX_PENDING_CHARS);
      if (end.kind === 'incomplete') {
        emitText(esc);
        this.pending = data.slice(esc);
        return pieces;
      }
      if (end.kind === 'too-long') {
        i = esc + 1; // not one of ours: let it through as text
        continue;
      }
      emitText(esc);
      if (end.kind === 'complete') {
        const mark = parseOsc133Body(data.slice(esc + PREFIX.length, end.bodyEnd), this.nonce);
        if (mark) pieces.push({ type: 'mark', mark });
      }
      // An aborted sequence (ESC before the terminator) is dropped, as a terminal would.
      textStart = i = end.next;
    }
    emitText(data.length);
    return pieces;
  }

  /** Returns whatever partial sequence is held back, as text (call at end of stream). */
  flush(): Osc133Piece[] {
    const rest = this.pending;
    this.pending = '';
    return rest ? [{ type: 'text', text: rest }] : [];
  }
}

type Terminator =
  | { kind: 'complete'; bodyEnd: number; next: number }
  | { kind: 'aborted'; next: number }
  | { kind: 'incomplete' }
  | { kind: 'too-long' };

function findTerminator(data: string, from: number, limit: number): Terminator {
  for (let j = from; j < data.length; j++) {
    if (j >= limit) return { kind: 'too-long' };
    const ch = data[j];
    if (ch === BEL) return { kind: 'complete', bodyEnd: j, next: j + 1 };
    if (ch === ESC) {
      if (j + 1 >= data.length) return { kind: 'incomplete' };
      if (data[j + 1] === '\\') return { kind: 'complete', bodyEnd: j, next: j + 2 };
      return { kind: 'aborted', next: j };
    }
  }
  return { kind: 'incomplete' };
}

function pushText(pieces: Osc133Piece[], text: string): void {
  const last = pieces[pieces.length - 1];
  if (last?.type === 'text') pieces[pieces.length - 1] = { type: 'text', text: last.text + text };
  else pieces.push({ type: 'text', text });
}
