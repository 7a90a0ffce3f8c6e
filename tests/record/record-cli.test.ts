// `ptydeck record` for real: a UTS namespace demo recorded through the CLI, read back, replayed,
// skipped when fresh, forced, and kept when a step fails.

import fs from 'node:fs';
import { release } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listMarkers } from '../../protocol/asciicast/markers.ts';
import { PTYDECK_HEADER_KEY } from '../../protocol/asciicast/types.ts';
import { RequirementChecker } from '../../server/demo/requirements.ts';
import { readDistro } from '../../server/record/host-facts.ts';
import { ptydeckVersion } from '../../server/record/package-version.ts';
import { replayScreen } from '../../server/record/replay-screen.ts';
import { runDemo } from '../../server/record/run-demo.ts';
import { skipReason } from '../skip-reason.ts';
import {
  CLI_TEST_TIMEOUT_MS,
  demoEntryOf,
  filesBeside,
  readRecording,
  runCli,
  tempProject,
  utsDeck,
  type TempProject,
} from './record-harness.ts';

const UTS_STEPS = ['unshare --uts --fork bash', 'hostname incontainer', 'hostname', 'exit'];
const notRoot = process.geteuid?.() === 0 ? null : 'recording a UTS namespace demo needs root';

describe.skipIf(skipReason(notRoot))('ptydeck record', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  let project: TempProject;
  beforeEach(() => {
    project = tempProject('slides');
  });
  afterEach(() => project.remove());

  it('records the UTS demo as asciicast v3: a marker per step, the exit status, the hash and host facts', async () => {
    const run = await runCli(['record', project.slides]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/✓ 3: hostname +exit 0/);
    expect(run.stdout).toContain('1 recorded, 0 fresh, 0 skipped, 0 failed');
    const file = project.recording('uts', 'uts');
    expect(filesBeside(file)).toEqual(['uts.cast']);
    const recording = readRecording(file);
    expect(recording.version).toBe(3);
    expect(listMarkers(recording).map((m) => m.label)).toEqual(UTS_STEPS.map((s, i) => `${i + 1}: ${s}`));
    expect(recording.events.at(-1)).toMatchObject({ kind: 'x', status: 0 });
    expect(recording.events.filter((e) => e.kind === 'i')).toEqual([]);
    const entry = await demoEntryOf(project, 'uts');
    const { header } = recording;
    expect(header).toMatchObject({ cols: 80, rows: 18, termType: 'xterm-256color', title: 'Hostname in a new UTS namespace' });
    expect(header.ptydeck).toEqual({
      deck: 'uts',
      demo: 'uts',
      hash: entry.hash,
      version: ptydeckVersion(),
      host: { kernel: release(), distro: readDistro() },
    });
    expect(Object.keys(header.env ?? {}).sort()).toEqual(['SHELL', 'TERM']);
    expect(Object.keys(header.raw).sort()).toEqual(['command', 'env', PTYDECK_HEADER_KEY, 'term', 'timestamp', 'title', 'version'].sort());
    // The session tag and the presenter's environment stay out of the file entirely.
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain('PTYDECK_SESSION');
    expect(text).not.toContain(process.env.PATH!);

    // The recording ends on the screen a live run of the same demo ends on.
    const live = await runDemo(entry, { projectRoot: project.root, requirements: new RequirementChecker() });
    expect(live.failure).toBeNull();
    expect(live.screen).toContain('incontainer');
    expect(await replayScreen(recording)).toBe(live.screen);
  });

  it('skips a demo whose recording is fresh, and records it again with --force', async () => {
    expect((await runCli(['record', project.slides])).code).toBe(0);
    const file = project.recording('uts', 'uts');
    const first = fs.readFileSync(file, 'utf8');

    const again = await runCli(['record', project.slides]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 recorded, 1 fresh, 0 skipped, 0 failed');
    expect(again.stdout).not.toContain('✓ 1:');
    expect(fs.readFileSync(file, 'utf8')).toBe(first);

    const forced = await runCli(['record', project.slides, '--demo', 'uts', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('1 recorded, 0 fresh');
    const second = fs.readFileSync(file, 'utf8');
    expect(second).not.toBe(first); // new times, same demo
    expect(listMarkers(readRecording(file))).toHaveLength(UTS_STEPS.length);
  });

  it('keeps the old recording when a step fails, and writes the failed run only with --force', async () => {
    expect((await runCli(['record', project.slides])).code).toBe(0);
    const file = project.recording('uts', 'uts');
    const old = fs.readFileSync(file, 'utf8');
    project.writeDeck('uts', utsDeck(['unshare --uts --fork bash', 'hostname incontainer', 'false', 'exit']));

    const failed = await runCli(['record', project.slides]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/✗ 3: false +exit 1/);
    expect(failed.stdout).toContain('step 3 `false` exited 1');
    expect(failed.stdout).toContain('0 recorded, 0 fresh, 0 skipped, 1 failed');
    expect(fs.readFileSync(file, 'utf8')).toBe(old);
    expect(filesBeside(file)).toEqual(['uts.cast']);

    const forced = await runCli(['record', project.slides, '--force']);
    expect(forced.code).toBe(0);
    const recording = readRecording(file);
    expect(recording.header.ptydeck?.hash).toBe((await demoEntryOf(project, 'uts')).hash);
    expect(listMarkers(recording).map((m) => m.label)).toContain('3: false');
  });

  it('rejects a --demo id the decks do not have', async () => {
    const run = await runCli(['record', project.slides, '--demo', 'no-such-demo']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no demo "no-such-demo"');
    expect(fs.existsSync(project.recording('uts', 'uts'))).toBe(false);
  });
});
