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
