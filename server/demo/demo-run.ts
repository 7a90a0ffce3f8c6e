// One run of a demo: a shell from start to kill, its setup steps, and the teardown that ends it.

import type { DemoEntry } from '../../protocol/demo-manifest.ts';
import { fail, type CommandOutcome, type Result, type TeardownReport } from './demo-result.ts';
import { DisposableStore, type Disposable } from './disposable.ts';
import { INTERRUPT_GRACE_MS, MarkedShell, SHELL_START_TIMEOUT_MS } from './marked-shell.ts';
import { CLEAR_SCREEN_COMMAND } from './terminal-text.ts';
import { runTeardown } from './teardown.ts';

/** Where a run's output goes and where terminal replies come from (the session's screen). */
export interface RunWiring {
  readonly output: (data: string) => void;
  readonly onReply: (listener: (reply: string) => void) => Disposable;
  /** Resolves once the screen has parsed all output so far, so its replies have been sent. */
  readonly settled: () => Promise<void>;
  /** Whether settled() would resolve at once (no reply can still be owed). */
  readonly settledNow: () => boolean;
  readonly onExit: (run: DemoRun) => void;
  readonly onTeardown: (report: TeardownReport) => void;
}

/**
 * Owns one shell from spawn to kill. Teardown is due from the moment the shell exists (a
 * half-done setup leaves things behind too) and runs exactly once, in end().
 */
export class DemoRun {
  private readonly store = new DisposableStore();
  private ended: Promise<TeardownReport> | null = null;

  /** Spawns the shell and wires it to the screen; the shell may not be at a prompt yet. */
  static open(entry: DemoEntry, cwd: string, sessionId: string, wiring: RunWiring): Result<{ run: DemoRun }> {
    const { cols, rows } = entry.options;
    const spawned = MarkedShell.spawn({ cols, rows, cwd, sessionId });
    return spawned.ok ? { ok: true, run: new DemoRun(spawned.shell, entry, cwd, sessionId, wiring) } : spawned;
  }

  private constructor(
    readonly shell: MarkedShell,
    private readonly entry: DemoEntry,
    private readonly cwd: string,
    private readonly sessionId: string,
    private readonly wiring: RunWiring,
  ) {
    this.store.add(shell.onOutput(wiring.output));
    this.store.add(wiring.onReply((reply) => shell.write(reply)));
    this.store.add(shell.onExit(() => wiring.onExit(this)));
  }

  /** Per-step time-out in ms, from the entry's `timeout` seconds. */
  get stepTimeoutMs(): number {
    return this.entry.options.timeout * 1000;
  }

  /**
   * Types a command at the prompt. Waits for the screen first: a prompt may query the terminal
   * (busybox ash asks for the cursor position), and the reply must reach the shell before the
   * command does, or the next reader takes it for typed input.
   */
  async type(command: string): Promise<CommandOutcome> {
    await this.wiring.settled();
    // Ctrl-C or an exit may have come while the output settled: wait for the redrawn prompt.
    if (!(await this.shell.whenReady(INTERRUPT_GRACE_MS))) {
      return { exitCode: null, timedOut: false, shellExited: this.shell.hasExited, output: '', durationMs: 0 };
    }
    return this.shell.run(command, this.stepTimeoutMs);
  }

  /**
   * Types `command` in this call when nothing need be waited for (the shell at a prompt, no
   * reply owed to it), and returns its outcome to come; null when type() must wait first.
   */
  typeNow(command: string): Promise<CommandOutcome> | null {
    return this.shell.atPrompt && this.wiring.settledNow() ? this.shell.run(command, this.stepTimeoutMs) : null;
  }

  /**
   * Waits for the first prompt, then runs the hidden setup steps and clears the screen.
   * `cancelled()` is asked after each wait: a reset or dispose meanwhile stops it.
   */
  async prepare(cancelled: () => boolean): Promise<Result> {
    if (!(await this.shell.whenReady(SHELL_START_TIMEOUT_MS)) && !cancelled()) {
      return fail('start-timeout', `the shell showed no prompt within ${SHELL_START_TIMEOUT_MS} ms`);
    }
    const setup = this.entry.setup;
    for (const command of setup.length > 0 ? [...setup, CLEAR_SCREEN_COMMAND] : []) {
      if (cancelled()) break;
      const outcome = await this.type(command);
      if (cancelled()) break;
      if (outcome.exitCode !== 0 || outcome.timedOut || !(await this.shell.whenReady(INTERRUPT_GRACE_MS))) {
        const why = outcome.timedOut ? 'timed out' : `exited ${outcome.exitCode ?? 'without a status'}`;
        return fail('setup-failed', `setup step \`${command}\` ${why}`);
      }
    }
    return cancelled() ? fail('cancelled', 'the demo was reset while starting') : { ok: true };
  }

  /** Kills the shell and everything it started, then runs teardown; once, however often called. */
  end(): Promise<TeardownReport> {
    this.ended ??= (async () => {
      this.store.dispose();
      await this.shell.kill();
      this.shell.dispose();
      const report = await runTeardown(this.entry.teardown, {
        cols: this.entry.options.cols,
        rows: this.entry.options.rows,
        cwd: this.cwd,
        sessionId: this.sessionId,
        stepTimeoutMs: this.stepTimeoutMs,
      });
      this.wiring.onTeardown(report);
      return report;
    })();
    return this.ended;
  }
}
