// Cgroup demos run for real on a v2 and a v1 hierarchy, and leave no group behind.

import { existsSync, readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cgroupHierarchies } from '../../server/demo/cgroup-hierarchy.ts';
import type { StepResult } from '../../server/demo/demo-result.ts';
import { cgroupDemo, findCgroupTarget } from './cgroup-demo.ts';
import { PTY_TEST_TIMEOUT_MS, step, unwrap, withSession } from './session-harness.ts';

describe('cgroup demos', { timeout: PTY_TEST_TIMEOUT_MS }, () => {
  afterAll(() => {
    // No test group is left in any hierarchy, whatever the tests above did.
    const left = cgroupHierarchies().flatMap((h) => readdirSync(h.mountPoint).filter((n) => n.startsWith('ptydeck-test-')));
    expect(left).toEqual([]);
  });

  for (const version of [2, 1] as const) {
    it(`creates a v${version} group, limits it, moves the shell in and out, and removes it`, async (ctx) => {
      const target = findCgroupTarget(version);
      if (typeof target === 'string') {
        console.warn(`skipped: cgroup v${version} demo: ${target}`);
        ctx.skip(target);
        return;
      }
      const { entry, group } = cgroupDemo(target);
      await withSession(entry, async (session) => {
        const results: StepResult[] = [];
        for (let i = 0; i < entry.steps.length; i++) results.push(await step(session));
        expect(results.map((r) => r.exitCode)).toEqual(entry.steps.map(() => 0));
        expect(results[3]?.output).toBe(target.limitValue);
        const inGroup = new RegExp(`^${version === 2 ? '0:' : '\\d+:pids'}:/${basename(group)}$`, 'm');
        expect(results[4]?.output).toMatch(inGroup);
        expect(existsSync(group)).toBe(false);
      });
      expect(existsSync(group)).toBe(false);
    });
  }

  it('removes the group in teardown when the demo is reset with the shell still inside it', async (ctx) => {
    const target = findCgroupTarget(2);
    if (typeof target === 'string') {
      console.warn(`skipped: cgroup reset demo: ${target}`);
      ctx.skip(target);
      return;
    }
    const { entry, group } = cgroupDemo(target);
    await withSession(entry, async (session) => {
      for (let i = 0; i < 3; i++) expect((await step(session)).exitCode).toBe(0);
      expect(existsSync(group)).toBe(true);
      const reset = unwrap(await session.reset());
      expect(reset.teardown).toMatchObject({ ok: true });
      expect(existsSync(group)).toBe(false);
    });
  });
});
