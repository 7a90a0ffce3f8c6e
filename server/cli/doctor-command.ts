// `ptydeck doctor <deck|dir> [--run] [--json]`: which demos run live on this machine, which have a
// fresh recording, and (with --run) whether a live run still ends on the recorded screen.

import { RequirementChecker, probeEnvironment } from '../demo/requirements.ts';
import { doctorDemo, type DoctorReport } from '../record/doctor-check.ts';
import { doctorTable } from '../record/doctor-table.ts';
import { wantsColour } from '../record/format-table.ts';
import { loadDemos } from '../record/load-demos.ts';
import { onInterrupt } from '../record/on-interrupt.ts';
import { printDiagnostics } from './print-diagnostics.ts';

export interface DoctorCommandOptions {
  readonly run?: boolean | undefined;
  readonly json?: boolean | undefined;
  readonly demo?: string | undefined;
}

/** Exit code after Ctrl-C, as shells report death by SIGINT (128 + 2). */
const INTERRUPTED_EXIT_CODE = 130;

/** Checks every demo at `target`; exit code 1 when one can neither run live nor replay. */
export async function doctorCommand(target: string, options: DoctorCommandOptions): Promise<number> {
  const loaded = await loadDemos(target, options.demo);
  if ('error' in loaded) {
    process.stderr.write(`ptydeck: ${loaded.error}\n`);
    return 2;
  }
  printDiagnostics(loaded.diagnostics.filter((d) => d.severity === 'error'));
  const controller = new AbortController();
  const interrupt = onInterrupt(() => controller.abort());
  const requirements = new RequirementChecker();
  const probeEnv = probeEnvironment();
  const progress = options.run === true && process.stderr.isTTY === true;
  const reports: DoctorReport[] = [];
  try {
    for (const entry of loaded.entries) {
      if (controller.signal.aborted) break;
      if (progress) process.stderr.write(`\r\x1b[Kdoctor: ${entry.deck}/${entry.id}…`);
      reports.push(
        await doctorDemo(entry, {
          projectRoot: loaded.set.projectRoot,
          requirements,
          probeEnv,
          run: options.run === true,
          signal: controller.signal,
        }),
      );
    }
  } finally {
    interrupt.dispose();
    if (progress) process.stderr.write('\r\x1b[K');
  }
  const ok = reports.every((r) => r.ok);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ projectRoot: loaded.set.projectRoot, ok, demos: reports }, null, 2)}\n`);
  } else {
    process.stdout.write(doctorTable(reports, wantsColour(process.stdout)));
  }
  if (controller.signal.aborted) return INTERRUPTED_EXIT_CODE;
  return ok ? 0 : 1;
}
