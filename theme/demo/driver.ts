// The one contract that feeds an in-slide terminal. Live (socket.io), replay (a recording) and
// transcript-only sources implement it; the UI reads `can` flags and `state`, never instanceof
// (asciinema-player's driver habit, STYLE.md 6).
import type { Ack, DemoStatus, ErrorPayload, StepOutcome } from '../../protocol/socket-events.ts';
import type { Disposable } from './disposable.ts';

/** What a driver can do. A driver states only what it grants; the rest is false. */
export interface DriverCapabilities {
  /** Draws a terminal screen; false means the Markdown transcript is all there is to show. */
  readonly screen: boolean;
  readonly step: boolean;
  readonly runAll: boolean;
  readonly interrupt: boolean;
  readonly reset: boolean;
  /** Accepts keystrokes (an `interactive` demo, on a page that may act). */
  readonly input: boolean;
}

const NOTHING: DriverCapabilities = { screen: false, step: false, runAll: false, interrupt: false, reset: false, input: false };

/** Fills the capabilities a driver did not state with false, once, at construction. */
export function capabilities(granted: Partial<DriverCapabilities>): DriverCapabilities {
  return Object.freeze({ ...NOTHING, ...granted });
}

/** How far a demo has got: the server's snapshot, less the screen, plus the running step. */
export interface DemoProgress {
  readonly status: DemoStatus;
  /** 0-based index of the next step to run (equals `steps` when all ran). */
  readonly nextStep: number;
  readonly steps: number;
  /** 0-based index of the step running now, or null when none runs. */
  readonly runningStep: number | null;
  readonly lastExit: number | null;
  readonly lastTimedOut: boolean;
  readonly message: string | null;
}

/** A driver's state, as the badge and the controls read it. */
export type DriverState =
  | { readonly kind: 'transcript' }
  | { readonly kind: 'connecting' }
  | { readonly kind: 'live'; readonly progress: DemoProgress }
  | { readonly kind: 'recorded'; readonly progress: DemoProgress }
  /** No server: `progress` is the last known one (null if the demo never attached). */
  | { readonly kind: 'offline'; readonly reason: string; readonly progress: DemoProgress | null };

/** What a driver writes into the terminal. */
export type OutputEvent =
  /** A whole screen (a snapshot): clear the terminal, then write it. */
  | { readonly kind: 'screen'; readonly data: string }
  /** More output, written after what came before: text (a recording) or UTF-8 (a live demo). */
  | { readonly kind: 'data'; readonly data: string | Uint8Array }
  /** A line from ptydeck itself (the server went away, say), shown apart from the output. */
  | { readonly kind: 'notice'; readonly text: string };

/**
 * Called with each output event; resolves once the terminal has written it (flow control).
 * `written`, when given, is called at that moment too, synchronously from the terminal's write
 * callback: a source that hands its next chunk there has it parsed in the same xterm.js parse
 * slice, where a promise would only deliver it after the slice (live output, live-attachment.ts).
 * Whoever passes events on passes `written` on with them.
 */
export type OutputSink = (event: OutputEvent, written?: () => void) => Promise<void>;

export type StepResult = Ack<{ outcome: StepOutcome }>;
export type RunAllResult = Ack<{ outcomes: StepOutcome[] }>;
export type ActionResult = Ack;

/** Feeds one demo's terminal. Every action resolves with a tagged result and never throws. */
export interface DemoDriver extends Disposable {
  readonly can: DriverCapabilities;
  readonly state: DriverState;
  /** Starts feeding: output goes to `onOutput`, every state change to `onState` (called once at once). */
  attach(onOutput: OutputSink, onState: (state: DriverState) => void): Disposable;
  step(): Promise<StepResult>;
  runAll(): Promise<RunAllResult>;
  interrupt(): Promise<ActionResult>;
  reset(): Promise<ActionResult>;
  input(data: string): Promise<ActionResult>;
}

/** A failed result, as the server would send it. */
export function failure(code: string, message: string): { readonly ok: false; readonly error: ErrorPayload } {
  return { ok: false, error: { code, message } };
}

/** The result of asking a driver for what its `can` flags deny. */
export function unsupported(action: string): { readonly ok: false; readonly error: ErrorPayload } {
  return failure('unsupported', `this demo cannot ${action} here`);
}

/** The progress a state carries, if any. */
export function progressOf(state: DriverState): DemoProgress | null {
  switch (state.kind) {
    case 'live':
    case 'recorded':
      return state.progress;
    case 'offline':
      return state.progress;
    case 'transcript':
    case 'connecting':
      return null;
  }
}

/** True while `next` should run a step rather than move on: a step is left and the demo can run it. */
export function hasStepsLeft(state: DriverState): boolean {
  if (state.kind !== 'live' && state.kind !== 'recorded') return false;
  const { status, nextStep, steps, runningStep } = state.progress;
  if (status === 'finished' || status === 'failed' || status === 'disposed') return false;
  // While a step runs, the server may not have counted it yet: the running one is not "left".
  const next = runningStep === null ? nextStep : Math.max(nextStep, runningStep + 1);
  return next < steps;
}
