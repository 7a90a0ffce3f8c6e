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
  /**
   * Text kept, oldest first, in the pieces it came in: appending to one string and cutting its
   * head copied the whole tail for every pty read (gigabytes over a 100 MB flood).
   */
  private parts: string[] = [];
  private kept = 0;
  /** Characters appended so far, dropped ones included: offsets below count from the start. */
  private appended = 0;
  private outputFrom: number | null = null;
  private finished = false;

  constructor(readonly command: string) {}

  /** Adds output text (until the D mark), keeping at most COMMAND_OUTPUT_MAX_CHARS, the tail. */
  appendText(text: string): void {
    if (this.finished || text.length === 0) return;
    this.parts.push(text);
    this.kept += text.length;
    this.appended += text.length;
    while (this.parts.length > 1 && this.kept - this.parts[0]!.length >= COMMAND_OUTPUT_MAX_CHARS) this.kept -= this.parts.shift()!.length;
  }

  /** The last COMMAND_OUTPUT_MAX_CHARS characters, and the offset of the first of them. */
  private raw(): { text: string; start: number } {
    const joined = this.parts.join('');
    const text = joined.length > COMMAND_OUTPUT_MAX_CHARS ? joined.slice(joined.length - COMMAND_OUTPUT_MAX_CHARS) : joined;
    return { text, start: this.appended - text.length };
  }

  /** The C mark: what follows is the command's output, not the echo of what was typed. */
  markOutputStart(): void {
    if (!this.finished && this.outputFrom === null) this.outputFrom = this.appended;
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
    const raw = this.raw();
    if (this.outputFrom !== null) return plainText(raw.text.slice(Math.max(0, this.outputFrom - raw.start)));
    const echoed = this.command.split('\n').length;
    return plainText(raw.text).split('\n').slice(echoed).join('\n');
  }
}
