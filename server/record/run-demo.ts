// Runs one demo from start to teardown without a browser: setup, every step, teardown, the final
// screen, and whether the run counts as failed. Recording hooks in through `attach`.

import type { DemoEntry } from '../../protocol/demo-manifest.ts';
import type { StepResult, TeardownReport } from '../demo/demo-result.ts';
import { PtySession } from '../demo/pty-session.ts';
import type { RequirementChecker } from '../demo/requirements.ts';

/** What listens to a run once its shell is at the first prompt (a recorder). */
export interface RunListener {
  /** The run ended normally: `status` is the last step's exit code. */
  finish(status: number): void;
  dispose(): void;
}

export interface RunDemoOptions {
  readonly projectRoot: string;
  readonly requirements: RequirementChecker;
  /** Called as soon as the session exists (progress display subscribes here). */
  readonly onSession?: (session: PtySession) => void;
  /** Called once setup is done, before the first step. */
  readonly attach?: (session: PtySession) => Promise<RunListener>;
  /** Aborting kills the demo at once; teardown still runs. */
  readonly signal?: AbortSignal;
}

/** How a live run went. */
export interface LiveRun {
  /** Why the run counts as failed, as a sentence; null when every step ran and exited 0. */
  readonly failure: string | null;
  readonly results: readonly StepResult[];
  /** The visible screen at the end, as plain text (PtySession.text()); '' when it never started. */
  readonly screen: string;
  readonly teardown: TeardownReport | null;
  readonly interrupted: boolean;
}

/**
 * The exit status an `x` event gets when the shell gave none (a step stuck past its time-out):
 * 1, the generic failure, rather than a made-up signal number.
 */
export const UNKNOWN_EXIT_STATUS = 1;

/**
 * The simple rule for a rehearsal: a step that exits non-zero or times out fails the run, and so
 * does a shell that ends before the last step. (A demo that fails on purpose is recorded with
 * --force.)
 */
export function stepFailure(entry: DemoEntry, results: readonly StepResult[]): string | null {
  for (const r of results) {
    const step = `step ${r.index + 1} \`${r.command.split('\n')[0]}\``;
    if (r.timedOut) return `${step} timed out after ${entry.options.timeout} s`;
    if (r.exitCode !== 0 && !(r.shellExited && r.exitCode === null)) {
      return `${step} exited ${r.exitCode ?? 'without a status'}`;
    }
  }
  if (results.length < entry.steps.length) {
    return `only ${results.length} of ${entry.steps.length} steps ran: the shell ended early`;
  }
  return null;
}

/** Runs every step of `entry` in a fresh session, and always disposes it (teardown runs). */
export async function runDemo(entry: DemoEntry, options: RunDemoOptions): Promise<LiveRun> {
  const { projectRoot, requirements, signal } = options;
  const session = new PtySession({ entry, projectRoot, requirements });
  options.onSession?.(session);
  const abort = (): void => void session.dispose();
  signal?.addEventListener('abort', abort, { once: true });
  let listener: RunListener | null = null;
  let run: Omit<LiveRun, 'teardown' | 'interrupted'> = { failure: 'the demo did not run', results: [], screen: '' };
  let teardown: TeardownReport | null = null;
  try {
    const started = await session.start();
    if (!started.ok) {
      run = { ...run, failure: `could not start: ${started.error.message}` };
    } else {
      listener = options.attach ? await options.attach(session) : null;
      const ran = await session.runAll();
      const results = ran.ok ? ran.results : [];
      const failure = ran.ok ? stepFailure(entry, results) : ran.error.message;
      // A disposed screen never answers: read it only while the session is still ours.
      const screen = signal?.aborted ? '' : await session.text();
      run = { failure, results, screen };
      const last = results.at(-1);
      if (!signal?.aborted) listener?.finish(last ? (last.exitCode ?? UNKNOWN_EXIT_STATUS) : 0);
    }
  } finally {
    listener?.dispose();
    signal?.removeEventListener('abort', abort);
    teardown = await session.dispose();
  }
  const interrupted = signal?.aborted ?? false;
  return { ...run, failure: interrupted ? 'interrupted' : run.failure, teardown, interrupted };
}
