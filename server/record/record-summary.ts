// The table `ptydeck record` ends with: one row per demo, and the counts by outcome.

import path from 'node:path';
import type { DemoEntry } from '../../protocol/demo-manifest.ts';
import { formatTable, type Cell } from './format-table.ts';
import type { RecordOutcome } from './record-demo.ts';

/** The words of the result column, one per outcome kind. */
const RESULT_LABEL: Record<RecordOutcome['kind'], Cell> = {
  recorded: { text: 'recorded', colour: 'green' },
  fresh: { text: 'fresh', colour: 'dim' },
  skipped: { text: 'skipped: missing requirement', colour: 'yellow' },
  failed: { text: 'failed', colour: 'red' },
};

/** What to say beside an outcome: where it went, what is missing, or why it failed. */
export function outcomeDetail(outcome: RecordOutcome, cwd: string = process.cwd()): string {
  // Relative when under the working folder (short), absolute otherwise (never a trail of ../).
  const relative = path.relative(cwd, outcome.path);
  const where = relative && !relative.startsWith('..') ? relative : outcome.path;
  switch (outcome.kind) {
    case 'recorded':
      return outcome.run.failure ? `${where} (forced, although ${outcome.run.failure})` : where;
    case 'fresh':
      return `${where} matches the demo (--force records it again)`;
    case 'skipped':
      return outcome.missing.map((m) => m.name).join(', ');
    case 'failed':
      return `${outcome.reason}; nothing written (an older recording stays)`;
  }
}

/** The summary table and a line of counts. */
export function recordSummary(rows: ReadonlyArray<{ entry: DemoEntry; outcome: RecordOutcome }>, colour: boolean): string {
  const table = formatTable(
    ['deck', 'demo', 'result', 'detail'],
    rows.map(({ entry, outcome }) => [{ text: entry.deck }, { text: entry.id }, RESULT_LABEL[outcome.kind], { text: outcomeDetail(outcome) }]),
    colour,
  );
  const count = (kind: RecordOutcome['kind']) => rows.filter((r) => r.outcome.kind === kind).length;
  const counts = `${count('recorded')} recorded, ${count('fresh')} fresh, ${count('skipped')} skipped, ${count('failed')} failed\n`;
  return `${table}\n${counts}`;
}
