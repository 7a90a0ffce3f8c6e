// Requirements are checked for real, and a missing one stops a demo with a message on its screen.

import { describe, expect, it } from 'vitest';
import { KNOWN_REQUIREMENTS } from '../../protocol/demo-manifest.ts';
import { RequirementChecker } from '../../server/demo/requirements.ts';
import { demoEntry } from './demo-entry.ts';
import { PTY_TEST_TIMEOUT_MS, withSession } from './session-harness.ts';

/** What this development machine (root, Debian 12, hybrid cgroups) must have. */
const PRESENT_HERE = KNOWN_REQUIREMENTS.filter((r) => r !== 'docker');

describe('requirements', { timeout: PTY_TEST_TIMEOUT_MS }, () => {
  it('finds every kernel feature and tool this machine has', async () => {
    const results = await new RequirementChecker().check(PRESENT_HERE);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results.map((r) => r.name)).toEqual(PRESENT_HERE);
  });

  it('reports which controllers a writable cgroup v2 hierarchy offers', async () => {
    const [v2] = await new RequirementChecker().check(['cgroup-v2']);
    expect(v2?.detail).toMatch(/^cgroup v2 at \S+ is writable; controllers available: .+; enabled for child groups: .+$/);
  });

  it('answers for docker within its time limit, whether or not an engine runs', async () => {
    const started = Date.now();
    const [docker] = await new RequirementChecker().check(['docker']);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(docker?.detail).toMatch(docker?.ok ? /^docker: engine / : /^needs (the docker CLI|a running docker engine)/);
  });

  it('rejects unknown names and missing commands with a sentence saying what to do', async () => {
    const results = await new RequirementChecker().check(['kvm', 'cmd:definitely-not-a-command', 'cmd:../bin/sh', 'cmd:sh']);
    expect(results).toEqual([
      { name: 'kvm', ok: false, detail: expect.stringMatching(/^unknown requirement "kvm": use one of linux, root, .*cmd:NAME$/) },
      { name: 'cmd:definitely-not-a-command', ok: false, detail: expect.stringContaining('`definitely-not-a-command` is not on PATH') },
      { name: 'cmd:../bin/sh', ok: false, detail: expect.stringContaining('cmd: takes a command name') },
      { name: 'cmd:sh', ok: true, detail: expect.stringMatching(/^sh: \//) },
    ]);
  });

  it('caches each verdict until refreshed', async () => {
    const checker = new RequirementChecker();
    const [first] = await checker.check(['root']);
    const [again] = await checker.check(['root']);
    expect(again).toBe(first);
    checker.refresh();
    const [fresh] = await checker.check(['root']);
    expect(fresh).not.toBe(first);
    expect(fresh).toEqual(first);
  });

  it('stops a demo with a missing requirement: a clear message on its screen and a returned error', async () => {
    const entry = demoEntry('missing', ['echo never'], { options: { requires: ['root', 'cmd:definitely-not-a-command'] } });
    await withSession(entry, async (session) => {
      const result = await session.step();
      expect(result).toMatchObject({ ok: false, error: { code: 'requirement-missing' } });
      expect(!result.ok && result.error.message).toContain('cmd:definitely-not-a-command');
      const text = await session.text();
      expect(text).toContain('ptydeck: this demo cannot run live here:');
      expect(text).toContain('- cmd:definitely-not-a-command: needs definitely-not-a-command');
      expect(text).not.toMatch(/^\s+at /m);
      expect(session.state).toBe('failed');
      expect(session.shellPid).toBeNull();
    });
  });

  it('refuses a cwd outside the project with a message rather than starting there', async () => {
    const entry = demoEntry('bad-cwd', ['pwd'], { options: { cwd: '../..' } });
    await withSession(entry, async (session) => {
      expect(await session.step()).toMatchObject({ ok: false, error: { code: 'bad-cwd' } });
      expect(await session.text()).toContain('lies outside the project');
    });
  });
});
