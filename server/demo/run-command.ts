// Runs a short probe command without a shell and reports how it ended, never throwing.

import { execFile } from 'node:child_process';

/** How a probe command ended. */
export interface CommandRun {
  /** Exit code, or null when it was killed (time-out) or could not start. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  /** Set when the command could not be started (ENOENT, EACCES). */
  readonly startError: string | null;
}

/** Runs `file args…` with `env`, killing it after `timeoutMs`; output is capped at 1 MiB. */
export function runCommand(
  file: string,
  args: readonly string[],
  options: { timeoutMs: number; env: NodeJS.ProcessEnv },
): Promise<CommandRun> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { timeout: options.timeoutMs, killSignal: 'SIGKILL', env: options.env, maxBuffer: 1024 * 1024 },
      (error, stdout, stderr) => {
        const err = error as (NodeJS.ErrnoException & { killed?: boolean; code?: unknown }) | null;
        const startError = typeof err?.code === 'string' ? `${err.code}: ${err.message}` : null;
        resolve({
          code: err ? (typeof err.code === 'number' ? err.code : null) : 0,
          stdout: String(stdout),
          stderr: String(stderr),
          timedOut: Boolean(err?.killed) && startError === null,
          startError,
        });
      },
    );
  });
}
