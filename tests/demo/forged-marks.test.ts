// A demo's program printing OSC 133 marks (`cat` of a hostile file) cannot end its step: only
// marks carrying the shell's nonce count, in the demo shell and in a shell nested in a step.

import { describe, expect, it } from 'vitest';
import { Osc133Parser } from '../../server/demo/osc133-parser.ts';
import { demoEntry } from './demo-entry.ts';
import { PTY_TEST_TIMEOUT_MS, step, withSession } from './session-harness.ts';

/** What a hostile file holds: the end of a command with status 0, a prompt, and its end. */
const FORGED = String.raw`\033]133;D;0\007\033]133;A\007$ \033]133;B\007`;
/** The same with a guessed nonce parameter. */
const GUESSED = String.raw`\033]133;D;0;ptydeck=0\007\033]133;A;ptydeck=0\007`;

describe('forged OSC 133 marks', { timeout: PTY_TEST_TIMEOUT_MS }, () => {
  it('are no marks to a parser that knows the nonce; the real ones are', () => {
    const parser = new Osc133Parser('abc');
    const pieces = parser.push('x\x1b]133;D;0\x07\x1b]133;A;ptydeck=zzz\x07y\x1b]133;D;7;ptydeck=abc\x07\x1b]133;A;ptydeck=abc\x07');
    expect(pieces).toEqual([
      { type: 'text', text: 'xy' },
      { type: 'mark', mark: { kind: 'command-finished', exitCode: 7 } },
      { type: 'mark', mark: { kind: 'prompt-start' } },
    ]);
  });

  it('end no step early: it ends when the command does, with its own exit code', async () => {
    const entry = demoEntry('forged', [`printf '${FORGED}'; printf '${GUESSED}'; sleep 0.3; echo real-end; (exit 3)`, 'echo next']);
    await withSession(entry, async (session) => {
      const forged = await step(session);
      expect(forged.output).toContain('real-end');
      expect(forged.exitCode).toBe(3);
      expect((await step(session)).output).toBe('next');
    });
    // In a nested shell (the nonce travels in PS1 and PROMPT_COMMAND), then back out.
    const nested = demoEntry('forged-nested', [
      'bash --norc --noprofile',
      `printf '${FORGED}'; printf '${GUESSED}'; sleep 0.3; echo nested-end; (exit 5)`,
      'exit 4',
      'echo outer',
    ]);
    await withSession(nested, async (session) => {
      expect((await step(session)).exitCode).toBe(0);
      const forged = await step(session);
      expect(forged.output).toContain('nested-end');
      expect(forged.exitCode).toBe(5);
      expect((await step(session)).exitCode).toBe(4);
      expect((await step(session)).output).toBe('outer');
    });
  });
});
