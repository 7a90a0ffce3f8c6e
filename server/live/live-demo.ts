// One demo as its views see it: the server's session, the views attached to it, their flow
// control, and the events forwarded to them. Every view sees the same session.
import type { DemoSnapshot, DemoStatus } from '../../protocol/socket-events.ts';
import { fail, type Result } from '../demo/demo-result.ts';
import type { PtySession } from '../demo/pty-session.ts';
import { DisposableStore, toDisposable, type Disposable } from '../demo/disposable.ts';
import { FlowControl, INTERRUPT_ALLOWANCE, STALLED_VIEW_MS } from './flow-control.ts';
import { OutputBatch } from './output-batch.ts';
import { FRAME_ROOM, withFrameRoom } from '../../protocol/output-frame.ts';

/**
 * A step's `running` state goes to the views this long after the step's first output (ms). Sent
 * as the step was typed, its message and the view's read of it took the two cores while the
 * kernel echoed the command; sent with the echo, it delayed the echo's arrival. A millisecond
 * after, it is long past the echo, and a viewer sees no difference. Cross-process stage trace,
 * 8 rounds of 300 steps in turn with the code before it: first output from 0.03 ms later to
 * 0.10 ms sooner by round, 0.06 ms sooner at the median (with PtySession.step typing first).
 */
export const STATE_AFTER_OUTPUT_MS = 1;

/** The `running` state's latest moment when the step shows no output (its echo turned off), in ms. */
export const STATE_WITHOUT_OUTPUT_MS = 20;

/** How often stalled views are looked for while output is paused (ms): a tenth of the stall time. */
const STALL_CHECK_MS = STALLED_VIEW_MS / 10;

/**
 * Output up to this size that is all ASCII goes to the views as a string (see 'demo:output').
 * Chosen when bytes took socket.io's two frames, the second a loop turn later: an echo's way to
 * the page got 0.06 ms shorter at p50 (bench stage trace). Bytes now take one frame too
 * (protocol/output-frame.ts), and the string still does no worse: ptydeck − ttyd at p50 was
 * +0.03 to +0.08 ms as a string, +0.06 to +0.09 as bytes (quick demos bench, 3 runs each, in turn).
 */
export const TEXT_OUTPUT_MAX_BYTES = 1024;

/** `text` as UTF-8 (`size` bytes), with room in front for its frame's header (see withFrameRoom). */
function outputBytes(text: string, size: number): Uint8Array {
  const storage = Buffer.allocUnsafeSlow(FRAME_ROOM + size);
  storage.write(text, FRAME_ROOM);
  return withFrameRoom(storage);
}

/** What the hub needs from a view: an id, and a way to send it events or drop it. */
export interface View {
  readonly id: string;
  /**
   * One batch of output as UTF-8, the same buffer for every view: do not change it. Short ASCII
   * output comes as a string (see TEXT_OUTPUT_MAX_BYTES); either way its length is its size in bytes.
   */
  output(data: Uint8Array | string, seq: number): void;
  /** Drop the output up to `seq` not yet written (see 'demo:discard'). */
  discard(seq: number): void;
  state(snapshot: DemoSnapshot): void;
  drop(reason: string): void;
}

interface Attached {
  readonly view: View;
  /** Output that followed the view's snapshot, held until it has the snapshot; null once streaming. */
  queued: Array<[data: Uint8Array | string, seq: number]> | null;
}

export class LiveDemo {
  private readonly store = new DisposableStore();
  private readonly views = new Map<string, Attached>();
  private readonly flow: FlowControl;
  private readonly batch: OutputBatch;
  private stallTimer: NodeJS.Timeout | null = null;
  private stateTimer: NodeJS.Timeout | null = null;
  /** The state waits for the next output to be sent (see STATE_AFTER_OUTPUT_MS). */
  private stateAwaitsOutput = false;
  private seq = 0;
  private lastExit: number | null = null;
  private lastTimedOut = false;
  private message: string | null = null;

  constructor(readonly session: PtySession) {
    this.flow = new FlowControl(
      (paused) => {
        session.setOutputPaused(paused);
        this.watchForStalls(paused);
      },
      (viewId) => this.drop(viewId, 'the view stopped acknowledging output'),
    );
    this.store.add(toDisposable(() => this.watchForStalls(false)));
    this.store.add(toDisposable(() => this.stateTimer && clearTimeout(this.stateTimer)));
    this.batch = new OutputBatch((text) => {
      // Encoded once for all views; a batch holds whole characters (node-pty decodes UTF-8
      // across its reads), so every message is valid UTF-8 on its own.
      const size = Buffer.byteLength(text);
      const data = size === text.length && size <= TEXT_OUTPUT_MAX_BYTES ? text : outputBytes(text, size);
      this.seq++;
      for (const { view, queued } of this.views.values()) {
        if (queued) queued.push([data, this.seq]);
        else view.output(data, this.seq);
      }
      this.flow.sent(size, Date.now());
      if (this.stateAwaitsOutput) this.broadcastIn(STATE_AFTER_OUTPUT_MS);
    });
    this.store.add(toDisposable(() => this.batch.dispose()));
    this.store.add(session.on('output:data', (data) => this.batch.push(data)));
    this.store.add(
      session.on('step:finished', (result) => {
        // The step's reply and state follow its output on the socket: send what is held first.
        this.batch.flush();
        this.lastExit = result.exitCode;
        this.lastTimedOut = result.timedOut;
        this.broadcastState();
      }),
    );
    this.store.add(
      session.on('state:changed', ({ state }) => {
        this.batch.flush();
        if (state === 'resetting' || state === 'starting') {
          this.lastExit = null;
          this.lastTimedOut = false;
          this.message = null;
        }
        // A new shell must show its prompt even while a view lags, or it never becomes ready.
        if (state === 'starting') this.flow.allow(INTERRUPT_ALLOWANCE, Date.now());
        // A step starts: its echo goes first, the views hear of it after (see STATE_AFTER_OUTPUT_MS).
        if (state === 'running') {
          this.batch.answerNext();
          this.broadcastIn(STATE_WITHOUT_OUTPUT_MS);
          this.stateAwaitsOutput = true;
        } else {
          this.broadcastState();
        }
      }),
    );
  }

  get viewCount(): number {
    return this.views.size;
  }

  /**
   * Adds a view and returns the snapshot it starts from (the current screen). Output that
   * follows the snapshot is held for the view until stream(): send the snapshot first, so a
   * view never receives output before the screen it belongs after.
   */
  async attach(view: View): Promise<DemoSnapshot> {
    // Held output is already on the screen: send it to the views that have it not, before the
    // new view joins. Register in the same tick as the snapshot is taken, so no output falls
    // between the two.
    this.batch.flush();
    const screen = this.session.snapshot();
    this.views.set(view.id, { view, queued: [] });
    this.flow.addView(view.id, Date.now());
    return this.snapshot(await screen);
  }

  /** Sends a view the output that followed its snapshot, and streams to it from now on. */
  stream(viewId: string): void {
    const attached = this.views.get(viewId);
    if (!attached?.queued) return;
    const queued = attached.queued;
    attached.queued = null;
    for (const [data, seq] of queued) attached.view.output(data, seq);
  }

  detach(viewId: string): void {
    this.views.delete(viewId);
    this.flow.removeView(viewId);
  }

  acked(viewId: string, bytes: number): void {
    this.flow.acked(viewId, bytes, Date.now());
  }

  /** Keystrokes of an interactive demo: their echo goes out at once (see OutputBatch.answerNext). */
  input(data: string): Result {
    const written = this.session.write(data);
    if (written.ok) this.batch.answerNext();
    return written;
  }

  /** Ctrl-C, and enough output read past a lagging view for the step to end (see INTERRUPT_ALLOWANCE). */
  interrupt(): Result {
    // A shell that has not shown its first prompt has not set up its signals yet: Ctrl-C would
    // kill it, and the start (or the reset) fail for no reason the presenter could see.
    if (this.session.state === 'starting') return fail('busy', 'the demo is starting: nothing to interrupt yet');
    const done = this.session.interrupt();
    if (!done.ok) return done;
    this.flow.allow(INTERRUPT_ALLOWANCE, Date.now());
    this.discardUnsent();
    return done;
  }

  /**
   * Ctrl-C flushes the output queue, as a terminal's does: drops the batch not sent yet and the
   * output held for views still attaching, and tells the streaming views to drop what they
   * have not written. The screen keeps it all: a late view gets the server's screen.
   */
  private discardUnsent(): void {
    this.batch.discard();
    const now = Date.now();
    for (const [viewId, attached] of this.views) {
      if (attached.queued) {
        const bytes = attached.queued.reduce((sum, [data]) => sum + data.length, 0);
        attached.queued = [];
        this.flow.acked(viewId, bytes, now);
      } else {
        attached.view.discard(this.seq);
      }
    }
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

  /** Broadcasts the state in `ms`, unless broadcast before. */
  private broadcastIn(ms: number): void {
    if (this.stateTimer) clearTimeout(this.stateTimer);
    this.stateAwaitsOutput = false;
    this.stateTimer = setTimeout(() => this.broadcastState(), ms);
  }

  private broadcastState(): void {
    if (this.stateTimer) clearTimeout(this.stateTimer);
    this.stateTimer = null;
    this.stateAwaitsOutput = false;
    const snapshot = this.snapshot();
    for (const { view } of this.views.values()) view.state(snapshot);
  }

  /** Forgets a view and tells its owner to drop it (flow control has already let it go). */
  private drop(viewId: string, reason: string): void {
    const attached = this.views.get(viewId);
    this.views.delete(viewId);
    attached?.view.drop(reason);
  }

  /** While paused no output flows, so nothing else would notice a view that stopped acknowledging. */
  private watchForStalls(paused: boolean): void {
    if (paused && !this.stallTimer) {
      this.stallTimer = setInterval(() => this.flow.check(Date.now()), STALL_CHECK_MS);
    } else if (!paused && this.stallTimer) {
      clearInterval(this.stallTimer);
      this.stallTimer = null;
    }
  }

  /** Ties another resource to this demo's lifetime (a rehearsal recorder). */
  adopt(resource: Disposable): void {
    this.store.add(resource);
  }

  dispose(): void {
    this.store.dispose();
    this.views.clear();
  }
}
