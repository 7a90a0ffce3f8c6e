// One running demo: a marked shell in a pty, its screen, its steps in order, and its teardown.

import { randomBytes } from 'node:crypto';
import type { DemoEntry } from '../../protocol/demo-manifest.ts';
import { DemoRun } from './demo-run.ts';
import { fail, type DemoError, type Result, type StepResult, type TeardownReport } from './demo-result.ts';
import type { Disposable } from './disposable.ts';
import { Emitter, type EventSource } from './emitter.ts';
import { INTERRUPT_GRACE_MS, SIGNAL_EXIT_BASE } from './marked-shell.ts';
import { requirementChecker, type RequirementChecker } from './requirements.ts';
import { runRemainingSteps } from './run-all.ts';
import { Screen } from './screen.ts';
import { whyNotRunning, type SessionEvents, type SessionState } from './session-events.ts';
import { preflight } from './session-preflight.ts';
import { EMPTY_TEARDOWN } from './teardown.ts';
import { RESET_SCREEN, terminalMessage } from './terminal-text.ts';
import { whyConfirmNext } from './unexpected-step.ts';

/** What a session needs: the manifest entry it runs, and where relative cwds start. */
export interface PtySessionOptions {
  readonly entry: DemoEntry;
  readonly projectRoot: string;
  /** Defaults to the process-wide cached checker. */
  readonly requirements?: RequirementChecker;
  /** Settles when a previous session of the same demo has torn down: start waits for it. */
  readonly startAfter?: Promise<unknown>;
}

/** A demo session: steps typed into one shell, state carried from step to step. */
export class PtySession implements EventSource<SessionEvents> {
  readonly entry: DemoEntry;
  /** Random tag carried by every process of this session (see process-tree.ts). */
  readonly id = randomBytes(8).toString('hex');
  private readonly events = new Emitter<SessionEvents>();
  private readonly screen: Screen;
  private current: SessionState = 'idle';
  private next = 0;
  private run: DemoRun | null = null;
  private lastEnd: Promise<TeardownReport> = Promise.resolve(EMPTY_TEARDOWN);
  /** Bumped by reset and dispose: work started under an older generation is cancelled. */
  private generation = 0;
  private starting: Promise<Result> | null = null;
  private resetting: Promise<Result<{ teardown: TeardownReport }>> | null = null;
  private disposing: Promise<TeardownReport> | null = null;
  private outputPaused = false;
  /** The presenter sent Ctrl-C while the current step ran. */
  private interruptedStep = false;
  /** Why the next step waits for the presenter to ask again (see unexpected-step.ts), or null. */
  private confirmNext: string | null = null;

  constructor(private readonly options: PtySessionOptions) {
    this.entry = options.entry;
    this.screen = new Screen(this.entry.options.cols, this.entry.options.rows);
  }

  get state(): SessionState {
    return this.current;
  }

  /** Whether the next step() will be refused once, for the presenter to confirm by asking again. */
  get needsConfirmation(): boolean {
    return this.confirmNext !== null;
  }

  /** Index of the step step() runs next (equals steps.length once all ran). */
  get nextStep(): number {
    return this.next;
  }

  /** The top shell's pid while one runs (it leads the session's process group). */
  get shellPid(): number | null {
    return this.run?.shell.pid ?? null;
  }

  on<K extends keyof SessionEvents>(name: K, listener: (payload: SessionEvents[K]) => void): Disposable {
    return this.events.on(name, listener);
  }

  /** The screen as escape sequences, as of this call: what a late viewer writes first. */
  snapshot(): Promise<string> {
    return this.screen.snapshot();
  }

  /** The visible screen as plain text, trailing spaces trimmed. */
  text(): Promise<string> {
    return this.screen.text();
  }

  /**
   * Checks requirements, starts the shell and runs the setup steps. A missing requirement or a
   * failing setup step is written into the terminal and returned; nothing throws.
   */
  start(): Promise<Result> {
    if (this.disposing) return Promise.resolve(fail('not-running', 'the demo session is disposed'));
    if (this.current !== 'idle' && !this.starting) return Promise.resolve({ ok: true });
    this.starting ??= this.launch(this.generation).finally(() => (this.starting = null));
    return this.starting;
  }

  /** Runs the next step and resolves with its result (exit code, output, timedOut). */
  async step(): Promise<Result<{ result: StepResult }>> {
    if (this.resetting) await this.resetting;
    if (this.current === 'idle' || this.starting) {
      const started = await this.start();
      if (!started.ok) return started;
    }
    if (this.current === 'running') return fail('busy', 'a step is still running');
    const run = this.run;
    if (this.current !== 'ready' || !run) return fail('not-running', whyNotRunning(this.current));
    const steps = this.entry.steps;
    const index = this.next;
    const step = steps[index];
    if (!step) return fail('no-more-steps', `all ${steps.length} steps have run`);
    if (this.confirmNext !== null) {
      // Refused once: asking again is the presenter's confirmation that the shell is fit.
      const why = this.confirmNext;
      this.confirmNext = null;
      this.output(terminalMessage(why));
      return fail('confirm-next', why);
    }
    const generation = this.generation;
    // At a prompt with nothing owed to the shell, the command is typed in this call, and the
    // state, its listeners and the step's bookkeeping follow: the echo is a kernel round trip
    // away, and they took half of the time from a step's request to its command being typed
    // (bench stage trace: 28–57 µs, now 17–32). All in one synchronous run: nothing comes between.
    const typing = run.typeNow(step.command);
    this.setState('running'); // before any await: a second step() meanwhile is refused as busy
    if (!typing) {
      const ready = await run.shell.whenReady(INTERRUPT_GRACE_MS);
      if (generation !== this.generation) return fail('cancelled', 'the demo was reset');
      if (!ready) {
        if (run.shell.hasExited) {
          // It died while the step waited for its prompt (onShellExit leaves exits during a step
          // to step()): end the run, as after a step the shell did not survive, and say so.
          await this.finishRun();
          return fail('not-running', "the demo's shell exited before the step could be typed: reset starts it again");
        }
        this.setState('ready');
        return fail('busy', 'the shell is not at a prompt (a command is still running): interrupt or reset');
      }
    }
    this.next = index + 1;
    this.interruptedStep = false;
    this.events.emit('step:started', { index, command: step.command });
    const outcome = await (typing ?? run.type(step.command));
    if (generation !== this.generation) return fail('cancelled', 'the demo was reset while the step ran');
    const result: StepResult = { index, command: step.command, ...outcome };
    this.confirmNext = index + 1 < steps.length ? whyConfirmNext(result, this.interruptedStep) : null;
    this.events.emit('step:finished', result);
    if (outcome.shellExited && (outcome.exitCode ?? 0) > SIGNAL_EXIT_BASE) {
      // Killed from outside (kill -9, the OOM killer): say so, or the slide just stops.
      this.output(terminalMessage(`the demo's shell was killed (exit ${outcome.exitCode}): reset starts it again`));
    }
    const last = this.next >= steps.length && !this.entry.options.interactive;
    if (outcome.shellExited || last) await this.finishRun();
    else this.setState('ready');
    return { ok: true, result };
  }

  /** Runs the remaining steps in order, on through non-zero exits, stopping at a time-out. */
  runAll(): Promise<Result<{ results: StepResult[] }>> {
    return runRemainingSteps(this);
  }

  /** Sends Ctrl-C to whatever runs in the shell. */
  interrupt(): Result {
    const shell = this.run?.shell;
    if (!shell || shell.hasExited) return fail('not-running', 'no shell is running');
    if (this.current === 'running') this.interruptedStep = true;
    shell.interrupt();
    return { ok: true };
  }

  /** Flow control from the views: stop reading the demo's output, or read it again. */
  setOutputPaused(paused: boolean): void {
    if (paused === this.outputPaused) return;
    this.outputPaused = paused;
    const shell = this.run?.shell;
    if (!shell || shell.hasExited) return;
    if (paused) shell.pause();
    else shell.resume();
  }

  /** Types raw input into the shell: for demos marked interactive only. */
  write(data: string): Result {
    if (!this.entry.options.interactive) {
      return fail('not-interactive', `demo "${this.entry.id}" is not interactive: only its steps run`);
    }
    const shell = this.run?.shell;
    if (!shell || shell.hasExited) return fail('not-running', 'no shell is running');
    shell.write(data);
    return { ok: true };
  }

  /**
   * Kills every process of the demo, runs teardown in a fresh shell, clears the screen and
   * starts again from step 0. Resolves with the teardown report once the new shell is ready.
   */
  reset(): Promise<Result<{ teardown: TeardownReport }>> {
    if (this.disposing) return Promise.resolve(fail('not-running', 'the demo session is disposed'));
    this.resetting ??= this.doReset().finally(() => (this.resetting = null));
    return this.resetting;
  }

  /** Ends the session for good: kills everything and always runs teardown. Never throws. */
  dispose(): Promise<TeardownReport> {
    this.disposing ??= (async () => {
      this.generation++;
      const report = await this.endRun();
      this.setState('disposed');
      this.screen.dispose();
      this.events.clear();
      return report;
    })();
    return this.disposing;
  }

  private async doReset(): Promise<Result<{ teardown: TeardownReport }>> {
    this.generation++;
    this.setState('resetting');
    const teardown = await this.endRun();
    if (this.starting) await this.starting; // a start cut short by this reset: let it unwind
    if (this.disposing) return fail('cancelled', 'the demo session was disposed');
    this.output(RESET_SCREEN);
    this.next = 0;
    this.confirmNext = null;
    this.setState('idle');
    const started = await this.start();
    return started.ok ? { ok: true, teardown } : started;
  }

  private async launch(generation: number): Promise<Result> {
    this.setState('starting');
    const cancelled = (): boolean => generation !== this.generation;
    const { projectRoot, requirements = requirementChecker, startAfter } = this.options;
    await startAfter;
    const checked = await preflight(this.entry, projectRoot, requirements);
    if (cancelled()) return fail('cancelled', 'the demo was reset while starting');
    if (!checked.ok) return this.startFailed(checked.error);
    const opened = DemoRun.open(this.entry, checked.cwd, this.id, {
      output: (data) => this.output(data),
      onReply: (listener) => this.screen.onReply(listener),
      settled: () => this.screen.flushed(),
      settledNow: () => this.screen.settledNow(),
      onExit: (run) => void this.onShellExit(run),
      onTeardown: (report) => this.events.emit('teardown:finished', report),
    });
    if (!opened.ok) return this.startFailed(opened.error);
    this.run = opened.run;
    if (this.outputPaused) opened.run.shell.pause();
    const prepared = await opened.run.prepare(cancelled);
    if (cancelled()) return fail('cancelled', 'the demo was reset while starting');
    if (!prepared.ok) return this.startFailed(prepared.error);
    this.setState('ready');
    return { ok: true };
  }

  private async startFailed(error: DemoError): Promise<Result> {
    this.output(terminalMessage(error.message));
    await this.endRun();
    this.setState('failed');
    return fail(error.code, error.message);
  }

  private async onShellExit(run: DemoRun): Promise<void> {
    // Exits during a step are handled by step(); ours (kill) by endRun. This is the rest:
    // the presenter typed `exit` in an interactive demo, or something killed the shell.
    if (this.run === run && this.current === 'ready') await this.finishRun();
  }

  private async finishRun(): Promise<void> {
    await this.endRun();
    if (this.current === 'ready' || this.current === 'running') this.setState('finished');
  }

  /** Ends the current run (kill, then teardown once); a session without one has nothing to do. */
  private endRun(): Promise<TeardownReport> {
    const run = this.run;
    this.run = null;
    if (run) this.lastEnd = run.end();
    return this.lastEnd; // without a run: the one ending (or ended) last, so callers wait for it
  }

  private output(data: string): void {
    // Views first: the screen's bookkeeping need not delay the echo a presenter waits for. Both
    // happen in this one call, so a snapshot taken between them cannot exist.
    this.events.emit('output:data', data);
    this.screen.write(data);
  }

  private setState(state: SessionState): void {
    const previous = this.current;
    if (previous === state || previous === 'disposed') return;
    this.current = state;
    this.events.emit('state:changed', { state, previous });
  }
}
