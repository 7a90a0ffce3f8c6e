// A terminal of the test's own, as a deck page has one: @xterm/headless fed what a view receives,
// so two views' screens can be compared cell for cell.
import headless from '@xterm/headless';
import type { Terminal as HeadlessTerminal } from '@xterm/headless';

// A CommonJS bundle: Node's ESM loader offers only its default export.
const { Terminal } = headless;

/** A `demo:output` message's bytes as text: each message holds whole UTF-8 characters. */
export function outputText(data: Uint8Array | string): string {
  if (typeof data === 'string') return data;
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
}

export class ViewScreen {
  private readonly term: HeadlessTerminal;
  private written: Promise<void> = Promise.resolve();

  constructor(cols: number, rows: number, scrollback = 1_000) {
    this.term = new Terminal({ cols, rows, scrollback, allowProposedApi: true });
  }

  /** Writes output as a page's terminal would (parsed in order, asynchronously). */
  write(data: string | Uint8Array): void {
    this.written = new Promise((resolve) => this.term.write(data, resolve));
  }

  /** The visible rows (or all, scrollback included), trailing spaces trimmed, and the cursor, once all writes are parsed. */
  async contents(all = false): Promise<{ rows: string[]; cursor: [number, number]; cursorRow: number }> {
    await this.written;
    await new Promise<void>((resolve) => this.term.write('', resolve));
    const buffer = this.term.buffer.active;
    const rows: string[] = [];
    const [from, count] = all ? [0, buffer.length] : [buffer.viewportY, this.term.rows];
    for (let y = from; y < from + count; y++) rows.push(buffer.getLine(y)?.translateToString(true).trimEnd() ?? '');
    // cursorRow: the cursor's index in `rows`.
    return { rows, cursor: [buffer.cursorX, buffer.cursorY], cursorRow: buffer.baseY + buffer.cursorY - from };
  }

  dispose(): void {
    this.term.dispose();
  }
}
