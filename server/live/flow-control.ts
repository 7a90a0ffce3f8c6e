// Flow control for one demo with many views: pause the pty while any view has too much
// unacknowledged output, resume once every view has caught up.
import { FLOW_CONTROL } from '../../protocol/socket-events.ts';

/** A view that has not acknowledged for this long is dropped from the accounting (ms). */
export const STALLED_VIEW_MS = 5_000;

/** Decides when output must pause; pure apart from the clock it is given. */
export class FlowControl {
  private readonly pending = new Map<string, { chars: number; lastAck: number }>();
  private paused = false;

  constructor(
    private readonly onPausedChange: (paused: boolean) => void,
    /** A view stopped acknowledging: the server drops it (it re-attaches with a fresh screen). */
    private readonly onStalled: (viewId: string) => void,
  ) {}

  /** A view starts receiving output. */
  addView(viewId: string, now: number): void {
    this.pending.set(viewId, { chars: 0, lastAck: now });
  }

  /** A view left: it no longer holds the demo back. */
  removeView(viewId: string): void {
    this.pending.delete(viewId);
    this.update(Date.now());
  }

  /** Output of `chars` characters went to every view. */
  sent(chars: number, now: number): void {
    for (const view of this.pending.values()) view.chars += chars;
    this.update(now);
  }

  /** A view wrote `chars` characters into its terminal. */
  acked(viewId: string, chars: number, now: number): void {
    const view = this.pending.get(viewId);
    if (!view || !Number.isFinite(chars) || chars <= 0) return;
    view.chars = Math.max(0, view.chars - chars);
    view.lastAck = now;
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
      if (view.chars > FLOW_CONTROL.highWatermark && now - view.lastAck > STALLED_VIEW_MS) {
        this.pending.delete(viewId);
        this.onStalled(viewId);
        continue;
      }
      worst = Math.max(worst, view.chars);
    }
    const paused = this.paused ? worst > FLOW_CONTROL.lowWatermark : worst > FLOW_CONTROL.highWatermark;
    if (paused !== this.paused) {
      this.paused = paused;
      this.onPausedChange(paused);
    }
  }
}
