// Live demos through the real stack: the dev server on a free port, socket.io with the token,
// node-pty shells and the real kernel's namespaces and cgroups.
import fs from 'node:fs';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ackOutput, connect, ok, request, startLiveServer, type ClientSocket } from './live-harness.ts';
import { skipReason } from '../skip-reason.ts';
import type { Ack } from '../../protocol/socket-events.ts';
import { TEXT_OUTPUT_MAX_BYTES } from '../../server/live/live-demo.ts';
import { outputText } from './screen-helpers.ts';
import { eventually } from '../demo/session-harness.ts';

const notRoot = process.getuid?.() === 0 ? null : 'the namespace and cgroup demos need root';
const v2Root = fs.readFileSync('/proc/mounts', 'utf8').split('\n').map((l) => l.split(' ')).find((f) => f[2] === 'cgroup2')?.[1];
const hasV1Pids = fs.existsSync('/sys/fs/cgroup/pids/tasks');
/** Which cgroup hierarchies exist is a fact of the machine, not something CI installs. */
function machineLacks(reason: string | null): boolean {
  if (reason) console.warn(`skipping: ${reason}`);
  return reason !== null;
}

describe.skipIf(skipReason(notRoot) !== null)('live demos over socket.io', () => {
  let server: Awaited<ReturnType<typeof startLiveServer>>;
  let presenter: ClientSocket;

  beforeAll(async () => {
    server = await startLiveServer();
    presenter = await connect(server.url, { token: server.live.token });
    ackOutput(presenter);
  });
  afterAll(async () => {
    presenter?.close();
    await server?.close();
  });

  it('runs the UTS demo step by step, state carrying into the nested shell', async () => {
    const ref = { deck: 'live', id: 'uts' };
    ok(await request(presenter, 'demo:attach', ref));
    const outcomes = [];
    for (let i = 0; i < 5; i++) outcomes.push(ok(await request(presenter, 'demo:step', ref)).outcome);
    expect(outcomes.map((o) => o.exitCode)).toEqual([0, 0, 0, 0, 0]);
    expect(outcomes[2]!.output.trim()).toBe('incontainer');
    expect(outcomes[4]!.output.trim()).toBe(os.hostname());
    expect(os.hostname()).not.toBe('incontainer');
    const next = await request(presenter, 'demo:step', ref);
    expect(next.ok).toBe(false);
  });

  it('gives a view that attaches late the current screen', async () => {
    const late = await connect(server.url, { token: server.live.token });
    const reply = ok(await request(late, 'demo:attach', { deck: 'live', id: 'uts' }));
    expect(reply.snapshot.screen).toContain('incontainer');
    expect(reply.snapshot.nextStep).toBe(5);
    late.close();
  });

  it('shows PID 1 inside a new PID namespace', async () => {
    const ref = { deck: 'live', id: 'pid' };
    ok(await request(presenter, 'demo:attach', ref));
    ok(await request(presenter, 'demo:step', ref));
    const ps = ok(await request(presenter, 'demo:step', ref)).outcome;
    expect(ps.exitCode).toBe(0);
    expect(ps.output).toMatch(/^\s*1 bash$/m);
    expect(ok(await request(presenter, 'demo:step', ref)).outcome.exitCode).toBe(0);
  });

  it.skipIf(machineLacks(v2Root ? null : 'no cgroup v2 hierarchy is mounted'))('creates, limits, enters and removes a cgroup on the v2 hierarchy', async () => {
    const ref = { deck: 'live', id: 'cgroup-v2' };
    ok(await request(presenter, 'demo:attach', ref));
    const all = ok(await request(presenter, 'demo:run-all', ref)).outcomes;
    expect(all.map((o) => o.exitCode)).toEqual([0, 0, 0, 0]);
    expect(all[1]!.output.trim()).toBe('3');
    expect(all[2]!.output.trim()).toBe('1');
    expect(all[3]!.output.trim()).toBe('removed');
    expect(fs.existsSync(`${v2Root}/ptydeck-live-v2`)).toBe(false);
  });

  it.skipIf(machineLacks(hasV1Pids ? null : 'no cgroup v1 pids hierarchy (a pure cgroup v2 machine)'))('creates, limits, enters and removes a cgroup on the v1 pids hierarchy', async () => {
    const ref = { deck: 'live', id: 'cgroup-v1' };
    ok(await request(presenter, 'demo:attach', ref));
    const all = ok(await request(presenter, 'demo:run-all', ref)).outcomes;
    expect(all.map((o) => o.exitCode)).toEqual([0, 0, 0, 0]);
    expect(all[1]!.output.trim()).toBe('20');
    expect(all[2]!.output.trim()).toBe('1');
    expect(fs.existsSync('/sys/fs/cgroup/pids/ptydeck-live-v1')).toBe(false);
  });

  it('resets a demo: the screen clears and it runs again from the first step', async () => {
    const ref = { deck: 'live', id: 'uts' };
    ok(await request(presenter, 'demo:reset', ref));
    const first = ok(await request(presenter, 'demo:step', ref)).outcome;
    expect(first.index).toBe(0);
    ok(await request(presenter, 'demo:reset', ref));
  });
});

describe('demo output on the wire', () => {
  let server: Awaited<ReturnType<typeof startLiveServer>>;
  let presenter: ClientSocket;

  beforeAll(async () => {
    server = await startLiveServer();
    presenter = await connect(server.url, { token: server.live.token });
  });
  afterAll(async () => {
    presenter?.close();
    await server?.close();
  });

  it('sends short ASCII output (an echo) as one text frame, anything else as UTF-8 bytes', async () => {
    const ref = { deck: 'live', id: 'chat' };
    const messages: Array<Uint8Array | string> = [];
    presenter.on('demo:output', ({ deck, id, data }) => {
      messages.push(data);
      presenter.emit('output:ack', { deck, id, bytes: data.length });
    });
    ok(await request(presenter, 'demo:attach', ref));
    ok(await request(presenter, 'demo:step', ref));
    const text = () => messages.map(outputText).join('');
    const typed = "echo 'caf\u00e9'; head -c 3000 /dev/zero | tr '\\0' x; echo\r";
    ok(await new Promise<Ack>((resolve) => presenter.emit('demo:input', { ...ref, data: typed }, resolve)));
    expect(await eventually(() => text().includes('x'.repeat(3000)), 5_000)).toBe(true);
    const strings = messages.filter((m): m is string => typeof m === 'string');
    const binary = messages.filter((m): m is Uint8Array => typeof m !== 'string');
    // The step's echo and prompt are short and ASCII; the typed é and the 3000 x's are not both.
    expect(strings.length).toBeGreaterThan(0);
    for (const s of strings) {
      expect(s.length).toBeLessThanOrEqual(TEXT_OUTPUT_MAX_BYTES);
      expect(s).toMatch(/^[\x00-\x7f]*$/);
    }
    expect(binary.some((b) => outputText(b).includes('caf\u00e9'))).toBe(true);
    expect(binary.every((b) => b instanceof Uint8Array && (b.length > TEXT_OUTPUT_MAX_BYTES || /[^\x00-\x7f]/.test(outputText(b))))).toBe(true);
    expect(text()).toContain('ready');
  });
});
