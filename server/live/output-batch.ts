// Coalesces a demo's pty output into fewer, larger socket messages: node-pty delivers a flood
// as thousands of small reads (4 KB each, one per event-loop turn), and each socket.io message
// costs a frame, a JSON encode, a writev on the server (its largest cost in a flood) and a
// write into the view's terminal.

/**
 * Largest batch (characters): a message this size is one ~1 ms xterm.js write, and well under
 * the flow-control window, so a batch never holds the pty back by itself.
 */
export const MAX_BATCH_CHARS = 64 * 1024;

/**
 * Output after this long without any (ms) goes out at once: the echo of a typed step is alone
 * and waited for, and joining it with nothing only delays it. A flood's reads come closer.
 */
export const QUIET_OUTPUT_MS = 2;

/**
 * How long output that keeps coming is held to be joined (ms). Reads of a flood come one per
 * event-loop turn, so joining a turn's reads (setImmediate) sent 4 KB messages. A fast flood
 * (`cat`) fills a batch (MAX_BATCH_CHARS) sooner than this; a slow one of short lines (`yes`:
 * 2 KB reads at ~5 MB/s, the pty's own pace) went out in ~20 KB messages when held 4 ms, and
 * each message costs the page a WebSocket event (two then, socket.io's frames, before output
 * frames) and an xterm.js write. Held 8 ms, `yes` rose from 0.81 to 0.99 of term.write direct
 * (8 rounds of 15 MB in turn, headless Chromium), `cat` stayed where it was (0.72 against 0.71,
 * 10 rounds of 40 MB), and 16 ms did no better (0.93). Half a frame: a viewer sees no difference.
 */
export const BATCH_HOLD_MS = 8;

/**
 * Sends the first output after a quiet spell at once; joins what follows for BATCH_HOLD_MS,
 * or until the batch is full.
 */
export class OutputBatch {
  private parts: string[] = [];
  private chars = 0;
  private timer: NodeJS.Timeout | null = null;
  private lastPush = -Infinity;

  constructor(private readonly send: (data: string) => void) {}

  push(data: string): void {
    const now = performance.now();
    const quiet = this.chars === 0 && now - this.lastPush >= QUIET_OUTPUT_MS;
    this.lastPush = now;
    if (quiet) return this.send(data);
    this.parts.push(data);
    this.chars += data.length;
    if (this.chars >= MAX_BATCH_CHARS) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), BATCH_HOLD_MS);
  }

  /**
   * Input was just written to the pty (a step typed, a key pressed): what is held goes now, and
   * the next output, its echo, goes at once however recent the last was. Without this, a step
   * typed within QUIET_OUTPUT_MS of the prompt before it (a fast client) had its echo held
   * BATCH_HOLD_MS: the bench's p99 first-output latency was those 4 ms.
   */
  answerNext(): void {
    this.flush();
    this.lastPush = -Infinity;
  }

  /**
   * Drops what is held, unsent (Ctrl-C: a terminal flushes its output queue); returns how many
   * characters were dropped.
   */
  discard(): number {
    const dropped = this.chars;
    this.dispose();
    return dropped;
  }

  /** Sends what is held now: before anything that must follow the output (a reply, a snapshot). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.chars === 0) return;
    const data = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [];
    this.chars = 0;
    this.send(data);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.parts = [];
    this.chars = 0;
  }
}
