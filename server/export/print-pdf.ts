// Prints a built deck page to PDF in headless Chromium, in reveal.js's print view (?print-pdf):
// one page per slide at the deck's own size, notes and fragments on pages of their own if asked.
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { CdpBrowser } from './cdp-pipe.ts';

/** Chromium without a sandbox (root in CI), a GPU, first-run chores or any network of its own. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Reveal's print view lays out every slide, fonts and images included, well within this (ms). */
const PRINT_VIEW_TIMEOUT_MS = 60_000;

export interface PrintOptions {
  /** The built deck page (index.html) on disk. */
  readonly page: string;
  readonly out: string;
  /** Speaker notes, each on a page after its slide. */
  readonly notes: boolean;
  /** One page per fragment step, rather than each slide with all its fragments shown. */
  readonly fragments: boolean;
}

export interface PrintResult {
  readonly pages: number;
  /** Page size in CSS pixels: the deck's width and height plus reveal's margin. */
  readonly width: number;
  readonly height: number;
}

/** reveal.js reads options from the query string too: this is how print options reach it. */
function printUrl(page: string, options: PrintOptions): string {
  const url = pathToFileURL(page);
  url.search = `?print-pdf&showNotes=${options.notes ? 'separate-page' : 'false'}&pdfSeparateFragments=${options.fragments}`;
  return url.href;
}

/** Starts headless Chromium, to be closed by the caller. */
export function launchChromium(executable: string): Promise<CdpBrowser> {
  return CdpBrowser.launch(executable, CHROMIUM_FLAGS);
}

/** A tab of the browser, as a DevTools session on it. */
export interface PrintTab {
  readonly browser: CdpBrowser;
  readonly sessionId: string;
}

/**
 * A blank tab ready for printPdf, opened while the deck still builds: a new page starts a
 * renderer process, which took as long as loading and laying out the whole deck. The page's
 * first script keeps reveal.js's pdf-ready event (fired once the print view is laid out) as a
 * promise, so it is not missed however early it fires.
 */
export async function openPrintTab(browser: CdpBrowser): Promise<PrintTab> {
  const { targetId } = await browser.send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = (await browser.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
  await browser.send('Page.enable', {}, sessionId);
  await browser.send('Page.addScriptToEvaluateOnNewDocument', { source: PDF_READY_SCRIPT }, sessionId);
  return { browser, sessionId };
}

const PDF_READY_SCRIPT = `window.__ptydeckPdfReady = new Promise((resolve) => document.addEventListener('pdf-ready', resolve, { once: true }));`;

/** Page size and count, read in the page once its print view is ready and its fonts loaded. */
const PRINT_SIZE_EXPRESSION = `window.__ptydeckPdfReady.then(() => document.fonts.ready).then(() => {
  const config = window.ptydeck.deck.getConfig();
  return {
    // As reveal's print view computes it (js/controllers/printview.js).
    width: Math.floor(Number(config.width) * (1 + Number(config.margin))),
    height: Math.floor(Number(config.height) * (1 + Number(config.margin))),
    pages: document.querySelectorAll('.reveal .pdf-page').length,
  };
})`;

/**
 * No tagged structure or outline (Chromium's defaults vary by version): as playwright printed
 * them, and each costs a pass over every page.
 */
const PDF_EXTRAS_OFF = { generateTaggedPDF: false, generateDocumentOutline: false };

/** CSS pixels per inch, the unit Page.printToPDF takes paper sizes in. */
const CSS_PX_PER_INCH = 96;

/**
 * Prints `options.page` into `options.out` in `tab` (from openPrintTab; closing the browser
 * closes it). The page loads nothing but its own files: print-page.ts's policy refuses the rest,
 * inside Chromium.
 */
export async function printPdf(tab: PrintTab, options: PrintOptions): Promise<PrintResult> {
  const { browser, sessionId } = tab;
  let stopLoad = (): void => undefined;
  const loaded = new Promise<void>((resolve) => {
    stopLoad = browser.on('Page.loadEventFired', (_params, session) => session === sessionId && resolve());
  });
  try {
    const navigated = (await browser.send('Page.navigate', { url: printUrl(options.page, options) }, sessionId)) as { errorText?: string };
    if (navigated.errorText) throw new Error(`Chromium could not open ${options.page}: ${navigated.errorText}`);
    await withTimeout(loaded, PRINT_VIEW_TIMEOUT_MS, 'the deck page did not load');
  } finally {
    stopLoad();
  }
  const evaluated = (await withTimeout(
    browser.send('Runtime.evaluate', { expression: PRINT_SIZE_EXPRESSION, awaitPromise: true, returnByValue: true }, sessionId),
    PRINT_VIEW_TIMEOUT_MS,
    "reveal.js's print view was not ready",
  )) as { result: { value?: PrintResult }; exceptionDetails?: { text: string; exception?: { description?: string } } };
  if (evaluated.exceptionDetails || !evaluated.result.value) {
    throw new Error(`the print page failed: ${evaluated.exceptionDetails?.exception?.description ?? evaluated.exceptionDetails?.text ?? 'no page size'}`);
  }
  const size = evaluated.result.value;
  const { data } = (await browser.send(
    'Page.printToPDF',
    { paperWidth: size.width / CSS_PX_PER_INCH, paperHeight: size.height / CSS_PX_PER_INCH, marginTop: 0, marginBottom: 0, marginLeft: 0, marginRight: 0, printBackground: true, preferCSSPageSize: true, ...PDF_EXTRAS_OFF },
    sessionId,
  )) as { data: string };
  fs.writeFileSync(options.out, Buffer.from(data, 'base64'));
  return size;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
