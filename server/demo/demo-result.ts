// What the demo runner returns instead of throwing: tagged results with `{ code, message }` errors.

/** Why a demo operation could not be done; each is an expected run-time failure, not a bug. */
export type DemoErrorCode =
  /** A `requires` entry is not met on this machine. */
  | 'requirement-missing'
  /** The demo's cwd does not exist or lies outside the project. */
  | 'bad-cwd'
  /** The shell could not be started. */
  | 'spawn-failed'
  /** The shell did not show its first prompt in time. */
  | 'start-timeout'
  /** A setup step failed, so the demo would not start from the state it expects. */
  | 'setup-failed'
  /** A step is already running. */
  | 'busy'
  /** Every step has run. */
  | 'no-more-steps'
  /** The last step was interrupted or failed to enter its shell: ask again to run the next anyway. */
  | 'confirm-next'
  /** The demo is not running: finished, failed or disposed (reset starts it again). */
  | 'not-running'
  /** The operation was cut short by a reset or dispose. */
  | 'cancelled'
  /** Typing is for demos marked `interactive` only. */
  | 'not-interactive'
  /** A teardown step failed or timed out. */
  | 'teardown-failed'
  /** The session limit is reached. */
  | 'too-many-sessions';

/** An error payload, as it will travel over the socket. */
export interface DemoError {
  readonly code: DemoErrorCode;
  readonly message: string;
}

/** Success with a value, or a DemoError. */
export type Result<T = object> = ({ readonly ok: true } & T) | { readonly ok: false; readonly error: DemoError };

/** Builds a failed result. */
export function fail(code: DemoErrorCode, message: string): { readonly ok: false; readonly error: DemoError } {
  return { ok: false, error: { code, message } };
}

/** How one command typed into a shell ended. */
export interface CommandOutcome {
  /** The D mark's exit status; null when the shell gave none (it was stuck, or it exited). */
  readonly exitCode: number | null;
  /** The step ran past its time-out and was interrupted. */
  readonly timedOut: boolean;
  /** The shell itself exited (an `exit` in the top shell): the session is over. */
  readonly shellExited: boolean;
  /** The command's output as plain text (no escapes, no marks, no echo of the command). */
  readonly output: string;
  readonly durationMs: number;
}

/** One visible step's result. */
export interface StepResult extends CommandOutcome {
  /** 0-based index into the entry's steps. */
  readonly index: number;
  readonly command: string;
}

/** One teardown step's result. */
export interface TeardownStepResult extends CommandOutcome {
  readonly command: string;
}

/** What a teardown did; `ok` is false when any step failed or timed out (reported, never thrown). */
export type TeardownReport =
  | { readonly ok: true; readonly steps: readonly TeardownStepResult[] }
  | { readonly ok: false; readonly error: DemoError; readonly steps: readonly TeardownStepResult[] };
