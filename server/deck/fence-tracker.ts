// Tracks whether a line is inside a fenced code block, by CommonMark's fence rules.

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** An open fence: its marker character, length and the line it opened on. */
export interface OpenFence {
  readonly char: string;
  readonly length: number;
  readonly line: number;
}

/** Feeds lines one at a time and says whether each is part of a code fence. */
export class FenceTracker {
  #open: OpenFence | null = null;

  /** The fence currently open, if any. */
  get open(): OpenFence | null {
    return this.#open;
  }

  /** Consumes a line; returns true when the line belongs to a fence (its markers included). */
  feed(line: string, lineNumber: number): boolean {
    const match = FENCE_OPEN.exec(line);
    if (this.#open) {
      if (match && match[1]![0] === this.#open.char && match[1]!.length >= this.#open.length && match[2]!.trim() === '') {
        this.#open = null;
      }
      return true;
    }
    if (match) {
      const marker = match[1]!;
      // A backtick fence's info string may not contain backticks (CommonMark 4.5).
      if (marker[0] === '`' && match[2]!.includes('`')) return false;
      this.#open = { char: marker[0]!, length: marker.length, line: lineNumber };
      return true;
    }
    return false;
  }

  /** Forgets an open fence (used to recover from an unclosed one). */
  reset(): void {
    this.#open = null;
  }
}
