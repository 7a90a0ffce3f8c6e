// The driver of a demo that has both a live server and a recording: it feeds the terminal from
// one of them, reports what happens (a refusal, a failed step, the server gone and back, the
// key) to `decide` (choose-driver.ts's switchAfter) and moves to the source it answers, at the
// same step.
import type { StepOutcome } from '../../protocol/socket-events.ts';
import type { Source, SwitchTrigger } from './choose-driver.ts';
import { toDisposable, type Disposable } from './disposable.ts';
import {
  progressOf,
  type ActionResult,
  type DemoDriver,
  type DriverCapabilities,
  type DriverState,
  type OutputSink,
  type RunAllResult,
  type StepResult,
} from './driver.ts';
import type { ReplayDriver } from './replay-driver.ts';

export interface FallbackDriverOptions {
  readonly live: DemoDriver;
  readonly replay: ReplayDriver;
  readonly start: Source;
  /** Where to go after `trigger`, or null to stay. */
  readonly decide: (trigger: SwitchTrigger, current: Source) => Source | null;
  /** How long the server may be gone before `server-lost` is reported (ms). */
  readonly graceMs: number;
}

export interface FallbackDriver extends DemoDriver {
  /** Where the terminal is fed from now. */
  readonly source: Source;
  readonly disposed: boolean;
  /** Asks `decide` about `trigger` and switches if it says so. */
  switchFor(trigger: SwitchTrigger): void;
}

type Failed = { readonly ok: false; readonly error: { readonly code: string; readonly message: string } };

class SwitchingDriver implements FallbackDriver {
  private current: Source;
  private sink: OutputSink | null = null;
  private onState: ((state: DriverState) => void) | null = null;
  private liveAttachment: Disposable | null = null;
  private replayAttachment: Disposable | null = null;
  private lostTimer: ReturnType<typeof setTimeout> | null = null;
  /** The live step that failed last: the presenter's key resumes the recording there. */
  private failedStep: number | null = null;
  /** The presenter interrupted the step that runs: its non-zero exit is no failure. */
  private interrupted = false;
  private isDisposed = false;

  constructor(private readonly options: FallbackDriverOptions) {
    this.current = options.start;
  }

  get source(): Source {
    return this.current;
  }

  get disposed(): boolean {
    return this.isDisposed;
  }

  get can(): DriverCapabilities {
    return this.current.kind === 'live' ? this.options.live.can : this.options.replay.can;
  }

  get state(): DriverState {
    return this.current.kind === 'live' ? this.options.live.state : this.options.replay.state;
  }

  attach(onOutput: OutputSink, onState: (state: DriverState) => void): Disposable {
    if (this.sink) throw new Error('ptydeck: a demo is attached to two terminals at once');
    this.sink = onOutput;
    this.onState = onState;
    if (this.watchesLive()) this.attachLive();
    if (this.current.kind === 'recorded') this.attachReplay();
    return toDisposable(() => {
      this.detachAll();
      this.sink = null;
      this.onState = null;
    });
  }

  async step(): Promise<StepResult> {
    if (this.current.kind === 'recorded') return this.options.replay.step();
    this.interrupted = false;
    const result = await this.options.live.step();
    if (!result.ok) return this.refused(result) ? this.options.replay.step() : result;
    this.checkOutcomes([result.outcome]);
    return result;
  }

  async runAll(): Promise<RunAllResult> {
    if (this.current.kind === 'recorded') return this.options.replay.runAll();
    this.interrupted = false;
    const result = await this.options.live.runAll();
    if (!result.ok) return this.refused(result) ? this.options.replay.runAll() : result;
    this.checkOutcomes(result.outcomes);
    return result;
  }

  interrupt(): Promise<ActionResult> {
    if (this.current.kind === 'recorded') return this.options.replay.interrupt();
    this.interrupted = true;
    return this.options.live.interrupt();
  }

  reset(): Promise<ActionResult> {
    this.failedStep = null;
    return this.current.kind === 'live' ? this.options.live.reset() : this.options.replay.reset();
  }

  input(data: string): Promise<ActionResult> {
    return this.current.kind === 'live' ? this.options.live.input(data) : this.options.replay.input(data);
  }

  switchFor(trigger: SwitchTrigger): void {
    if (this.isDisposed) return;
    const next = this.options.decide(trigger, this.current);
    if (!next) return;
    const step = this.resumeStep(trigger);
    this.current = next;
    if (next.kind === 'recorded') this.toRecording(next.reason, step);
    else this.toLive();
  }

  dispose(): void {
    this.isDisposed = true;
    this.detachAll();
    this.options.live.dispose();
    this.options.replay.dispose();
  }

  /** Live stays attached while the server is gone, to hear it come back. */
  private watchesLive(): boolean {
    return this.current.kind === 'live' || this.current.cause === 'server-lost';
  }

  private attachLive(): void {
    this.liveAttachment = this.options.live.attach(
      // While the recording shows, live output goes nowhere (it is acknowledged all the same).
      (event, written) => (this.current.kind === 'live' && this.sink ? this.sink(event, written) : Promise.resolve()),
      (state) => this.onLiveState(state),
    );
  }

  private attachReplay(): void {
    this.replayAttachment = this.options.replay.attach(
      (event) => this.sink?.(event) ?? Promise.resolve(),
      (state) => this.current.kind === 'recorded' && this.onState?.(state),
    );
  }

  private onLiveState(state: DriverState): void {
    if (state.kind === 'offline' && this.current.kind === 'live') {
      this.lostTimer ??= setTimeout(() => {
        this.lostTimer = null;
        if (this.options.live.state.kind === 'offline') this.switchFor({ kind: 'server-lost', reason: state.reason });
      }, this.options.graceMs);
    } else if (state.kind === 'live') {
      this.clearLostTimer();
      // Not from inside the attachment's own report: switching re-attaches live.
      if (this.current.kind === 'recorded') queueMicrotask(() => this.switchFor({ kind: 'server-back' }));
    }
    if (this.current.kind === 'live') this.onState?.(state);
  }

  /** The step the recording resumes at: the failed one, else the one running, else the next. */
  private resumeStep(trigger: SwitchTrigger): number {
    if (trigger.kind === 'step-failed') return trigger.step;
    if (trigger.kind === 'presenter-key' && this.failedStep !== null) return this.failedStep;
    const progress = progressOf(this.options.live.state);
    return progress?.runningStep ?? progress?.nextStep ?? 0;
  }

  private toRecording(reason: string, step: number): void {
    this.options.replay.seek(step, reason);
    this.clearLostTimer();
    if (!this.sink) return; // not on screen: the next attach follows `current`
    if (!this.watchesLive()) {
      this.liveAttachment?.dispose();
      this.liveAttachment = null;
    }
    if (!this.replayAttachment) this.attachReplay();
  }

  private toLive(): void {
    this.failedStep = null;
    this.replayAttachment?.dispose();
    this.replayAttachment = null;
    if (!this.sink) return;
    // A fresh attach: the server's snapshot redraws the screen (earlier output went nowhere).
    this.liveAttachment?.dispose();
    this.attachLive();
  }

  /** Reports a live refusal; true when the recording now stands in (the action goes to it). */
  private refused(result: Failed): boolean {
    this.switchFor({ kind: 'live-refused', code: result.error.code, message: result.error.message });
    return this.current.kind === 'recorded';
  }

  private checkOutcomes(outcomes: readonly StepOutcome[]): void {
    if (this.interrupted) return;
    const failed = outcomes.find((o) => o.timedOut || (o.exitCode !== null && o.exitCode !== 0));
    this.failedStep = failed?.index ?? null;
    if (failed) this.switchFor({ kind: 'step-failed', step: failed.index, exitCode: failed.exitCode, timedOut: failed.timedOut });
  }

  private clearLostTimer(): void {
    if (this.lostTimer !== null) clearTimeout(this.lostTimer);
    this.lostTimer = null;
  }

  private detachAll(): void {
    this.clearLostTimer();
    this.liveAttachment?.dispose();
    this.replayAttachment?.dispose();
    this.liveAttachment = null;
    this.replayAttachment = null;
  }
}

/** A driver that starts from `options.start` and switches between live and the recording. */
export function createFallbackDriver(options: FallbackDriverOptions): FallbackDriver {
  return new SwitchingDriver(options);
}
