// `ptydeck record <deck|dir> [--demo id] [--force]`: rehearses demos without a browser and keeps
// their recordings, showing each step as it runs and a summary at the end.

import { RequirementChecker, probeEnvironment } from '../demo/requirements.ts';
import { paint, wantsColour } from '../record/format-table.ts';
import { loadDemos } from '../record/load-demos.ts';
import { recordDemo, type RecordOutcome } from '../record/record-demo.ts';
import { outcomeDetail, recordSummary } from '../record/record-summary.ts';
import { showStepProgress } from '../record/step-progress.ts';
import type { DemoEntry } from '../../protocol/demo-manifest.ts';
import { printDiagnostics } from './print-diagnostics.ts';
import { onInterrupt } from '../record/on-interrupt.ts';

export interface RecordCommandOptions {
  readonly demo?: string | undefined;
  readonly force?: boolean | undefined;
}

/** Exit code after Ctrl-C, as shells report death by SIGINT (128 + 2). */
const INTERRUPTED_EXIT_CODE = 130;

/** Records every demo at `target` (or the one named by --demo); returns the exit code. */
export async function recordCommand(target: string, options: RecordCommandOptions): Promise<number> {
  const loaded = await loadDemos(target, options.demo);
  if ('error' in loaded) {
    process.stderr.write(`ptydeck: ${loaded.error}\n`);
    return 2;
  }
  printDiagnostics(loaded.diagnostics.filter((d) => d.severity === 'error'));
  const out = process.stdout;
  const colour = wantsColour(out);
  if (loaded.entries.length === 0) {
    out.write(`ptydeck: no demos in ${target}\n`);
    return 0;
  }
  const requirements = new RequirementChecker();
  const probeEnv = probeEnvironment();
  const controller = new AbortController();
  const interrupt = onInterrupt(() => {
    process.stderr.write('\nptydeck: interrupted: stopping the demo and running its teardown…\n');
    controller.abort();
  });
  const rows: Array<{ entry: DemoEntry; outcome: RecordOutcome }> = [];
  try {
    for (const entry of loaded.entries) {
      if (controller.signal.aborted) break;
      const title = entry.options.title ? `  ${paint(entry.options.title, 'dim', colour)}` : '';
      out.write(`${paint(`${entry.deck}/${entry.id}`, 'bold', colour)}${title}\n`);
      const outcome = await recordDemo(entry, {
        projectRoot: loaded.set.projectRoot,
        requirements,
        probeEnv,
        force: options.force === true,
        signal: controller.signal,
        onSession: (session) => showStepProgress(session, out, colour),
      });
      rows.push({ entry, outcome });
      if (outcome.kind === 'skipped') {
        // The table names what is missing; here, once, is what to do about it.
        out.write('  → skipped: this machine cannot run it\n');
        for (const m of outcome.missing) out.write(`    ${m.name}: ${m.detail}\n`);
      } else {
        out.write(`  → ${outcome.kind}: ${outcomeDetail(outcome)}\n`);
      }
      const teardown = outcome.kind === 'recorded' || outcome.kind === 'failed' ? outcome.run?.teardown : null;
      if (teardown && !teardown.ok) out.write(paint(`  ! teardown: ${teardown.error.message}\n`, 'yellow', colour));
    }
  } finally {
    interrupt.dispose();
  }
  out.write(`\n${recordSummary(rows, colour)}`);
  if (controller.signal.aborted) return INTERRUPTED_EXIT_CODE;
  return rows.some((r) => r.outcome.kind === 'failed') ? 1 : 0;
}
