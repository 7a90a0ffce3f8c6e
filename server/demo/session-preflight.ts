// What is checked before a demo's shell starts: its requirements and its working directory.

import type { DemoEntry } from '../../protocol/demo-manifest.ts';
import { resolveDemoCwd } from './demo-cwd.ts';
import { fail, type Result } from './demo-result.ts';
import { describeMissing, type RequirementChecker } from './requirements.ts';

/** Resolves the demo's cwd once every requirement holds; else an error a presenter can act on. */
export async function preflight(
  entry: DemoEntry,
  projectRoot: string,
  requirements: RequirementChecker,
): Promise<Result<{ cwd: string }>> {
  const results = await requirements.check(entry.options.requires);
  if (results.some((r) => !r.ok)) return fail('requirement-missing', describeMissing(results));
  const cwd = resolveDemoCwd(projectRoot, entry.options.cwd);
  return cwd.ok ? { ok: true, cwd: cwd.path } : cwd;
}

/** Formats a message for the demo's terminal: `ptydeck:` in yellow, CRLF line ends. */
export function terminalMessage(text: string): string {
  return `\r\n\x1b[1;33mptydeck:\x1b[0m ${text.replace(/\n/g, '\r\n')}\r\n`;
}

/**
 * The hidden command that ends setup: clears screen and scrollback, so the audience starts at
 * a clean prompt. printf is a builtin in every shell; `clear` may not be installed.
 */
export const CLEAR_SCREEN_COMMAND = "printf '\\033[3J\\033[H\\033[2J'";
