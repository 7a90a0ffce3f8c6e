// Flow-control accounting for one attached demo: counts bytes the terminal has written
// and says when to acknowledge them, so the server can pause a pty that outruns the view.
import { FLOW_CONTROL } from '../../protocol/socket-events.ts';

/** What to do after a chunk was written. */
export type AckDecision =
  /** Acknowledge `bytes` now: enough are pending. */
  | { readonly kind: 'ack'; readonly bytes: number }
  /** Nothing more is being written: acknowledge what is pending soon (see flush). */
  | { readonly kind: 'idle' }
  /** More chunks are on their way into the terminal: wait for them. */
  | { readonly kind: 'wait' };

export class AckCounter {
  /** Chunks handed to the terminal and not yet written. */
  private writing = 0;
  /** Characters written and not yet acknowledged. */
  private pending = 0;

  constructor(private readonly every: number = FLOW_CONTROL.ackEvery) {}

  /** A chunk was handed to the terminal. */
  queued(): void {
    this.writing += 1;
  }

  /** A chunk of `bytes` bytes was written (its write callback ran). */
  written(bytes: number): AckDecision {
    this.writing = Math.max(0, this.writing - 1);
    this.pending += bytes;
    if (this.pending >= this.every) return { kind: 'ack', bytes: this.take() };
    return this.writing === 0 && this.pending > 0 ? { kind: 'idle' } : { kind: 'wait' };
  }

  /**
   * `chunks` queued chunks of `bytes` bytes were dropped unwritten (Ctrl-C, see
   * 'demo:discard'): they count as written, and everything pending is acknowledged now, so the
   * server's window opens at once. Returns the bytes to acknowledge (0: none).
   */
  dropped(chunks: number, bytes: number): number {
    this.writing = Math.max(0, this.writing - chunks);
    this.pending += bytes;
    return this.take();
  }

  /** Characters to acknowledge now that the view is idle (0: none). */
  flush(): number {
    return this.take();
  }

  /** Forgets everything: a new connection starts its count afresh. */
  reset(): void {
    this.writing = 0;
    this.pending = 0;
  }

  private take(): number {
    const bytes = this.pending;
    this.pending = 0;
    return bytes;
  }
}
