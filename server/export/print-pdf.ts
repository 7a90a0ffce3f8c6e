// Prints a built deck page to PDF in headless Chromium, in reveal.js's print view (?print-pdf):
// one page per slide at the deck's own size, notes and fragments on pages of their own if asked.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';

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

/**
 * Starts headless Chromium. playwright-core is loaded with require(): importing it as ESM runs
 * Node's CommonJS export scanner over its large bundles, which cost seconds of every export.
 */
export async function launchChromium(executable: string): Promise<Browser> {
  let playwright: typeof import('playwright-core');
  try {
    playwright = createRequire(import.meta.url)('playwright-core') as typeof import('playwright-core');
  } catch {
    throw new Error('ptydeck export needs playwright-core: npm install playwright-core');
  }
  return playwright.chromium.launch({ executablePath: executable, headless: true, args: CHROMIUM_FLAGS });
}

/**
 * A blank tab ready for printPdf, opened while the deck still builds: a new page starts a
 * renderer process, which took as long as loading and laying out the whole deck.
 */
export async function openPrintTab(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    document.addEventListener('pdf-ready', () => document.documentElement.setAttribute('data-ptydeck-pdf-ready', ''));
  });
  return page;
}

/**
 * Prints `options.page` into `options.out` in `tab` (from openPrintTab; closing the browser
 * closes it). The page loads nothing but its own files: print-page.ts's policy refuses the rest,
 * inside Chromium; routing every request through playwright cost a round trip per file.
 */
export async function printPdf(tab: Page, options: PrintOptions): Promise<PrintResult> {
  await tab.goto(printUrl(options.page, options));
  await tab.waitForSelector('html[data-ptydeck-pdf-ready]', { state: 'attached', timeout: PRINT_VIEW_TIMEOUT_MS });
  await tab.evaluate(() => document.fonts.ready);
  const size = await tab.evaluate(() => {
    const config = (window as unknown as { ptydeck: { deck: { getConfig(): { width: number; height: number; margin: number } } } }).ptydeck.deck.getConfig();
    return {
      // As reveal's print view computes it (js/controllers/printview.js).
      width: Math.floor(Number(config.width) * (1 + Number(config.margin))),
      height: Math.floor(Number(config.height) * (1 + Number(config.margin))),
      pages: document.querySelectorAll('.reveal .pdf-page').length,
    };
  });
  await tab.pdf({ path: options.out, width: `${size.width}px`, height: `${size.height}px`, printBackground: true, preferCSSPageSize: true });
  return size;
}
