// The server's copy of a demo's screen: a headless xterm fed the same bytes every viewer gets.

import headless from '@xterm/headless';
import type { Terminal as HeadlessTerminal } from '@xterm/headless';
import serialize from '@xterm/addon-serialize';
import type { Disposable } from './disposable.ts';
import { unfinishedEscape } from './unfinished-escape.ts';

// Both packages are CommonJS bundles without named-export hints, so Node's ESM loader only
// offers their default export.
const { Terminal } = headless;
const { SerializeAddon } = serialize;

/**
 * Lines kept above the visible screen, for a late viewer's scrollback. A demo shows a slide's
 * worth (18 rows by default); 1000 lines covers a chatty step without holding megabytes.
 */
export const SCREEN_SCROLLBACK_LINES = 1_000;

/**
 * Output is parsed when the screen is read (a late viewer, a step's end), not as it arrives:
 * xterm.js headless parses ~25 MB/s, so a flood parsed on arrival takes a core from the socket
 * and the pty. Only output that may query the terminal (MAY_REPLY) is parsed without being
 * asked, once it has been quiet this long (ms): the program waits for the reply, so it is
 * quiet, and gets it this late. Parsing every quiet spell parsed whole floods after all: flow
 * control pauses a flood for longer than this whenever a view lags.
 */
export const SCREEN_IDLE_PARSE_MS = 15;

/**
 * Unparsed output kept (characters). A flood past this keeps only its tail, cut at a line
 * start: a megabyte of text holds far more than the screen and its 1000 lines of scrollback
 * (80 KB of plain text), so the late viewer's screen is the same; what is lost is a mode set
 * in the skipped middle (rare in a flood).
 */
export const SCREEN_BACKLOG_CHARS = 1024 * 1024;

/**
 * Output xterm.js may answer (it writes a reply to the shell while parsing it): a CSI whose
 * final byte is a query's (DA `c`, DSR `n`, window reports `t`, DECRQM `$p`, XTVERSION `q`,
 * `u`), any DCS (DECRQSS), an OSC asking with `?` (colours), and the 8-bit C1 forms. Broad on
 * purpose: a false match costs one timer tick before the next step is typed, a miss a reply
 * read as typing.
 */
const MAY_REPLY = /\x1b\[[\x20-\x3f]*[cnqtpu]|\x1bP|\x1b\][^\x07\x1b]*\?|[\x90\x9b\x9d]/;
/** Characters of the previous write kept to find a query split between two writes. */
const QUERY_TAIL_CHARS = 64;

/**
 * Whether `text` holds a character every MAY_REPLY match starts with. A flood's plain text has
 * none, and V8 searches a string for one character with memchr: four searches of a 6 KB read
 * take 0.3 µs, the expression 8 µs (with lastIndexOf, a fifth of the server's main-thread time in
 * a `cat` flood's profile).
 */
function mayStartQuery(text: string, hasEscape = text.includes('\x1b')): boolean {
  return hasEscape || text.includes('\x9b') || text.includes('\x90') || text.includes('\x9d');
}

/**
 * Whether `data`, following `tail` (the end of the write before it), may make xterm.js reply.
 * Tests the seam and `data` apart: `tail + data` would copy every chunk of a flood once more.
 */
function mayReply(tail: string, data: string, dataHasEscape = data.includes('\x1b')): boolean {
  return (mayStartQuery(tail) && MAY_REPLY.test(tail + data.slice(0, QUERY_TAIL_CHARS))) || (mayStartQuery(data, dataHasEscape) && MAY_REPLY.test(data));
}

/** A headless terminal of a fixed size that can be serialized for a late viewer. */
export class Screen implements Disposable {
  private readonly term: HeadlessTerminal;
  private readonly serializer = new SerializeAddon();
  /** The escape sequence the output written so far ends inside of, if any. */
  private unfinished = '';
  /** Output not parsed yet, oldest first (see SCREEN_IDLE_PARSE_MS). */
  private backlog: string[] = [];
  private backlogChars = 0;
  /** Some write in the backlog may make xterm.js reply (see MAY_REPLY): flushed() must parse it. */
  private backlogMayReply = false;
  /** The backlog's head was dropped: it starts mid-line, maybe mid-sequence. */
  private trimmed = false;
  private lastWrite = 0;
  /** Writes handed to xterm.js and not parsed yet. */
  private parsing = 0;
  /** Of those, the writes that may make xterm.js reply to the shell (see MAY_REPLY). */
  private replying = 0;
  /** The end of the last write handed to xterm.js (see QUERY_TAIL_CHARS). */
  private handedTail = '';
  /** The end of the last write received (see QUERY_TAIL_CHARS). */
  private writtenTail = '';
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(cols: number, rows: number) {
    this.term = new Terminal({ cols, rows, scrollback: SCREEN_SCROLLBACK_LINES, allowProposedApi: true });
    // The addon's typings name @xterm/xterm's Terminal; the headless one has the same API.
    this.term.loadAddon(this.serializer as unknown as Parameters<HeadlessTerminal['loadAddon']>[0]);
  }

  /** Feeds output to the screen (parsed when the screen is read, or when quiet after a query). */
  write(data: string): void {
    // Only the last ESC matters (see unfinishedEscape): look at `data` alone when it has one.
    // indexOf first: it is fast where lastIndexOf walks every character of plain text.
    const hasEscape = data.includes('\x1b');
    const escape = hasEscape ? data.lastIndexOf('\x1b') : -1;
    this.unfinished = escape >= 0 ? unfinishedEscape(data.slice(escape)) : this.unfinished && unfinishedEscape(this.unfinished + data);
    this.backlog.push(data);
    this.backlogChars += data.length;
    // Drop whole chunks from the front (cheap); the cut is moved to a line start when parsed.
    while (this.backlog.length > 1 && this.backlogChars - this.backlog[0]!.length >= SCREEN_BACKLOG_CHARS) {
      this.backlogChars -= this.backlog.shift()!.length;
      this.trimmed = true;
    }
    this.lastWrite = performance.now();
    const query = mayReply(this.writtenTail, data, hasEscape);
    this.writtenTail = data.slice(-QUERY_TAIL_CHARS);
    if (!query) return;
    this.backlogMayReply = true;
    this.idleTimer ??= setTimeout(() => this.parseWhenIdle(), SCREEN_IDLE_PARSE_MS);
  }

  /**
   * Subscribes to the terminal's own replies to queries (cursor position, device attributes):
   * the server answers them once, so viewers' terminals must not.
   */
  onReply(listener: (data: string) => void): Disposable {
    return this.term.onData(listener);
  }

  /**
   * Resolves once every reply the output written so far makes the terminal send has been sent.
   * Output without a query resolves at once: waiting for xterm.js to parse it (a write callback
   * comes after a timer: xterm.js schedules its writes with setTimeout) cost every step more
   * than a millisecond before its command was typed, for a reply that was never coming. Nor is
   * such output handed to xterm.js here: its parse ran on that timer, a millisecond after the
   * step was typed, just as the echo came back, and the echo waited for it (a stage trace of
   * 600 steps through the server: first-output p50 0.65 → 0.52 ms). It is parsed when the
   * screen is read, like a flood.
   */
  flushed(): Promise<void> {
    if (this.settledNow()) return Promise.resolve();
    return new Promise((resolve) => this.term.write('', resolve));
  }

  /** Whether flushed() would resolve at once: no write handed to xterm.js may still make it reply. */
  settledNow(): boolean {
    if (this.backlogMayReply) this.parseBacklog();
    return this.replying === 0;
  }

  /** Resolves once everything written so far has been parsed. */
  private parsed(): Promise<void> {
    this.parseBacklog();
    // Nothing in the parser: resolve now (an empty write's callback waits for a timer).
    if (this.parsing === 0) return Promise.resolve();
    return new Promise((resolve) => this.term.write('', resolve));
  }

  /**
   * The screen as escape sequences (scrollback, colours, cursor), as of this call: writing it
   * into a fresh terminal of the same size reproduces the screen. Output emitted after the call
   * is not in it, so a viewer that subscribes in the same tick misses nothing and sees nothing
   * twice.
   */
  snapshot(): Promise<string> {
    // Output may have stopped inside an escape sequence, which a serialized screen cannot
    // hold: the view gets its beginning after the screen, and the rest with the stream.
    const unfinished = this.unfinished;
    this.parseBacklog();
    // Serialize inside the write callback: xterm.js parses on past it in the same run (more
    // chunks, up to 12 ms), before an awaiting caller would resume, and the snapshot would
    // then hold output that its viewer also receives as stream.
    return new Promise((resolve) => this.term.write('', () => resolve(this.serializer.serialize() + unfinished)));
  }

  /** The visible rows as plain text, trailing spaces trimmed, trailing empty rows dropped. */
  async text(): Promise<string> {
    await this.parsed();
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < this.term.rows; y++) {
      lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true).trimEnd() ?? '');
    }
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines.join('\n');
  }

  /** Clears everything, as a fresh terminal (used when a session starts over). */
  reset(): void {
    this.unfinished = '';
    this.backlog = [];
    this.backlogChars = 0;
    this.backlogMayReply = false;
    this.trimmed = false;
    this.handedTail = '';
    this.writtenTail = '';
    this.term.reset();
  }

  dispose(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.backlog = [];
    this.term.dispose();
  }

  private parseWhenIdle(): void {
    const quietFor = performance.now() - this.lastWrite;
    if (quietFor < SCREEN_IDLE_PARSE_MS) {
      this.idleTimer = setTimeout(() => this.parseWhenIdle(), SCREEN_IDLE_PARSE_MS - quietFor);
      return;
    }
    this.idleTimer = null;
    this.parseBacklog();
  }

  /** Hands the backlog to xterm.js, which parses it in order (in slices, between other work). */
  private parseBacklog(): void {
    if (this.backlogChars === 0) return;
    let data = this.backlog.join('');
    if (this.trimmed) {
      const line = data.indexOf('\n');
      if (line >= 0) data = data.slice(line + 1);
      this.trimmed = false;
    }
    this.backlog = [];
    this.backlogChars = 0;
    this.backlogMayReply = false;
    const query = mayReply(this.handedTail, data);
    this.handedTail = data.slice(-QUERY_TAIL_CHARS);
    this.parsing++;
    if (query) this.replying++;
    this.term.write(data, () => {
      this.parsing--;
      if (query) this.replying--;
    });
  }
}
