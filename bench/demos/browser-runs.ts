// Drives the bench page in headless Chromium (Debian's, through playwright-core): each call runs
// one of window.bench's measurements and returns its figures.
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../../server/export/print-pdf.ts';
import type { BenchPage, FloodFigures, InterruptFigures, ReplayFigures } from './page.ts';
import type { PeerTarget } from './peer-protocol.ts';

const CHROMIUM_PATH = process.env.PTYDECK_CHROMIUM ?? '/usr/bin/chromium';

type Win = { bench: BenchPage };

export interface BenchBrowser {
  ptydeckFlood(id: string): Promise<FloodFigures>;
  ptydeckInterrupt(id: string, afterMs: number): Promise<InterruptFigures>;
  peerFlood(command: string): Promise<FloodFigures>;
  peerInterrupt(afterMs: number): Promise<InterruptFigures>;
  baselineFlood(kind: 'cat' | 'yes', bytes: number): Promise<FloodFigures>;
  replay(): Promise<ReplayFigures>;
  readonly page: Page;
  close(): Promise<void>;
}

export async function openBenchPage(ptydeck: { port: number; token: string }, peer: PeerTarget, castUrlPath: string): Promise<BenchBrowser> {
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_FLAGS] });
  // ptydeck's pages allow connections to their own origin only (security-headers.ts); the
  // bench page also talks to the peer on another port.
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, bypassCSP: true });
  page.on('pageerror', (error) => process.stderr.write(`bench page: ${error.message}\n`));
  await page.goto(`http://127.0.0.1:${ptydeck.port}/index.html`);
  await page.waitForFunction(() => 'bench' in window);
  const { token } = ptydeck;
  return {
    page,
    ptydeckFlood: (id) => page.evaluate(([token, id]) => (window as unknown as Win).bench.ptydeckFlood(token, id), [token, id] as const),
    ptydeckInterrupt: (id, afterMs) => page.evaluate(([token, id, ms]) => (window as unknown as Win).bench.ptydeckInterrupt(token, id, ms), [token, id, afterMs] as const),
    peerFlood: (command) => page.evaluate(([peer, command]) => (window as unknown as Win).bench.peerFlood(peer, command), [peer, command] as const),
    peerInterrupt: (afterMs) => page.evaluate(([peer, ms]) => (window as unknown as Win).bench.peerInterrupt(peer, ms), [peer, afterMs] as const),
    baselineFlood: (kind, bytes) => page.evaluate(([kind, bytes]) => (window as unknown as Win).bench.baselineFlood(kind, bytes), [kind, bytes] as const),
    replay: () => page.evaluate((url) => (window as unknown as Win).bench.replay(url), castUrlPath),
    close: () => browser.close(),
  };
}
