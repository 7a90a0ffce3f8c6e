// After a step that was interrupted, timed out or failed to enter its nested shell, the next
// step waits for the presenter to ask again: it would otherwise run in the host's shell (a soak
// once renamed this machine when `hostname soak` followed an interrupted `unshare --fork bash`).
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { whyConfirmNext } from '../../server/demo/unexpected-step.ts';
import { demoEntry } from '../demo/demo-entry.ts';
import { eventually, PTY_TEST_TIMEOUT_MS, step, unwrap, withSession } from '../demo/session-harness.ts';

function marker(): string {
  return join(tmpdir(), `ptydeck-confirm-next-${randomBytes(4).toString('hex')}`);
}

describe('the step after an unexpected end', { timeout: PTY_TEST_TIMEOUT_MS }, () => {
  it('is refused once after a nested shell failed to start, and runs when asked again', async () => {
    const file = marker();
    // An unknown option makes unshare fail at once: the host's shell keeps the prompt.
    const entry = demoEntry('nested', ['unshare --uts --fork --no-such-option bash --norc', `touch ${file}`]);
    try {
      await withSession(entry, async (session) => {
        expect((await step(session)).exitCode).not.toBe(0);
        const refused = await session.step();
        expect(refused).toMatchObject({ ok: false, error: { code: 'confirm-next' } });
        expect(existsSync(file), 'the step did not run in the host shell').toBe(false);
        expect(await session.text()).toContain('step 1 failed to start its shell');
        expect(session.nextStep).toBe(1);
        expect(await step(session)).toMatchObject({ index: 1, exitCode: 0 });
        expect(existsSync(file)).toBe(true);
      });
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('is refused once after the presenter interrupted a step, and reset clears the refusal', async () => {
    const file = marker();
    // Sleeps the first time only: after the reset, step 1 runs at once.
    const entry = demoEntry('interrupted', [`[ -e ${file} ] || sleep 100`, 'echo after']);
    await withSession(entry, async (session) => {
      unwrap(await session.start());
      const running = session.step();
      expect(await eventually(() => session.state === 'running', 5_000)).toBe(true);
      // Ctrl-C before sleep runs would be lost on the prompt: wait for the command to be typed.
      expect(await eventually(async () => (await session.text()).includes('|| sleep 100'), 5_000)).toBe(true);
      expect(session.interrupt()).toEqual({ ok: true });
      expect(unwrap(await running).result.exitCode).toBe(130);
      expect(session.needsConfirmation).toBe(true);
      writeFileSync(file, '');
      unwrap(await session.reset());
      expect(session.needsConfirmation).toBe(false);
      expect(await step(session)).toMatchObject({ index: 0, exitCode: 0 });
    }).finally(() => rmSync(file, { force: true }));
  });

  it('stops run-all at a step that timed out or was killed, but goes on after a plain non-zero exit', async () => {
    const entry = demoEntry('run-all', ['false', "sh -c 'kill -9 $$'", 'echo never'], { options: { timeout: 5 } });
    await withSession(entry, async (session) => {
      const { results } = unwrap(await session.runAll());
      expect(results.map((r) => r.index)).toEqual([0, 1]);
      expect(results[1]?.exitCode).toBe(137);
      expect(session.needsConfirmation).toBe(true);
    });
  });

  it('says which failures need confirming: interrupted, timed out, killed, a nested shell that did not start', () => {
    const result = (command: string, exitCode: number | null, timedOut = false) => ({
      index: 0, command, exitCode, timedOut, shellExited: false, output: '', durationMs: 1,
    });
    expect(whyConfirmNext(result('cat /missing', 1), false)).toBeNull();
    expect(whyConfirmNext(result('true', 0), false)).toBeNull();
    expect(whyConfirmNext(result('sleep 9', 130), true)).toMatch(/interrupted/);
    expect(whyConfirmNext(result('sleep 9', 130, true), false)).toMatch(/timed out/);
    expect(whyConfirmNext(result('yes', 137), false)).toMatch(/killed/);
    expect(whyConfirmNext(result('unshare --pid --fork --mount-proc bash --norc', 1), false)).toMatch(/failed to start its shell/);
    expect(whyConfirmNext(result('docker run --rm -it --network none ptydeck/busybox sh', 125), false)).toMatch(/shell/);
    expect(whyConfirmNext({ ...result('exit 3', 3), shellExited: true }, false)).toBeNull();
  });
});
