// `ptydeck export <deck.md> --pdf out.pdf [--notes] [--fragments]`: the deck as a PDF, each demo
// showing its final screen as text.
import path from 'node:path';
import { findDecks } from '../site/find-decks.ts';
import { exportPdf } from '../export/export-pdf.ts';
import { printDiagnostics } from './print-diagnostics.ts';

export interface ExportCommandOptions {
  readonly pdf?: string | undefined;
  readonly notes?: boolean | undefined;
  readonly fragments?: boolean | undefined;
}

/** Exports the deck at `target`; returns the exit code. */
export async function exportCommand(target: string, options: ExportCommandOptions): Promise<number> {
  if (!options.pdf) {
    process.stderr.write('ptydeck: export needs --pdf FILE (the only format it writes)\n');
    return 2;
  }
  const set = findDecks(target);
  if ('error' in set) {
    process.stderr.write(`ptydeck: ${set.error}\n`);
    return 2;
  }
  const started = performance.now();
  const result = await exportPdf(set, { out: options.pdf, notes: options.notes ?? false, fragments: options.fragments ?? false });
  if (!result.ok) {
    process.stderr.write(`ptydeck: ${result.message}\n`);
    return 2;
  }
  printDiagnostics(result.diagnostics);
  const { pages, width, height } = result.print;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const shown = path.relative(process.cwd(), result.out) || result.out;
  process.stdout.write(`ptydeck: wrote ${shown}: ${pages} page${pages === 1 ? '' : 's'} of ${width}×${height} px, ${result.screens} demo${result.screens === 1 ? '' : 's'} from recordings, in ${seconds} s\n`);
  return result.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
