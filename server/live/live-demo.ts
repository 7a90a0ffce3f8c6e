// One demo as its views see it: the server's session, the views attached to it, their flow
// control, and the events forwarded to them. Every view sees the same session.
import type { DemoSnapshot, DemoStatus } from '../../protocol/socket-events.ts';
import type { PtySession } from '../demo/pty-session.ts';
import { DisposableStore } from '../demo/disposable.ts';
import { FlowControl } from './flow-control.ts';

/** What the hub needs from a view: an id, and a way to send it events or drop it. */
export interface View {
  readonly id: string;
  output(data: string, seq: number): void;
  state(snapshot: DemoSnapshot): void;
  drop(reason: string): void;
}

export class LiveDemo {
  private readonly store = new DisposableStore();
  private readonly views = new Map<string, View>();
  private readonly flow: FlowControl;
  private seq = 0;
  private lastExit: number | null = null;
  private lastTimedOut = false;
  private message: string | null = null;

  constructor(readonly session: PtySession) {
    this.flow = new FlowControl(
      (paused) => session.setOutputPaused(paused),
      (viewId) => this.views.get(viewId)?.drop('the view stopped acknowledging output'),
    );
    this.store.add(
      session.on('output:data', (data) => {
        this.seq++;
        for (const view of this.views.values()) view.output(data, this.seq);
        this.flow.sent(data.length, Date.now());
      }),
    );
    this.store.add(
      session.on('step:finished', (result) => {
        this.lastExit = result.exitCode;
        this.lastTimedOut = result.timedOut;
        this.broadcastState();
      }),
    );
    this.store.add(
      session.on('state:changed', ({ state }) => {
        if (state === 'resetting' || state === 'starting') {
          this.lastExit = null;
          this.lastTimedOut = false;
          this.message = null;
        }
        this.broadcastState();
      }),
    );
  }

  get viewCount(): number {
    return this.views.size;
  }

  /** Adds a view and returns the snapshot it starts from (the current screen). */
  async attach(view: View): Promise<DemoSnapshot> {
    // Register before awaiting the screen so no output falls between snapshot and stream.
    const screen = this.session.snapshot();
    this.views.set(view.id, view);
    this.flow.addView(view.id, Date.now());
    return this.snapshot(await screen);
  }

  detach(viewId: string): void {
    this.views.delete(viewId);
    this.flow.removeView(viewId);
  }

  acked(viewId: string, chars: number): void {
    this.flow.acked(viewId, chars, Date.now());
  }

  /** Remembers why the demo failed, for views that attach later. */
  failed(message: string): void {
    this.message = message;
    this.broadcastState();
  }

  snapshot(screen = ''): DemoSnapshot {
    const entry = this.session.entry;
    return {
      deck: entry.deck,
      id: entry.id,
      status: this.session.state as DemoStatus,
      nextStep: this.session.nextStep,
      steps: entry.steps.length,
      lastExit: this.lastExit,
      lastTimedOut: this.lastTimedOut,
      interactive: entry.options.interactive,
      screen,
      message: this.message,
    };
  }

  private broadcastState(): void {
    const snapshot = this.snapshot();
    for (const view of this.views.values()) view.state(snapshot);
  }

  dispose(): void {
    this.store.dispose();
    this.views.clear();
  }
}
