// The demo shell's environment and place: a clean minimal set, the demo's cwd, its fixed size.

import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoPath } from '../../server/demo/shell-env.ts';
import { demoEntry, PROJECT_ROOT } from './demo-entry.ts';
import { PTY_TEST_TIMEOUT_MS, step, withSession } from './session-harness.ts';

const SECRET_NAME = 'PTYDECK_TEST_SECRET_TOKEN';

describe('the demo shell environment', { timeout: PTY_TEST_TIMEOUT_MS }, () => {
  afterEach(() => {
    delete process.env[SECRET_NAME];
  });

  it('passes PATH, HOME, TERM, LANG and SHELL, and nothing else of the server environment', async () => {
    process.env[SECRET_NAME] = 'do-not-leak';
    const entry = demoEntry('env', ['env | cut -d= -f1 | sort', 'echo "$TERM $LANG $SHELL"']);
    await withSession(entry, async (session) => {
      const names = (await step(session)).output.split('\n');
      expect(names).not.toContain(SECRET_NAME);
      for (const name of ['PATH', 'HOME', 'TERM', 'LANG', 'SHELL']) expect(names).toContain(name);
      // bash adds PWD, SHLVL, _ and OLDPWD itself; the rest are the prompt marks and the tag.
      const ours = ['HISTFILE', 'PROMPT_COMMAND', 'PS1', 'PTYDECK_SESSION', 'DOCKER_HOST'];
      const bashOwn = ['OLDPWD', 'PWD', 'SHLVL', '_'];
      expect(names.filter((n) => !['PATH', 'HOME', 'TERM', 'LANG', 'SHELL', ...ours, ...bashOwn].includes(n))).toEqual([]);
      expect((await step(session)).output).toMatch(/^xterm-256color C\.UTF-8 \/\S*bash$/);
    });
  });

  it('starts in the demo cwd, relative to the project root, at the demo size', async () => {
    const entry = demoEntry('cwd', ['pwd', 'stty size'], { options: { cwd: 'tests/demo', cols: 100, rows: 30 } });
    await withSession(entry, async (session) => {
      expect((await step(session)).output).toBe(join(PROJECT_ROOT, 'tests/demo'));
      expect((await step(session)).output).toBe('30 100');
    });
  });

  it('keeps the presenter PATH entries but drops node_modules ones and adds the sbin folders', () => {
    expect(demoPath('/home/me/bin:/work/node_modules/.bin:/usr/bin:relative')).toBe(
      '/home/me/bin:/usr/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/sbin:/bin',
    );
  });
});
