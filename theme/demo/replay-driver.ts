// The replay driver: a demo fed by its recording, paced by the presenter as live is. Next plays
// up to the next marker with the recorded timing (long pauses capped); the screen after any
// step is drawn at once when the terminal is mounted, reset or sought.
import type { ScreenSnapshot } from '../../protocol/asciicast/screen-snapshot.ts';
import type { AsciicastRecording } from '../../protocol/asciicast/types.ts';
import type { StepOutcome } from '../../protocol/socket-events.ts';
import { toDisposable, type Disposable } from './disposable.ts';
import {
  capabilities,
  failure,
  unsupported,
  type ActionResult,
  type DemoDriver,
  type DemoProgress,
  type DriverState,
  type OutputSink,
  type RunAllResult,
  type StepResult,
} from './driver.ts';
import { Playback, type PlaybackEnd } from './replay-playback.ts';
import { createTimeline, DEFAULT_PACING, type ReplayPacing, type ReplayTimeline } from './replay-timeline.ts';
import { writePieces } from './replay-writes.ts';

export interface ReplayDriverOptions {
  readonly recording: AsciicastRecording;
  /** Why the recording may not show what the demo runs now, or null when it is fresh. */
  readonly stale: string | null;
  /** Why this demo replays (no server, offline, …): the badge's tooltip says it. */
  readonly reason: string;
  readonly pacing?: ReplayPacing;
  /** Screens drawn ahead at some markers (EmbeddedRecording.snapshots): seeking writes less. */
  readonly snapshots?: readonly ScreenSnapshot[];
}

export interface ReplayDriver extends DemoDriver {
  /** Steps in the recording. */
  readonly steps: number;
  /**
   * Shows the screen after `done` steps at once, stopping any playback: the next step() plays
   * step `done`. `reason` replaces why the demo replays (a live failure, the server gone).
   */
  seek(done: number, reason?: string): void;
}

interface Playing {
  readonly index: number;
  readonly playback: Playback;
  readonly result: Promise<{ outcome: StepOutcome; end: PlaybackEnd }>;
}

class RecordingDriver implements ReplayDriver {
  readonly can = capabilities({ screen: true, step: true, runAll: true, interrupt: true, reset: true });
  private readonly timeline: ReplayTimeline;
  private reason: string;
  private nextStep = 0;
  private lastExit: number | null = null;
  private playing: Playing | null = null;
  /** Bumped by reset and seek: what was playing before no longer moves the position. */
  private generation = 0;
  /** The screen is not the one after `nextStep` steps (a step was interrupted): redraw first. */
  private redraw = false;
  private sink: OutputSink | null = null;
  private onState: ((state: DriverState) => void) | null = null;

  constructor(private readonly options: ReplayDriverOptions) {
    this.timeline = createTimeline(options.recording, options.pacing ?? DEFAULT_PACING, options.snapshots);
    this.reason = options.reason;
  }

  get steps(): number {
    return this.timeline.steps;
  }

  get state(): DriverState {
    const { steps } = this.timeline;
    const progress: DemoProgress = {
      status: this.playing ? 'running' : this.nextStep >= steps ? 'finished' : 'ready',
      nextStep: this.nextStep,
      steps,
      runningStep: this.playing?.index ?? null,
      lastExit: this.lastExit,
      lastTimedOut: false,
      message: [this.reason, `${this.nextStep} of ${steps} recorded steps played`, this.options.stale && `Stale: ${this.options.stale}`]
        .filter(Boolean)
        .join(' · '),
    };
    return { kind: 'recorded', progress };
  }

  attach(onOutput: OutputSink, onState: (state: DriverState) => void): Disposable {
    if (this.sink) throw new Error('ptydeck: a recording is attached to two terminals at once');
    this.sink = onOutput;
    this.onState = onState;
    onState(this.state);
    this.drawScreen();
    return toDisposable(() => {
      // Leaving the slide ends the step: coming back shows the screen after it.
      this.playing?.playback.stop();
      this.sink = null;
      this.onState = null;
    });
  }

  /** Plays the next step; during a step, writes the rest of it at once instead. */
  async step(): Promise<StepResult> {
    if (this.playing) {
      this.playing.playback.finish();
      return { ok: true, outcome: (await this.playing.result).outcome };
    }
    if (this.nextStep >= this.timeline.steps) return failure('no-more-steps', `all ${this.timeline.steps} recorded steps have played`);
    return { ok: true, outcome: (await this.play(this.nextStep)).outcome };
  }

  async runAll(): Promise<RunAllResult> {
    if (this.playing) return failure('busy', 'a recorded step is still playing');
    const generation = this.generation;
    const outcomes: StepOutcome[] = [];
    while (this.nextStep < this.timeline.steps && generation === this.generation) {
      const { outcome, end } = await this.play(this.nextStep);
      outcomes.push(outcome);
      if (end === 'stopped') break;
    }
    return { ok: true, outcomes };
  }

  async interrupt(): Promise<ActionResult> {
    const playing = this.playing;
    playing?.playback.stop();
    if (playing) await playing.result;
    return { ok: true };
  }

  reset(): Promise<ActionResult> {
    this.seek(0);
    return Promise.resolve({ ok: true });
  }

  input(): Promise<ActionResult> {
    return Promise.resolve(unsupported('take typing (it is a recording)'));
  }

  seek(done: number, reason?: string): void {
    this.generation += 1;
    this.playing?.playback.stop();
    this.playing = null;
    this.nextStep = Math.min(Math.max(0, Math.trunc(done)), this.timeline.steps);
    this.lastExit = this.nextStep > 0 ? this.timeline.exitOf(this.nextStep - 1) : null;
    if (reason !== undefined) this.reason = reason;
    this.drawScreen();
    this.report();
  }

  dispose(): void {
    this.generation += 1;
    this.playing?.playback.stop();
    this.playing = null;
    this.sink = null;
    this.onState = null;
  }

  /** Plays step `index` into the terminal; with none attached, the position moves on at once. */
  private play(index: number): Promise<{ outcome: StepOutcome; end: PlaybackEnd }> {
    const sink = this.sink;
    const generation = this.generation;
    if (this.redraw && sink) void writePieces(sink, 'screen', this.timeline.screenAt(index));
    this.redraw = false;
    const chunks = sink ? this.timeline.chunksOf(index) : [];
    const playback = new Playback(chunks, (data) => (sink ? writePieces(sink, 'data', data) : Promise.resolve()));
    const result = playback.done.then((end) => {
      const exitCode = this.timeline.exitOf(index);
      const outcome: StepOutcome = { index, exitCode, timedOut: false, output: this.timeline.outputOf(index) };
      if (generation === this.generation) {
        this.playing = null;
        this.nextStep = index + 1;
        if (exitCode !== null) this.lastExit = exitCode;
        // An interrupted step stops where it is; the next one starts from the right screen.
        if (end === 'stopped') this.redraw = true;
        this.report();
      }
      return { outcome, end };
    });
    this.playing = { index, playback, result };
    this.report();
    return result;
  }

  private drawScreen(): void {
    this.redraw = false;
    if (this.sink) void writePieces(this.sink, 'screen', this.timeline.screenAt(this.nextStep));
  }

  private report(): void {
    this.onState?.(this.state);
  }
}

/** A driver that replays `options.recording`. */
export function createReplayDriver(options: ReplayDriverOptions): ReplayDriver {
  return new RecordingDriver(options);
}
