// Runs a demo's teardown steps in a fresh, unseen shell, and reports what failed instead of throwing.

import type { CommandOutcome, TeardownReport, TeardownStepResult } from './demo-result.ts';
import { INTERRUPT_GRACE_MS, MarkedShell, SHELL_START_TIMEOUT_MS } from './marked-shell.ts';

/** Where teardown runs: the demo's cwd and size, under its own session tag. */
export interface TeardownOptions {
  readonly cwd: string;
  readonly cols: number;
  readonly rows: number;
  readonly sessionId: string;
  /** Per-step time-out, in ms (the demo's `timeout`). */
  readonly stepTimeoutMs: number;
}

/** A teardown that had nothing to do. */
export const EMPTY_TEARDOWN: TeardownReport = { ok: true, steps: [] };

const NOT_RUN: CommandOutcome = { exitCode: null, timedOut: false, shellExited: true, output: '', durationMs: 0 };

/**
 * Runs every teardown step in order in a new shell (so a demo shell left inside a namespace
 * or a cgroup cannot get in the way), going on after a failure since each step usually
 * removes one thing. Kills the teardown shell and anything it started afterwards.
 */
export async function runTeardown(steps: readonly string[], options: TeardownOptions): Promise<TeardownReport> {
  if (steps.length === 0) return EMPTY_TEARDOWN;
  const spawned = MarkedShell.spawn({ ...options, sessionId: `${options.sessionId}-teardown` });
  if (!spawned.ok) return { ok: false, error: { code: 'teardown-failed', message: spawned.error.message }, steps: [] };
  const { shell } = spawned;
  const results: TeardownStepResult[] = [];
  try {
    let ready = await shell.whenReady(SHELL_START_TIMEOUT_MS);
    for (const command of steps) {
      if (!ready) {
        results.push({ command, ...NOT_RUN });
        continue;
      }
      results.push({ command, ...(await shell.run(command, options.stepTimeoutMs)) });
      ready = await shell.whenReady(INTERRUPT_GRACE_MS);
    }
  } finally {
    await shell.kill();
    shell.dispose();
  }
  const failed = results.filter((r) => r.exitCode !== 0 || r.timedOut);
  if (failed.length === 0) return { ok: true, steps: results };
  const message = failed
    .map((r) => `\`${r.command}\` ${r.timedOut ? 'timed out' : r.exitCode === null ? 'did not run' : `exited ${r.exitCode}`}`)
    .join('; ');
  return { ok: false, error: { code: 'teardown-failed', message: `teardown failed: ${message}` }, steps: results };
}
