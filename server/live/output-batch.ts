// Coalesces a demo's pty output into fewer, larger socket messages: node-pty delivers a flood
// as thousands of small reads, and each socket.io message costs a frame, a JSON encode and a
// write into the view's terminal.

/**
 * Largest batch (characters): a message this size is one ~1 ms xterm.js write, and well under
 * the flow-control window, so a batch never holds the pty back by itself.
 */
export const MAX_BATCH_CHARS = 64 * 1024;

/** Joins output until the event loop has run its pending I/O (setImmediate), or the batch is full. */
export class OutputBatch {
  private parts: string[] = [];
  private chars = 0;
  private timer: NodeJS.Immediate | null = null;

  constructor(private readonly send: (data: string) => void) {}

  push(data: string): void {
    this.parts.push(data);
    this.chars += data.length;
    if (this.chars >= MAX_BATCH_CHARS) this.flush();
    else this.timer ??= setImmediate(() => this.flush());
  }

  /** Sends what is held now: before anything that must follow the output (a reply, a snapshot). */
  flush(): void {
    if (this.timer) clearImmediate(this.timer);
    this.timer = null;
    if (this.chars === 0) return;
    const data = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [];
    this.chars = 0;
    this.send(data);
  }

  dispose(): void {
    if (this.timer) clearImmediate(this.timer);
    this.timer = null;
    this.parts = [];
    this.chars = 0;
  }
}
