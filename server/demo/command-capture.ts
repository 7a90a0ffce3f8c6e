// Collects one typed command's output between the marks, and renders it as plain text.

import { plainText } from './plain-text.ts';

/** The most output kept for one command's result, in characters (the screen keeps the rest). */
export const COMMAND_OUTPUT_MAX_CHARS = 256 * 1024;

/** What the shell said about one command, fed piece by piece as marks and text arrive. */
export class CommandCapture {
  readonly startedAt = Date.now();
  /** The D mark's exit status, once it came. */
  exitCode: number | null = null;
  timedOut = false;
  private raw = '';
  private outputFrom: number | null = null;
  private finished = false;

  constructor(readonly command: string) {}

  /** Adds output text (until the D mark), keeping at most COMMAND_OUTPUT_MAX_CHARS, the tail. */
  appendText(text: string): void {
    if (this.finished) return;
    this.raw += text;
    const excess = this.raw.length - COMMAND_OUTPUT_MAX_CHARS;
    if (excess > 0) {
      this.raw = this.raw.slice(excess);
      if (this.outputFrom !== null) this.outputFrom = Math.max(0, this.outputFrom - excess);
    }
  }

  /** The C mark: what follows is the command's output, not the echo of what was typed. */
  markOutputStart(): void {
    if (!this.finished && this.outputFrom === null) this.outputFrom = this.raw.length;
  }

  /** The D mark: the command finished with this status; later text belongs to the prompt. */
  markFinished(exitCode: number | null): void {
    if (this.finished) return;
    this.exitCode = exitCode;
    this.finished = true;
  }

  /**
   * The command's own output: after the C mark when the shell sent one (bash's PS0); else
   * (sh, dash) everything after the prompt minus the echoed command lines.
   */
  output(): string {
    if (this.outputFrom !== null) return plainText(this.raw.slice(this.outputFrom));
    const echoed = this.command.split('\n').length;
    return plainText(this.raw).split('\n').slice(echoed).join('\n');
  }
}
