// One bash in a pty with OSC 133 marks armed: types commands and learns from the marks when each ends.

import { spawn, type IPty } from 'node-pty';
import { DisposableStore, type Disposable } from './disposable.ts';
import { Emitter } from './emitter.ts';
import { fail, type CommandOutcome, type Result } from './demo-result.ts';
import { findCommand } from './find-command.ts';
import { CommandCapture } from './command-capture.ts';
import { Osc133Parser, type Osc133Piece } from './osc133-parser.ts';
import { IdleInterrupt } from './idle-interrupt.ts';
import { ReadyWaiters } from './ready-waiters.ts';
import { PtyInput } from './pty-input.ts';
import { killSessionTree, type KillReport } from './process-tree.ts';
import { buildShellEnv, MARK_NONCE_KEY, newMarkNonce } from './shell-env.ts';

/** How long a shell may take to show its first prompt, in ms (bash --norc needs ~20 ms; CI is slow). */
export const SHELL_START_TIMEOUT_MS = 10_000;
/** How long after Ctrl-C a timed-out step may take to give the prompt back, in ms. */
export const INTERRUPT_GRACE_MS = 2_000;
/** A shell's exit status for a process killed by signal N is this plus N (137 for SIGKILL). */
export const SIGNAL_EXIT_BASE = 128;

/** Longest unterminated mark held back to remove a nonce cut between two reads (characters). */
const MAX_CARRY_CHARS = 128;

/** How long to wait for node-pty's exit event after the shell was killed, in ms. */
const EXIT_EVENT_WAIT_MS = 2_000;

/** Where and how big: the rest of the shell's set-up is fixed (see shell-env.ts). */
export interface MarkedShellOptions {
  /** Absolute working directory. */
  readonly cwd: string;
  readonly cols: number;
  readonly rows: number;
  /** Tags every process the shell starts, so they can all be found and killed. */
  readonly sessionId: string;
}

interface Pending {
  readonly capture: CommandCapture;
  readonly timers: NodeJS.Timeout[];
  readonly resolve: (outcome: CommandOutcome) => void;
}

/** A running `bash --noprofile --norc` whose prompts carry OSC 133 marks. */
export class MarkedShell implements Disposable {
  private readonly store = new DisposableStore();
  private readonly parser: Osc133Parser;
  /** The nonce parameter as the shell's marks carry it (`;ptydeck=…`): removed from the output. */
  private readonly tag: string;
  /** The end of the last chunk, held while it may be a mark cut inside its nonce. */
  private carry = '';
  private readonly events = new Emitter<{ 'output:data': string; 'shell:exited': number }>();
  private current: Pending | null = null;
  private prompt = false;
  /** The shell has shown a prompt: it has started. */
  private prompted = false;
  /** Ctrl-C sent with no command running owes a redrawn prompt (see idle-interrupt.ts). */
  private readonly idleInterrupt = new IdleInterrupt(INTERRUPT_GRACE_MS);
  private readonly ready = new ReadyWaiters({ atPrompt: () => this.atPrompt, graceLeft: () => this.idleInterrupt.graceLeft() });
  private exitCode: number | null = null;
  private readonly exited: Promise<void>;
  private readonly input: PtyInput;

  /** Starts the shell; a missing bash or a failed fork is a returned error. */
  static spawn(options: MarkedShellOptions): Result<{ shell: MarkedShell }> {
    const path = buildShellEnv(options.sessionId, '/bin/bash').PATH ?? '';
    const bash = findCommand('bash', path);
    if (!bash) return fail('spawn-failed', `bash was not found on PATH (${path})`);
    // Only marks with this shell's nonce count: a program's output cannot fake a step's end.
    const nonce = newMarkNonce();
    try {
      const pty = spawn(bash, ['--noprofile', '--norc'], {
        name: 'xterm-256color',
        cols: options.cols,
        rows: options.rows,
        cwd: options.cwd,
        env: buildShellEnv(options.sessionId, bash, process.env, nonce),
      });
      return { ok: true, shell: new MarkedShell(pty, options.sessionId, nonce) };
    } catch (error) {
      return fail('spawn-failed', `could not start bash: ${(error as Error).message}`);
    }
  }

  private constructor(
    private readonly pty: IPty,
    private readonly sessionId: string,
    nonce: string,
  ) {
    this.parser = new Osc133Parser(nonce);
    this.input = new PtyInput(pty);
    this.tag = `;${MARK_NONCE_KEY}=${nonce}`;
    this.store.add(pty.onData((data) => this.onData(data)));
    this.exited = new Promise((resolve) => {
      this.store.add(
        // node-pty reports a shell killed by a signal as exit 0 with `signal` set: report it
        // as a shell would (128 + the signal), or a kill -9 would read as a step that succeeded.
        pty.onExit(({ exitCode, signal }) => {
          this.handleExit(signal ? SIGNAL_EXIT_BASE + signal : exitCode);
          resolve();
        }),
      );
    });
  }

  /** The shell's pid: a session leader, so also its process group id. */
  get pid(): number {
    return this.pty.pid;
  }

  /** True while the shell waits at a prompt (after the B mark) and owes no redraw after Ctrl-C. */
  get atPrompt(): boolean {
    return this.prompt && !this.idleInterrupt.blocking() && this.exitCode === null;
  }

  /** True once the shell process has exited. */
  get hasExited(): boolean {
    return this.exitCode !== null;
  }

  /** Receives every output chunk, raw (marks included: terminals ignore them). */
  onOutput(listener: (data: string) => void): Disposable {
    return this.events.on('output:data', listener);
  }

  /** Called once when the shell exits, with its exit code. */
  onExit(listener: (code: number) => void): Disposable {
    return this.events.on('shell:exited', listener);
  }

  /** Resolves true at the next prompt (at once if at one), false on exit or after `timeoutMs`. */
  whenReady(timeoutMs: number): Promise<boolean> {
    if (this.atPrompt) return Promise.resolve(true);
    if (this.exitCode !== null) return Promise.resolve(false);
    return this.ready.wait(timeoutMs);
  }

  /**
   * Types `command` (continuation lines joined with "\n") and resolves when the next prompt
   * starts, with the D mark's exit code. Past `timeoutMs` it sends Ctrl-C and reports timedOut.
   * Call only at a prompt: typing earlier would be echoed twice (by the tty, then by readline).
   */
  async run(command: string, timeoutMs: number): Promise<CommandOutcome> {
    if (this.current) throw new Error('MarkedShell.run: a command is already running');
    if (!this.atPrompt) throw new Error('MarkedShell.run: the shell is not at a prompt');
    if (this.idleInterrupt.takeMissedRedraw() && !(await this.freshPrompt())) {
      return { exitCode: null, timedOut: false, shellExited: this.hasExited, output: '', durationMs: 0 };
    }
    return new Promise((resolve) => {
      // Typed first: its output comes in a later turn of the loop, after the set-up below.
      this.prompt = false;
      this.input.write(`${command.split('\n').join('\r')}\r`);
      const pending: Pending = { capture: new CommandCapture(command), timers: [], resolve };
      this.current = pending;
      pending.timers.push(
        setTimeout(() => {
          pending.capture.timedOut = true;
          this.interrupt();
          pending.timers.push(setTimeout(() => this.finish(pending, false), INTERRUPT_GRACE_MS));
        }, timeoutMs),
      );
    });
  }

  /** An empty line for a clean prompt (see takeMissedRedraw), at the cost of one blank prompt line. */
  private async freshPrompt(): Promise<boolean> {
    this.prompt = false;
    this.write('\r');
    return this.whenReady(INTERRUPT_GRACE_MS);
  }

  /** Sends Ctrl-C, as the presenter pressing it would. */
  interrupt(): void {
    // Before its first prompt the shell has nothing to interrupt, and bash would keep the signal
    // pending until it reads, then drop the first character typed.
    if (!this.prompted) return;
    if (this.current === null) this.idleInterrupt.sent();
    this.write('\x03');
  }

  /**
   * Flow control: stops reading the pty. The program writing to it blocks once the kernel's
   * buffer is full, so output is bounded; Ctrl-C still reaches it at once (writes are not paused).
   */
  pause(): void {
    if (this.exitCode === null) this.pty.pause();
  }

  /** Reads the pty again after pause(). */
  resume(): void {
    if (this.exitCode === null) this.pty.resume();
  }

  /** Writes raw input to the pty (keystrokes, or a terminal's reply to a query). */
  write(data: string): void {
    if (this.exitCode === null) this.input.write(data);
  }

  /** Kills the shell and every process it started (see killSessionTree), then waits for exit. */
  async kill(): Promise<KillReport> {
    const report = await killSessionTree(this.pid, this.sessionId);
    if (this.exitCode === null) this.pty.kill('SIGKILL');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, EXIT_EVENT_WAIT_MS)));
    await Promise.race([this.exited, timeout]);
    clearTimeout(timer);
    return report;
  }

  /** Stops listening; does not kill (call kill() first). */
  dispose(): void {
    this.input.dispose();
    this.store.dispose();
    this.events.clear();
  }

  private handleExit(code: number): void {
    this.exitCode = code;
    this.input.dispose();
    if (this.carry) this.events.emit('output:data', this.carry);
    this.carry = '';
    this.flushPieces(this.parser.flush());
    this.ready.wake(false);
    if (this.current) this.finish(this.current, true);
    this.events.emit('shell:exited', code);
  }

  private onData(data: string): void {
    const shown = this.withoutNonce(data);
    if (shown) this.events.emit('output:data', shown);
    this.flushPieces(this.parser.push(data));
  }

  /**
   * The output as viewers, the screen and recordings get it: the marks as before, without the
   * nonce (a recording would publish it; replays read `133;D;<exit>` as it always was). A chunk
   * that ends inside an unterminated OSC 133 mark keeps that tail for the next chunk, so a
   * nonce cut in two is still removed.
   */
  private withoutNonce(data: string): string {
    let text = this.carry + data;
    this.carry = '';
    if (text.includes(this.tag)) text = text.replaceAll(this.tag, '');
    // indexOf first: lastIndexOf walks plain text a character at a time (3.6 µs per 6 KB read,
    // against 0.15 µs), a tenth of the server's main-thread time in a `cat` flood.
    const open = text.includes('\x1b') ? text.lastIndexOf('\x1b]133;') : -1;
    if (open >= 0 && text.length - open <= MAX_CARRY_CHARS && !/[\x07\x1b]/.test(text.slice(open + 1))) {
      this.carry = text.slice(open);
      text = text.slice(0, open);
    }
    return text;
  }

  private flushPieces(pieces: readonly Osc133Piece[]): void {
    for (const piece of pieces) {
      const pending = this.current;
      if (piece.type === 'text') {
        pending?.capture.appendText(piece.text);
        continue;
      }
      switch (piece.mark.kind) {
        case 'prompt-end':
          this.prompt = true;
          this.prompted = true;
          this.idleInterrupt.promptShown();
          if (this.atPrompt) this.ready.wake(true);
          break;
        case 'prompt-start':
          this.prompt = false;
          if (pending) this.finish(pending, false);
          break;
        case 'output-start':
          pending?.capture.markOutputStart();
          break;
        case 'command-finished':
          this.idleInterrupt.finished(piece.mark.exitCode);
          pending?.capture.markFinished(piece.mark.exitCode);
          break;
      }
    }
  }

  private finish(pending: Pending, shellExited: boolean): void {
    if (this.current !== pending) return;
    this.current = null;
    for (const timer of pending.timers) clearTimeout(timer);
    const { capture } = pending;
    pending.resolve({
      exitCode: shellExited ? (capture.exitCode ?? this.exitCode) : capture.exitCode,
      timedOut: capture.timedOut,
      shellExited,
      output: capture.output(),
      durationMs: Date.now() - capture.startedAt,
    });
  }
}
