// The policy for running a demo's remaining steps in one go.

import type { Result, StepResult } from './demo-result.ts';
import type { SessionState } from './session-events.ts';

/** What runAll needs of a session: its next step, its state, and a way to run one step. */
export interface StepRunner {
  readonly nextStep: number;
  readonly state: SessionState;
  /** The last step ended so that the next must be confirmed (see unexpected-step.ts). */
  readonly needsConfirmation: boolean;
  readonly entry: { readonly steps: readonly unknown[] };
  step(): Promise<Result<{ result: StepResult }>>;
}

/**
 * Runs the remaining steps in order. A non-zero exit does not stop it (demos show failures on
 * purpose); a time-out does, since the shell's state is then unknown, and so does the end of
 * the run (the shell exited, or the last step ran), and so does a step after which the next
 * needs the presenter's confirmation (an interrupt, a nested shell that did not start).
 */
export async function runRemainingSteps(session: StepRunner): Promise<Result<{ results: StepResult[] }>> {
  const results: StepResult[] = [];
  while (session.nextStep < session.entry.steps.length) {
    const stepped = await session.step();
    if (!stepped.ok) return stepped;
    results.push(stepped.result);
    if (stepped.result.timedOut || session.state !== 'ready' || session.needsConfirmation) break;
  }
  return { ok: true, results };
}
