// The registry: one session per (deck, demo), a bound on how many, and a shutdown that waits for teardown.

import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SessionRegistry } from '../../server/demo/session-registry.ts';
import { demoEntry, PROJECT_ROOT } from './demo-entry.ts';
import { leftoverProcesses, PTY_TEST_TIMEOUT_MS, unwrap } from './session-harness.ts';

describe('SessionRegistry', { timeout: PTY_TEST_TIMEOUT_MS }, () => {
  it('returns the same session for the same demo, and a new one when the deck changed it', async () => {
    const registry = new SessionRegistry(PROJECT_ROOT);
    const first = unwrap(registry.open(demoEntry('a', ['true'])));
    const again = unwrap(registry.open(demoEntry('a', ['true'])));
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, session: first.session });
    const edited = unwrap(registry.open(demoEntry('a', ['false'], { hash: 'edited' })));
    expect(edited.created).toBe(true);
    expect(registry.get('tests', 'a')).toBe(edited.session);
    await registry.disposeAll();
    expect(first.session.state).toBe('disposed');
    expect(edited.session.state).toBe('disposed');
  });

  it('refuses a session past its limit, with a message, until one is closed', async () => {
    const registry = new SessionRegistry(PROJECT_ROOT, undefined, 2);
    unwrap(registry.open(demoEntry('one', ['true'])));
    unwrap(registry.open(demoEntry('two', ['true'])));
    expect(registry.open(demoEntry('three', ['true']))).toMatchObject({ ok: false, error: { code: 'too-many-sessions' } });
    await registry.close('tests', 'one');
    unwrap(registry.open(demoEntry('three', ['true'])));
    expect(registry.size).toBe(2);
    await registry.disposeAll();
    expect(registry.size).toBe(0);
  });

  it('disposes every session on shutdown and resolves only once every teardown ran', async () => {
    const registry = new SessionRegistry(PROJECT_ROOT);
    const markers = [0, 1, 2].map(() => join(tmpdir(), `ptydeck-test-registry-${randomBytes(4).toString('hex')}`));
    const sessions = markers.map((marker, i) => {
      writeFileSync(marker, '');
      return unwrap(registry.open(demoEntry(`demo-${i}`, ['sleep 1000 &', 'true'], { teardown: [`sleep 0.2; rm ${marker}`] }))).session;
    });
    for (const session of sessions) unwrap(await session.step());
    const ids = sessions.map((s) => s.id);
    const reports = await registry.disposeAll();
    expect(reports).toHaveLength(3);
    expect(reports.every((r) => r.ok)).toBe(true);
    expect(markers.filter((m) => existsSync(m))).toEqual([]);
    expect(ids.flatMap((id) => leftoverProcesses(id))).toEqual([]);
  });
});
