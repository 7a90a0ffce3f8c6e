// Launches Debian's Chromium through playwright-core for browser tests (nothing is downloaded).
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../../server/export/print-pdf.ts';

export const CHROMIUM_PATH = process.env.PTYDECK_CHROMIUM ?? '/usr/bin/chromium';


/** Why browser tests cannot run here, or null when Chromium is installed. */
export function chromiumMissing(): string | null {
  return fs.existsSync(CHROMIUM_PATH) ? null : `${CHROMIUM_PATH} not found: install Debian's chromium (apt-get install chromium)`;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_FLAGS, '--disable-quic'] });
}

/** What a page did that a published deck must not: errors, and requests off the machine. */
export interface PageWatch {
  readonly errors: string[];
  readonly offMachine: string[];
}

const LOCAL = /^(file:|data:|blob:|about:|http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/])/;

/** Records console errors, page errors and any request that would leave the machine (and blocks it). */
export async function watchPage(page: Page): Promise<PageWatch> {
  const watch: PageWatch = { errors: [], offMachine: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') watch.errors.push(m.text());
  });
  page.on('pageerror', (e) => watch.errors.push(e.message));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (LOCAL.test(url)) return route.continue();
    watch.offMachine.push(url);
    return route.abort();
  });
  return watch;
}
