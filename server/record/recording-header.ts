// The v3 header of a demo recording: terminal, a two-variable env, and ptydeck's own facts.

import type { AsciicastHeaderInit, PtydeckHost } from '../../protocol/asciicast/types.ts';
import type { DemoEntry } from '../../protocol/demo-manifest.ts';
import { findCommand } from '../demo/find-command.ts';
import { buildShellEnv, demoPath } from '../demo/shell-env.ts';

/** How the demo shell is started (marked-shell.ts): what the recording says was recorded. */
const SHELL_ARGS = '--noprofile --norc';

/** The only environment a recording names: the terminal type and the shell, as asciinema does. */
export const RECORDED_ENV_NAMES = ['TERM', 'SHELL'] as const;

/** What a header needs besides the entry: when, on what machine, by which ptydeck. */
export interface HeaderFacts {
  /** Unix time in seconds of the start of the recording. */
  readonly startedAt: number;
  readonly host: PtydeckHost;
  readonly version: string;
}

/**
 * Builds the header. TERM and SHELL come from the same builder the demo shell's environment does,
 * so they say what the demo really ran with; nothing else of that environment (the session tag,
 * PATH, HOME) and nothing of ptydeck's own (where a token may live) is written.
 */
export function recordingHeader(entry: DemoEntry, facts: HeaderFacts): AsciicastHeaderInit {
  const path = demoPath(process.env.PATH);
  const bash = findCommand('bash', path) ?? '/bin/bash';
  const shellEnv = buildShellEnv('recording', bash);
  const env = Object.fromEntries(RECORDED_ENV_NAMES.map((name) => [name, shellEnv[name] ?? '']));
  return {
    cols: entry.options.cols,
    rows: entry.options.rows,
    termType: env.TERM,
    timestamp: facts.startedAt,
    title: entry.options.title ?? entry.id,
    command: `${bash} ${SHELL_ARGS}`,
    env,
    ptydeck: { deck: entry.deck, demo: entry.id, hash: entry.hash, version: facts.version, host: facts.host },
  };
}
