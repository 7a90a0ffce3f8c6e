// A stand-in for the live driver: the test sets its state and the server's replies, and sees
// what it was asked, with no server at all.
import type { Ack, StepOutcome } from '../../protocol/socket-events.ts';
import { toDisposable, type Disposable } from '../../theme/demo/disposable.ts';
import { capabilities, type DemoDriver, type DemoProgress, type DriverState, type OutputSink } from '../../theme/demo/driver.ts';

export const liveProgress = (fields: Partial<DemoProgress> = {}): DemoProgress => ({
  status: 'ready',
  nextStep: 0,
  steps: 2,
  runningStep: null,
  lastExit: null,
  lastTimedOut: false,
  message: null,
  ...fields,
});

export class FakeLiveDriver implements DemoDriver {
  readonly can = capabilities({ screen: true, step: true, runAll: true, interrupt: true, reset: true });
  state: DriverState = { kind: 'live', progress: liveProgress() };
  /** Replies to the next step() calls, in order. */
  readonly stepReplies: Array<Ack<{ outcome: StepOutcome }>> = [];
  attaches = 0;
  private sink: OutputSink | null = null;
  private onState: ((state: DriverState) => void) | null = null;

  attach(onOutput: OutputSink, onState: (state: DriverState) => void): Disposable {
    this.attaches += 1;
    this.sink = onOutput;
    this.onState = onState;
    onState(this.state);
    if (this.state.kind === 'live') void onOutput({ kind: 'screen', data: 'LIVE$ ' });
    return toDisposable(() => {
      this.sink = null;
      this.onState = null;
    });
  }

  get attached(): boolean {
    return this.sink !== null;
  }

  /** Changes state as the server (or the connection) would, and reports it. */
  set(state: DriverState): void {
    this.state = state;
    this.onState?.(state);
  }

  /** Output from the server. */
  output(data: string): Promise<void> {
    return this.sink?.({ kind: 'data', data }) ?? Promise.resolve();
  }

  step = () => Promise.resolve(this.stepReplies.shift() ?? { ok: false as const, error: { code: 'no-reply', message: 'no reply set' } });
  runAll = () => Promise.resolve({ ok: true as const, outcomes: [] });
  interrupt = () => Promise.resolve({ ok: true as const });
  reset = () => Promise.resolve({ ok: true as const });
  input = () => Promise.resolve({ ok: true as const });
  dispose(): void {
    this.sink = null;
  }
}

export const outcome = (index: number, exitCode: number | null, timedOut = false): StepOutcome => ({ index, exitCode, timedOut, output: '' });
