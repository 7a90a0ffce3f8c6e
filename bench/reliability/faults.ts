// Reliability part: faults injected into a running talk, each for real and each the same code
// as tests/reliability/faults.test.ts: the demo's shell killed, the server killed under a
// Chromium page and restarted, the docker daemon stopped mid-demo, a full disk while a
// rehearsal is saved, recordings corrupted on disk.
import { chromiumMissing, launchChromium } from '../../tests/browser/chromium.ts';
import { corruptRecordings } from '../../tests/reliability/fault-corrupt-recording.ts';
import { dockerdMissing } from '../../tests/reliability/fault-dockerd.ts';
import { stopDockerMidDemo } from '../../tests/reliability/fault-docker-stopped.ts';
import { fillDiskWhileRecording } from '../../tests/reliability/fault-full-disk.ts';
import type { FaultOutcome } from '../../tests/reliability/fault-outcome.ts';
import { killServerUnderPage } from '../../tests/reliability/fault-server-killed.ts';
import { killDemoShell } from '../../tests/reliability/fault-shell-killed.ts';
import type { ReliabilityPart, ReliabilityRow } from './row.ts';

/** Times each fault is injected: once in --quick, a few times in the full bench (more for the cheap ones). */
const REPEATS = { quick: { cheap: 1, costly: 1 }, full: { cheap: 5, costly: 2 } } as const;
/** Rounds of every corruption of a recording (seeded: each round corrupts at other places). */
const CORRUPTION_ROUNDS = { quick: 1, full: 10 } as const;

/** Injects a fault `times` times; a throw counts as a fault not survived. */
async function inject(times: number, fault: string, once: () => Promise<FaultOutcome>): Promise<ReliabilityRow> {
  let failed = 0;
  let notes = '';
  let firstProblem = '';
  for (let i = 0; i < times; i++) {
    const outcome = await once().catch((error: unknown): FaultOutcome => ({ fault, problems: [`threw: ${error instanceof Error ? error.message : String(error)}`], notes: '' }));
    if (outcome.problems.length > 0) {
      failed++;
      firstProblem ||= outcome.problems[0]!;
    }
    notes = outcome.notes || notes;
  }
  return { category: 'fault', attack: fault, tried: times, failed, notes: firstProblem ? `${firstProblem}; ${notes}` : notes };
}

const notRun = (attack: string, why: string): ReliabilityRow => ({ category: 'fault', attack, tried: 0, failed: 0, notes: `not run: ${why}` });

export const run: ReliabilityPart = async ({ quick, seed }) => {
  const { cheap, costly } = quick ? REPEATS.quick : REPEATS.full;
  const root = process.getuid?.() === 0 ? null : 'needs root';
  const rows: ReliabilityRow[] = [];
  const shellFault = "a running demo's shell killed with SIGKILL from outside";
  rows.push(root ? notRun(shellFault, root) : await inject(cheap, shellFault, killDemoShell));

  const serverFault = 'the server killed with SIGKILL mid-demo, restarted on the same port, a Chromium page on the demo';
  const noBrowser = chromiumMissing();
  if (noBrowser) rows.push(notRun(serverFault, noBrowser));
  else {
    const browser = await launchChromium();
    try {
      rows.push(await inject(costly, serverFault, () => killServerUnderPage(browser)));
    } finally {
      await browser.close();
    }
  }

  const dockerFault = 'the docker daemon stopped (SIGTERM to its pid) while a docker demo step runs';
  const noDocker = dockerdMissing();
  rows.push(noDocker ? notRun(dockerFault, noDocker) : await inject(costly, dockerFault, stopDockerMidDemo));

  const diskFault = 'the disk full while dev --record saves a rehearsal over an old recording';
  rows.push(root ? notRun(diskFault, root) : await inject(costly, diskFault, fillDiskWhileRecording));

  const corrupt = await corruptRecordings(seed, quick ? CORRUPTION_ROUNDS.quick : CORRUPTION_ROUNDS.full);
  rows.push({
    category: 'fault',
    attack: corrupt.fault,
    tried: corrupt.tried,
    failed: corrupt.problems.length,
    notes: corrupt.problems.length > 0 ? `${corrupt.problems[0]}; ${corrupt.notes}` : corrupt.notes,
  });
  return rows;
};
