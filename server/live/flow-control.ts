// Flow control for one demo with many views: pause the pty while any view has too much
// unacknowledged output, resume once every view has caught up.
import { FLOW_CONTROL } from '../../protocol/socket-events.ts';

/** A view that has not acknowledged for this long is dropped from the accounting (ms). */
export const STALLED_VIEW_MS = 5_000;

/**
 * Output an interrupt or a reset may send past the high watermark (bytes). While paused,
 * the kernel's pty buffer (64 KB) and node-pty's stream buffer (64 KB) hold output nobody has
 * read, and one output batch (64 KB, output-batch.ts) may be held; the prompt that ends the
 * step comes after it. Reading that much more lets Ctrl-C end the step and a reset start its
 * new shell even while a view lags, and stays bounded. Not tied to the window: every character
 * allowed is one more the screen draws after Ctrl-C.
 */
export const INTERRUPT_ALLOWANCE = 256 * 1024;

/** Decides when output must pause; pure apart from the clock it is given. */
export class FlowControl {
  private readonly pending = new Map<string, { bytes: number; lastAck: number }>();
  private paused = false;
  /** Unacknowledged output allowed past the high watermark, granted by allow(). */
  private extra = 0;
  private worst = 0;

  constructor(
    private readonly onPausedChange: (paused: boolean) => void,
    /** A view stopped acknowledging: the server drops it (it re-attaches with a fresh screen). */
    private readonly onStalled: (viewId: string) => void,
  ) {}

  /** A view starts receiving output. */
  addView(viewId: string, now: number): void {
    this.pending.set(viewId, { bytes: 0, lastAck: now });
  }

  /** A view left: it no longer holds the demo back. */
  removeView(viewId: string): void {
    this.pending.delete(viewId);
    this.update(Date.now());
  }

  /** Output of `bytes` bytes went to every view. */
  sent(bytes: number, now: number): void {
    for (const view of this.pending.values()) view.bytes += bytes;
    this.update(now);
  }

  /** A view wrote `bytes` bytes into its terminal. */
  acked(viewId: string, bytes: number, now: number): void {
    const view = this.pending.get(viewId);
    if (!view || !Number.isFinite(bytes) || bytes <= 0) return;
    view.bytes = Math.max(0, view.bytes - bytes);
    view.lastAck = now;
    this.update(now);
  }

  /**
   * Lets `bytes` more bytes through even if a view lags (see INTERRUPT_ALLOWANCE); the
   * allowance ends once every view has caught up.
   */
  allow(bytes: number, now: number): void {
    this.extra = Math.max(0, this.worst - FLOW_CONTROL.highWatermark) + bytes;
    this.update(now);
  }

  /**
   * Looks for stalled views again. Output stops while paused, so nothing else would: the owner
   * calls this on a timer while paused, or a frozen view would hold the demo paused for good.
   */
  check(now: number): void {
    this.update(now);
  }

  get isPaused(): boolean {
    return this.paused;
  }

  private update(now: number): void {
    let worst = 0;
    for (const [viewId, view] of this.pending) {
      // A view that stopped acknowledging (a frozen tab) must not stop the talk, nor make the
      // server buffer output for it without end.
      if (view.bytes > FLOW_CONTROL.highWatermark && now - view.lastAck > STALLED_VIEW_MS) {
        this.pending.delete(viewId);
        this.onStalled(viewId);
        continue;
      }
      worst = Math.max(worst, view.bytes);
    }
    this.worst = worst;
    if (worst <= FLOW_CONTROL.lowWatermark) this.extra = 0;
    const ceiling = FLOW_CONTROL.highWatermark + this.extra;
    // Paused: above the ceiling; or, once paused without an allowance, until below the low watermark.
    const paused = worst > ceiling || (this.paused && this.extra === 0 && worst > FLOW_CONTROL.lowWatermark);
    if (paused !== this.paused) {
      this.paused = paused;
      this.onPausedChange(paused);
    }
  }
}
