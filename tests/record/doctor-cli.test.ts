// `ptydeck doctor --json` for real: live here or not, fresh, stale after the deck changes, a live
// run compared with its recording, and a missing requirement with nothing to replay.

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../server/record/doctor-check.ts';
import { skipReason } from '../skip-reason.ts';
import { CLI_TEST_TIMEOUT_MS, runCli, tempProject, utsDeck, type TempProject } from './record-harness.ts';

interface DoctorJson {
  readonly ok: boolean;
  readonly demos: readonly DoctorReport[];
}

async function doctor(args: readonly string[]): Promise<{ code: number; report: DoctorJson }> {
  const run = await runCli(['doctor', ...args, '--json']);
  expect(run.stderr).toBe('');
  return { code: run.code, report: JSON.parse(run.stdout) as DoctorJson };
}

const notRoot = process.geteuid?.() === 0 ? null : 'running the UTS namespace demo needs root';

describe('ptydeck doctor', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const projects: TempProject[] = [];
  const project = (fixture: 'slides' | 'missing'): TempProject => {
    const created = tempProject(fixture);
    projects.push(created);
    return created;
  };
  afterEach(() => {
    for (const p of projects.splice(0)) p.remove();
  });

  it.skipIf(skipReason(notRoot))('reports a recorded demo as live and fresh, the same on a live run, and stale once the deck changes', async () => {
    const uts = project('slides');
    const before = await doctor([uts.slides]);
    expect(before.code).toBe(0);
    expect(before.report.demos[0]).toMatchObject({ demo: 'uts', live: { ok: true }, recording: { status: 'missing' }, ok: true });
    expect((await runCli(['record', uts.slides])).code).toBe(0);

    const fresh = await doctor([uts.slides, '--run']);
    expect(fresh.code).toBe(0);
    expect(fresh.report.demos[0]).toMatchObject({
      deck: 'uts',
      demo: 'uts',
      live: { ok: true, missing: [] },
      recording: { status: 'fresh', path: path.join('demos', 'recordings', 'uts', 'uts.cast') },
      run: { status: 'same', failure: null },
      ok: true,
    });
    expect(fresh.report.demos[0]!.requirements.map((r) => r.name)).toEqual(['root', 'unshare']);

    uts.writeDeck('uts', utsDeck(['unshare --uts --fork bash', 'hostname elsewhere', 'hostname', 'exit']));
    const stale = await doctor([uts.slides, '--run']);
    expect(stale.code).toBe(0); // a stale recording still replays
    expect(stale.report.demos[0]).toMatchObject({ recording: { status: 'stale' }, run: { status: 'differs', failure: null } });
    const run = stale.report.demos[0]!.run;
    expect(run.status === 'differs' && run.live + run.recorded).toMatch(/elsewhere.*incontainer|incontainer.*elsewhere/);
  });

  it('reports a missing requirement, and fails only while there is no recording to replay', async () => {
    const missing = project('missing');
    const without = await doctor([missing.slides]);
    expect(without.code).toBe(1);
    expect(without.report.ok).toBe(false);
    const [demo] = without.report.demos;
    expect(demo).toMatchObject({ deck: 'needs-tool', demo: 'needs-tool', recording: { status: 'missing' }, ok: false });
    expect(demo!.live.ok).toBe(false);
    expect(demo!.live.missing.map((m) => m.name)).toEqual(['cmd:definitely-not-installed']);
    expect(demo!.live.missing[0]!.detail).toContain('not on PATH');

    // Any asciicast file will do for replay, even one asciinema made (no ptydeck hash: stale).
    const file = missing.recording('needs-tool', 'needs-tool');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{"version": 3, "term": {"cols": 80, "rows": 18}}\n[0.5, "o", "$ "]\n');
    const withRecording = await doctor([missing.slides]);
    expect(withRecording.code).toBe(0);
    expect(withRecording.report.demos[0]).toMatchObject({ live: { ok: false }, recording: { status: 'stale' }, ok: true });
  });

  it('prints a plain table when its output is not a terminal', async () => {
    const missing = project('missing');
    const run = await runCli(['doctor', missing.slides]);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('\x1b[');
    expect(run.stdout.split('\n')[0]).toMatch(/^deck +demo +live here\? +recording +run$/);
    expect(run.stdout).toMatch(/^needs-tool +needs-tool +no: cmd:definitely-not-installed +missing +—$/m);
    expect(run.stdout).toContain('1 demo: 0 run live here, 0 only replay, 1 can do neither');
  });
});
