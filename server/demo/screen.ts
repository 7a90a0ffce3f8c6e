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

/** A headless terminal of a fixed size that can be serialized for a late viewer. */
export class Screen implements Disposable {
  private readonly term: HeadlessTerminal;
  private readonly serializer = new SerializeAddon();
  /** The escape sequence the output written so far ends inside of, if any. */
  private unfinished = '';

  constructor(cols: number, rows: number) {
    this.term = new Terminal({ cols, rows, scrollback: SCREEN_SCROLLBACK_LINES, allowProposedApi: true });
    // The addon's typings name @xterm/xterm's Terminal; the headless one has the same API.
    this.term.loadAddon(this.serializer as unknown as Parameters<HeadlessTerminal['loadAddon']>[0]);
  }

  /** Feeds output to the screen (parsed asynchronously, in order). */
  write(data: string): void {
    this.unfinished = unfinishedEscape(this.unfinished + data);
    this.term.write(data);
  }

  /**
   * Subscribes to the terminal's own replies to queries (cursor position, device attributes):
   * the server answers them once, so viewers' terminals must not.
   */
  onReply(listener: (data: string) => void): Disposable {
    return this.term.onData(listener);
  }

  /** Resolves once everything written so far has been parsed. */
  flushed(): Promise<void> {
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
    // Serialize inside the write callback: xterm.js parses on past it in the same run (more
    // chunks, up to 12 ms), before an awaiting caller would resume, and the snapshot would
    // then hold output that its viewer also receives as stream.
    return new Promise((resolve) => this.term.write('', () => resolve(this.serializer.serialize() + unfinished)));
  }

  /** The visible rows as plain text, trailing spaces trimmed, trailing empty rows dropped. */
  async text(): Promise<string> {
    await this.flushed();
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
    this.term.reset();
  }

  dispose(): void {
    this.term.dispose();
  }
}
