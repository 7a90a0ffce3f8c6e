// The fast soak: 50 seeded random runs of steps, interrupts, resets, disconnects and reloads
// against `ptydeck dev` in its own process; then no demo process, namespace, cgroup or mount is
// left, the server's file descriptors are back to their baseline, and its memory stayed flat.
// The 1,000-run soak is `npm run bench:reliability` (bench/reliability/soak.ts).
import { describe, expect, it } from 'vitest';
import { skipReason } from '../skip-reason.ts';
import { rssCurve, rssGrowth, runSoak, soakLeaks } from './soak-run.ts';

const notRoot = process.getuid?.() === 0 ? null : 'the namespace and cgroup demos need root';
const SEED = 0x50a6;
const RUNS = 50;
/** Growth of the server's RSS after the first sample that would be a leak, not V8 settling (bytes). */
const RSS_GROWTH_BOUND = 100 * 1024 * 1024;

describe.skipIf(skipReason(notRoot) !== null)('a short soak', () => {
  it(`leaves the host and the server as they were after ${RUNS} seeded random runs`, async () => {
    const report = await runSoak({ runs: RUNS, seed: SEED, lanes: 2, samples: 5 });
    console.log(
      `soak: ${report.runs} runs (seed ${SEED}) in ${report.seconds.toFixed(1)} s; actions ${JSON.stringify(report.actions)}; ` +
        `replies ${JSON.stringify(report.replies)}; RSS ${rssCurve(report.rss)}; fds ${report.fds.baseline}→${report.fds.after}; ` +
        `${report.namespacesCreated} namespaces created; ${report.teardowns} teardowns`,
    );
    expect(report.runs).toBe(RUNS);
    expect(report.failures).toEqual([]);
    expect(soakLeaks(report)).toEqual([]);
    expect(report.namespacesCreated, 'the demos did create namespaces').toBeGreaterThan(0);
    expect(report.teardowns).toBeGreaterThan(0);
    expect(report.serverExit).toBe(0);
    expect(rssGrowth(report.rss)).toBeLessThan(RSS_GROWTH_BOUND);
  }, 600_000);
});
