// `ptydeck dev --record` keeps the best completed rehearsal: a real session in a real pty, stepped
// as the browser would, recorded into a temporary project.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PtySession } from '../../server/demo/pty-session.ts';
import { RehearsalRecorder } from '../../server/record/rehearsal-recorder.ts';
import { recordingPath } from '../../server/record/recording-path.ts';
import { demoEntry } from '../demo/demo-entry.ts';
import { readRecording } from './record-harness.ts';
import { findDecks } from '../../server/site/find-decks.ts';
import { startDevServer } from '../../server/dev/dev-server.ts';
import { ackOutput, connect, ok, request } from '../live/live-harness.ts';

const projects: string[] = [];
afterEach(() => {
  for (const dir of projects.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function project(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-rehearsal-'));
  projects.push(root);
  return root;
}

/** Runs a session with a rehearsal recorder through `steps` step() calls, then disposes both. */
async function rehearse(root: string, commands: string[], hash: string, steps = commands.length): Promise<string[]> {
  const entry = demoEntry('rehearsed', commands, { hash });
  const session = new PtySession({ entry, projectRoot: root });
  const saved: string[] = [];
  const recorder = new RehearsalRecorder(session, root, (_e, file) => saved.push(file));
  for (let i = 0; i < steps; i++) expect((await session.step()).ok).toBe(true);
  // Saving happens once the last step's result is in; give the commit a moment.
  await new Promise((resolve) => setTimeout(resolve, 100));
  recorder.dispose();
  await session.dispose();
  return saved;
}

describe('rehearsal recording', () => {
  it('records a completed run with one marker per step', async () => {
    const root = project();
    const saved = await rehearse(root, ['echo one', 'echo two'], 'h1');
    const file = recordingPath(root, 'tests', 'rehearsed');
    expect(saved).toEqual([file]);
    const recording = readRecording(file);
    expect(recording.events.filter((e) => e.kind === 'm').map((e) => e.data)).toEqual(['1: echo one', '2: echo two']);
    expect(recording.header.ptydeck?.hash).toBe('h1');
  });

  it('keeps the recording when a rehearsal stops before the last step', async () => {
    const root = project();
    await rehearse(root, ['echo one', 'echo two'], 'h1');
    const file = recordingPath(root, 'tests', 'rehearsed');
    const before = fs.readFileSync(file, 'utf8');
    const saved = await rehearse(root, ['echo one', 'echo two'], 'h1', 1);
    expect(saved).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['rehearsed.cast']);
  });

  it('keeps a clean recording when a later run has a failing step, and replaces it with a clean one', async () => {
    const root = project();
    await rehearse(root, ['echo one', 'true'], 'h1');
    const file = recordingPath(root, 'tests', 'rehearsed');
    const clean = fs.readFileSync(file, 'utf8');
    expect(await rehearse(root, ['echo one', 'false'], 'h1')).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).toBe(clean);
    expect(await rehearse(root, ['echo one', 'true'], 'h1')).toEqual([file]);
  });
});

describe('ptydeck dev --record', () => {
  it('records a demo stepped to its end over the socket, as the browser does', async () => {
    const root = project();
    fs.mkdirSync(path.join(root, 'slides'));
    fs.writeFileSync(path.join(root, 'package.json'), '{"private": true}\n');
    fs.writeFileSync(path.join(root, 'slides/talk.md'), '# Talk\n\n```demo id=hello\n$ echo hello\n$ echo again\n```\n');
    const set = findDecks(path.join(root, 'slides'));
    if ('error' in set) throw new Error(set.error);
    const server = await startDevServer({ set, host: '127.0.0.1', port: 0, record: true, onDiagnostics: () => {} });
    const url = `http://127.0.0.1:${server.port}`;
    const socket = await connect(url, { token: server.live.token });
    try {
      ackOutput(socket);
      const ref = { deck: 'talk', id: 'hello' };
      ok(await request(socket, 'demo:attach', ref));
      ok(await request(socket, 'demo:step', ref));
      ok(await request(socket, 'demo:step', ref));
      const file = recordingPath(root, 'talk', 'hello');
      await expect.poll(() => fs.existsSync(file), { timeout: 10_000 }).toBe(true);
      expect(readRecording(file).events.filter((e) => e.kind === 'm')).toHaveLength(2);
    } finally {
      socket.close();
      await server.close();
    }
  });
});
