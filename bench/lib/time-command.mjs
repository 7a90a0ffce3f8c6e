// Times a whole command from outside, as the peer benchmark's lib/timeit.mjs does: an untimed
// `prepare` (e.g. deleting the output) before each run, the child under GNU time for the peak
// resident memory of its largest process, a monotonic clock around the whole child.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { median } from './stats.mjs';
import { makeTempFolder } from './temp-folder.mjs';

/** GNU time reports peak RSS (%M); without it the figure is left out, never guessed. */
const GNU_TIME = '/usr/bin/time';

/** Runs `command` (argv) `warmup` + `runs` times; returns wall seconds and peak MiB (medians). */
export function timeCommand(command, { cwd, runs = 5, warmup = 1, prepare = () => {}, env = process.env }) {
  const tmp = makeTempFolder('ptydeck-time-');
  const timeFile = path.join(tmp, 'time.txt');
  const hasTime = fs.existsSync(GNU_TIME);
  const results = [];
  try {
    for (let i = 0; i < warmup + runs; i++) {
      prepare();
      const argv = hasTime ? [GNU_TIME, '-f', '%M', '-o', timeFile, ...command] : command;
      const started = process.hrtime.bigint();
      const child = spawnSync(argv[0], argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      let peakMiB = NaN;
      if (hasTime) peakMiB = Number(fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop()) / 1024;
      if (i >= warmup) results.push({ wall, peakMiB, code: child.status, stderr: String(child.stderr).slice(-2000) });
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const walls = results.map((r) => r.wall);
  return {
    n: results.length,
    wall_min: Math.min(...walls),
    wall_median: median(walls),
    wall_max: Math.max(...walls),
    peak_mib_median: median(results.map((r) => r.peakMiB)),
    ok: results.every((r) => r.code === 0),
    stderr: results.find((r) => r.code !== 0)?.stderr ?? '',
  };
}
