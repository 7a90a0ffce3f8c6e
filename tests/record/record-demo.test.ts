// recordDemo in-process: the replay of a recording is the screen of the very run it recorded;
// interactive demos keep what was typed; an interrupted run writes nothing and still tears down.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RequirementChecker, probeEnvironment } from '../../server/demo/requirements.ts';
import { recordDemo, type RecordOptions } from '../../server/record/record-demo.ts';
import { recordingPath } from '../../server/record/recording-path.ts';
import { replayScreen } from '../../server/record/replay-screen.ts';
import { demoEntry } from '../demo/demo-entry.ts';
import { PTY_TEST_TIMEOUT_MS } from '../demo/session-harness.ts';
import { readRecording } from './record-harness.ts';

describe('recordDemo', { timeout: PTY_TEST_TIMEOUT_MS }, () => {
  let root: string;
  let options: RecordOptions;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-record-demo-'));
    options = { projectRoot: root, requirements: new RequirementChecker(), probeEnv: probeEnvironment(), force: false };
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('writes a recording whose replay is exactly the final screen of the run it recorded', async () => {
    const entry = demoEntry('colours', ["printf '\\033[32mgreen\\033[0m %s\\n' $$", 'cd /tmp && printf "%-6s|\\n" a b', 'seq 1 30'], {
      setup: ['HIDDEN=setup-was-here'],
    });
    const outcome = await recordDemo(entry, options);
    expect(outcome.kind).toBe('recorded');
    if (outcome.kind !== 'recorded') return;
    const recording = readRecording(outcome.path);
    expect(await replayScreen(recording)).toBe(outcome.run.screen);
    expect(outcome.run.screen).toContain('30');
    // Setup runs before the recording starts: a replay never shows hidden steps.
    expect(fs.readFileSync(outcome.path, 'utf8')).not.toContain('setup-was-here');
  });

  it('records what is typed as input in an interactive demo, and only there', async () => {
    const typed = await recordDemo(demoEntry('typed', ['echo hi'], { options: { interactive: true } }), options);
    const plain = await recordDemo(demoEntry('plain', ['echo hi']), options);
    const inputs = (file: string) => readRecording(file).events.filter((e) => e.kind === 'i').map((e) => e.data);
    expect(inputs(typed.path)).toEqual(['echo hi\r']);
    expect(inputs(plain.path)).toEqual([]);
  });

  it('skips a demo this machine cannot run, without touching its recording', async () => {
    const entry = demoEntry('needs-tool', ['true'], { options: { requires: ['cmd:definitely-not-installed'] } });
    const outcome = await recordDemo(entry, options);
    expect(outcome).toMatchObject({ kind: 'skipped', missing: [{ name: 'cmd:definitely-not-installed', ok: false }] });
    expect(fs.existsSync(path.dirname(recordingPath(root, 'tests', 'needs-tool')))).toBe(false);
  });

  it('writes nothing when interrupted, and still runs the teardown', async () => {
    const marker = path.join(root, 'torn-down');
    const entry = demoEntry('slow', ['sleep 30', 'true'], { teardown: [`touch ${marker}`] });
    const controller = new AbortController();
    const outcome = await recordDemo(entry, {
      ...options,
      signal: controller.signal,
      onSession: (session) => void session.on('step:started', () => setTimeout(() => controller.abort(), 100)),
    });
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'interrupted' });
    expect(fs.readdirSync(path.dirname(outcome.path))).toEqual([]);
    expect(fs.existsSync(marker)).toBe(true);
  });
});
