// Reliability part: the soak. Seeded random demo runs (steps, interrupts, resets, disconnects,
// reloads) against `ptydeck dev` in its own process, then what is left on the host and in the
// server, and the server's memory along the way. The same runSoak is tests/reliability/soak.test.ts.
import { rssCurve, runSoak, soakLeaks } from '../../tests/reliability/soak-run.ts';
import type { ReliabilityPart, ReliabilityRow } from './row.ts';

/** Runs in the full bench (the issue's figure) and in --quick (as npm test does). */
const FULL_RUNS = 1_000;
const QUICK_RUNS = 50;
/** Clients acting at once: a presenter, a speaker view, a reloaded page, a second screen. */
const LANES = 4;
/** RSS samples over the soak: every 100 runs of the full one. */
const SAMPLES = 10;
/** Growth of the server's RSS from warm-up to the end that counts as a leak (bytes). */
const RSS_GROWTH_BOUND = 100 * 1024 * 1024;

export const run: ReliabilityPart = async ({ quick, seed }) => {
  if (process.getuid?.() !== 0) {
    return [{ category: 'soak', attack: 'random demo runs', tried: 0, failed: 0, notes: 'not run: the namespace and cgroup demos need root' }];
  }
  const runs = quick ? QUICK_RUNS : FULL_RUNS;
  const report = await runSoak({ runs, seed, lanes: LANES, samples: SAMPLES });
  const leaks = soakLeaks(report);
  const growth = report.rss.at(-1)! - report.rss[0]!;
  const rows: ReliabilityRow[] = [
    {
      category: 'soak',
      attack: `seeded random demo runs in ${LANES} clients: steps, run-all, interrupts, resets, disconnects, reloads, mid-step`,
      tried: report.runs,
      failed: report.failures.length,
      notes: `${report.seconds.toFixed(0)} s; replies ${Object.entries(report.replies).map(([k, v]) => `${k} ${v}`).join(', ')}` +
        (report.failures.length > 0 ? `; first failure: ${report.failures[0]}` : ''),
    },
    {
      category: 'soak',
      attack: 'leftovers: demo processes (by session tag), namespaces, cgroups, mounts, server file descriptors',
      tried: report.runs,
      failed: leaks.length,
      notes: `${report.namespacesCreated} namespaces seen created; ${report.teardowns} teardowns ran; fds ${report.fds.baseline}→${report.fds.after}` +
        (leaks.length > 0 ? `; left: ${leaks.slice(0, 3).join('; ')}` : '; nothing left'),
    },
    {
      category: 'soak',
      attack: `server memory (RSS) every ${Math.max(1, Math.floor(runs / SAMPLES))} runs`,
      tried: report.rss.length,
      failed: growth > RSS_GROWTH_BOUND ? 1 : 0,
      notes: `${rssCurve(report.rss)}; Ctrl-C exit ${report.serverExit}`,
    },
  ];
  return rows;
};
