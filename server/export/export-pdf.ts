// `ptydeck export --pdf`: a static build of one deck, each demo's final screen written in as
// text, printed by Chromium. The build is temporary; only the PDF is kept.
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../../protocol/diagnostic.ts';
import type { DeckSet } from '../site/find-decks.ts';
import { buildSite } from '../site/build-site.ts';
import { addPrintPolicy, addPrintStyle, embeddedCasts, fillFinalScreens, finalScreens } from './print-page.ts';
import { findChromium } from './find-chromium.ts';
import { launchChromium, openPrintTab, printPdf, type PrintResult } from './print-pdf.ts';
import { makeTempFolder } from '../temp-folder.ts';

export interface ExportOptions {
  readonly out: string;
  readonly notes: boolean;
  readonly fragments: boolean;
}

export type ExportResult =
  | { readonly ok: true; readonly out: string; readonly print: PrintResult; readonly screens: number; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly message: string };

/** Exports the one deck of `set` to a PDF. */
export async function exportPdf(set: DeckSet, options: ExportOptions): Promise<ExportResult> {
  if (set.decks.length !== 1) return { ok: false, message: `export prints one deck: give its .md file (found ${set.decks.length} decks)` };
  const chromium = findChromium();
  if ('error' in chromium) return { ok: false, message: chromium.error };
  const site = makeTempFolder('ptydeck-export-');
  // Chromium starts, and opens the tab that will print, while the deck builds: on two cores
  // the two overlap well.
  const browser = launchChromium(chromium.path);
  const tab = browser.then(openPrintTab);
  // Handled where they are awaited; this keeps a failed launch from counting as unhandled meanwhile.
  tab.catch(() => undefined);
  try {
    const build = await buildSite(set, site);
    const page = path.join(site, set.decks[0]!.name, 'index.html');
    const html = fs.readFileSync(page, 'utf8');
    const screens = await finalScreens(embeddedCasts(html));
    fs.writeFileSync(page, addPrintPolicy(addPrintStyle(fillFinalScreens(html, screens))));
    const out = path.resolve(options.out);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const opened = await tab.then((t) => t, (error: unknown) => ({ error: error as Error }));
    if ('error' in opened) return { ok: false, message: `could not start ${chromium.path}: ${opened.error.message}` };
    const print = await printPdf(opened, { page, out, notes: options.notes, fragments: options.fragments });
    return { ok: true, out, print, screens: screens.size, diagnostics: build.diagnostics };
  } finally {
    // The build is removed while Chromium shuts down.
    const closed = browser.then((b) => b.close(), () => undefined);
    fs.rmSync(site, { recursive: true, force: true });
    await closed;
  }
}
