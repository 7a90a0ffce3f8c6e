// Namespace demos run for real: each step's output and exit code, the marks re-armed in nested shells.

import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { demoEntry } from './demo-entry.ts';
import {
  processesInNamespace,
  PTY_TEST_TIMEOUT_MS,
  sessionNamespaces,
  step,
  withSession,
} from './session-harness.ts';

describe('namespace demos', { timeout: PTY_TEST_TIMEOUT_MS }, () => {
  it('runs the UTS demo: the hostname changes inside the new namespace and not outside it', async () => {
    const entry = demoEntry('uts', ['unshare --uts --fork bash', 'hostname incontainer', 'hostname', 'exit', 'hostname'], {
      options: { requires: ['root', 'unshare'] },
    });
    let uts: string[] = [];
    await withSession(entry, async (session) => {
      expect(await step(session)).toMatchObject({ exitCode: 0, timedOut: false });
      uts = sessionNamespaces(session, 'uts');
      expect(uts).toHaveLength(1);
      expect(await step(session)).toMatchObject({ exitCode: 0, output: '' });
      expect(await step(session)).toMatchObject({ exitCode: 0, output: 'incontainer' });
      expect(await step(session)).toMatchObject({ exitCode: 0, output: 'exit' });
      expect(await step(session)).toMatchObject({ exitCode: 0, output: hostname() });
      expect(hostname()).not.toBe('incontainer');
      expect(session.state).toBe('finished');
    });
    expect(processesInNamespace('uts', uts[0]!)).toEqual([]);
  });

  it('runs the PID demo: inside the new namespace, bash is PID 1', async () => {
    const entry = demoEntry('pid', ['unshare --pid --fork --mount-proc bash', 'ps -o pid,comm', 'exit'], {
      options: { requires: ['root', 'unshare'] },
    });
    let namespaces: string[] = [];
    await withSession(entry, async (session) => {
      expect(await step(session)).toMatchObject({ exitCode: 0 });
      namespaces = [...sessionNamespaces(session, 'pid'), ...sessionNamespaces(session, 'mnt')];
      expect(namespaces).toHaveLength(2);
      const ps = await step(session);
      expect(ps.exitCode).toBe(0);
      expect(ps.output).toMatch(/^\s*1 bash$/m);
      expect(ps.output).toMatch(/^\s*\d+ ps$/m);
      expect(await step(session)).toMatchObject({ exitCode: 0 });
    });
    for (const link of namespaces) expect(processesInNamespace(link.split(':')[0]!, link)).toEqual([]);
  });

  it('reports exit codes from the shell itself, in the top shell and in a nested one', async () => {
    const entry = demoEntry('exit-codes', ['false', 'bash', 'exit 3', 'true', 'sh -c "exit 4"']);
    await withSession(entry, async (session) => {
      expect((await step(session)).exitCode).toBe(1);
      expect((await step(session)).exitCode).toBe(0);
      expect((await step(session)).exitCode).toBe(3);
      expect((await step(session)).exitCode).toBe(0);
      expect((await step(session)).exitCode).toBe(4);
    });
  });

  it('re-arms the marks in shells nested in shells: bash, dash, busybox ash and bash again', async () => {
    const entry = demoEntry('nested', [
      'unshare --uts --fork bash',
      'sh',
      'echo "dash:$((6*7))"',
      'busybox sh',
      'false',
      'bash',
      'hostname nested && hostname',
      'exit 5',
      'exit 6',
      '(exit 7)',
      'exit',
      'exit',
      'hostname',
    ]);
    await withSession(entry, async (session) => {
      const results = [];
      for (let i = 0; i < entry.steps.length; i++) results.push(await step(session));
      expect(results.map((r) => r.timedOut)).toEqual(entry.steps.map(() => false));
      // A bare `exit` passes the last status on: dash's (exit 7) leaves dash, then bash, with 7.
      expect(results.map((r) => r.exitCode)).toEqual([0, 0, 0, 0, 1, 0, 0, 5, 6, 7, 7, 7, 0]);
      expect(results[2]?.output).toBe('dash:42');
      expect(results[6]?.output).toBe('nested');
      expect(results[12]?.output).toBe(hostname());
    });
  });
});
