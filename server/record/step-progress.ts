// Shows a demo's steps as they run: on a terminal a "running" line replaced by its result, in a
// pipe or a log one line per finished step.

import type { StepResult } from '../demo/demo-result.ts';
import { DisposableStore, type Disposable } from '../demo/disposable.ts';
import type { PtySession } from '../demo/pty-session.ts';
import { paint } from './format-table.ts';

/** Where progress goes: a stream that may be a terminal. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/** Longest command shown on a progress line, in characters: keeps a line within 80 columns. */
const COMMAND_WIDTH = 44;
/** Carriage return and erase-line: replace the "running" line in place. */
const ERASE_LINE = '\r\x1b[K';

/** A step's command on one line: its first line, cut to COMMAND_WIDTH. */
export function shortCommand(command: string): string {
  const first = command.split('\n')[0] ?? '';
  const cut = first.length > COMMAND_WIDTH || command.includes('\n');
  return cut ? `${first.slice(0, COMMAND_WIDTH - 1)}…` : first;
}

/** The finished line of a step: mark, number, command, how it ended, how long it took. */
export function stepLine(result: StepResult, colour: boolean): string {
  const ok = result.exitCode === 0 && !result.timedOut;
  const mark = paint(ok ? '✓' : '✗', ok ? 'green' : 'red', colour);
  const ended = paint((result.timedOut ? 'timed out' : `exit ${result.exitCode ?? '?'}`).padEnd(9), ok ? undefined : 'red', colour);
  const seconds = paint(`${(result.durationMs / 1000).toFixed(2)} s`, 'dim', colour);
  const label = `${result.index + 1}: ${shortCommand(result.command)}`;
  return `  ${mark} ${label.padEnd(COMMAND_WIDTH + 4)} ${ended} ${seconds}\n`;
}

/** Prints every step of `session` to `out` until disposed (or the session ends). */
export function showStepProgress(session: PtySession, out: ProgressStream, colour: boolean): Disposable {
  const store = new DisposableStore();
  const tty = out.isTTY === true;
  if (tty) {
    store.add(
      session.on('step:started', ({ index, command }) => {
        out.write(paint(`  ▸ ${index + 1}: ${shortCommand(command)} …`, 'dim', colour));
      }),
    );
  }
  store.add(session.on('step:finished', (result) => out.write((tty ? ERASE_LINE : '') + stepLine(result, colour))));
  return store;
}
