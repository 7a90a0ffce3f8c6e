// How `ptydeck doctor` shows its reports to a person: a table, then the reasons behind it.

import type { DoctorReport, RunVerdict } from './doctor-check.ts';
import { formatTable, paint, type Cell } from './format-table.ts';

const RECORDING_CELL: Record<DoctorReport['recording']['status'], Cell> = {
  fresh: { text: 'fresh', colour: 'green' },
  stale: { text: 'stale', colour: 'yellow' },
  missing: { text: 'missing', colour: 'red' },
  unreadable: { text: 'unreadable', colour: 'red' },
};

function liveCell(report: DoctorReport): Cell {
  if (report.live.ok) return { text: 'yes', colour: 'green' };
  // Names only: the table stays narrow, and the details follow once per requirement below it.
  const names = report.live.missing.map((m) => m.name).join(', ');
  return { text: `no: ${names}`, colour: report.ok ? 'yellow' : 'red' };
}

function runCell(run: RunVerdict): Cell {
  switch (run.status) {
    case 'same':
      return { text: 'same', colour: 'green' };
    case 'differs':
      return { text: 'differs', colour: 'red' };
    case 'not-run':
      return { text: '—', colour: 'dim' };
  }
}

/** The table, each missing requirement's detail once, each difference, and the counts. */
export function doctorTable(reports: readonly DoctorReport[], colour: boolean): string {
  const rows = reports.map((r) => [{ text: r.deck }, { text: r.demo }, liveCell(r), RECORDING_CELL[r.recording.status], runCell(r.run)]);
  let text = formatTable(['deck', 'demo', 'live here?', 'recording', 'run'], rows, colour);
  const why = new Map<string, string>();
  for (const r of reports) for (const m of r.live.missing) if (!why.has(m.name)) why.set(m.name, m.detail);
  if (why.size > 0) text += `\nWhy not live here:\n${[...why].map(([name, detail]) => `  ${name}: ${detail}\n`).join('')}`;
  const notes: string[] = [];
  for (const r of reports) {
    if (r.recording.status === 'unreadable') notes.push(`  ${r.deck}/${r.demo}: ${r.recording.path}: ${r.recording.reason ?? ''}\n`);
    if (r.run.status === 'differs') {
      notes.push(`  ${r.deck}/${r.demo}: row ${r.run.row}: live ${JSON.stringify(r.run.live)}, recorded ${JSON.stringify(r.run.recorded)}\n`);
    }
    if (r.run.status !== 'not-run' && r.run.failure) notes.push(`  ${r.deck}/${r.demo}: the live run failed: ${r.run.failure}\n`);
  }
  if (notes.length > 0) text += `\nProblems:\n${notes.join('')}`;
  const live = reports.filter((r) => r.live.ok).length;
  const replayOnly = reports.filter((r) => !r.live.ok && r.ok).length;
  const neither = reports.filter((r) => !r.ok).length;
  const summary = `${reports.length} demo${reports.length === 1 ? "" : "s"}: ${live} run live here, ${replayOnly} only replay, ${neither} can do neither`;
  return `${text}\n${paint(summary, neither > 0 ? 'red' : undefined, colour)}\n`;
}
