// Drives the bench page in headless Chromium (Debian's) over a DevTools pipe of ptydeck's own
// (server/export/cdp-pipe.ts): each call runs one of window.bench's measurements and returns
// its figures. Not playwright-core: it enables DevTools' Network domain on every page, and
// Chromium then copies every WebSocket frame into a DevTools event for it, which cost the
// browser process and the bench process 1.1 s of CPU per 30 MB streamed, on this 2-core
// machine, in the ptydeck and peer runs only (the baseline opens no socket).
import { CdpBrowser } from '../../server/export/cdp-pipe.ts';
import { CHROMIUM_FLAGS } from '../../server/export/print-pdf.ts';
import type { BenchPage, FloodFigures, InterruptFigures, ReplayFigures } from './page.ts';
import type { PeerTarget } from './peer-protocol.ts';
import type { FloorRequest } from './floor-protocol.ts';

const CHROMIUM_PATH = process.env.PTYDECK_CHROMIUM ?? '/usr/bin/chromium';
const VIEWPORT = { width: 1280, height: 720 };

export interface BenchBrowser {
  /** The flood demo `id` (`kind`, `bytes` of it): until all its output is written into xterm.js. */
  ptydeckFlood(id: string, kind: 'cat' | 'yes', bytes: number): Promise<FloodFigures>;
  ptydeckInterrupt(id: string, afterMs: number): Promise<InterruptFigures>;
  peerFlood(command: string): Promise<FloodFigures>;
  peerInterrupt(afterMs: number): Promise<InterruptFigures>;
  baselineFlood(kind: 'cat' | 'yes', bytes: number): Promise<FloodFigures>;
  /** The same flood from floor-server.ts at `port`, made up front or read from a pty: over a bare WebSocket, straight into term.write. */
  floorFlood(port: number, kind: 'cat' | 'yes', bytes: number, source: FloorRequest['source']): Promise<FloodFigures>;
  replay(): Promise<ReplayFigures>;
  /** The browser process's pid, for CPU accounting (process-cpu.ts). */
  readonly pid: number;
  close(): Promise<void>;
}

type Evaluated = { result: { value?: unknown }; exceptionDetails?: { text: string; exception?: { description?: string } } };

export async function openBenchPage(ptydeck: { port: number; token: string }, peer: PeerTarget, castUrlPath: string): Promise<BenchBrowser> {
  const browser = await CdpBrowser.launch(CHROMIUM_PATH, [...CHROMIUM_FLAGS, `--window-size=${VIEWPORT.width},${VIEWPORT.height}`]);
  try {
    const { targetId } = (await browser.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    const { sessionId } = (await browser.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    browser.on('Runtime.exceptionThrown', (params, session) => {
      if (session !== sessionId) return;
      const details = (params as { exceptionDetails?: Evaluated['exceptionDetails'] }).exceptionDetails;
      process.stderr.write(`bench page: ${details?.exception?.description ?? details?.text ?? 'error'}\n`);
    });
    await browser.send('Runtime.enable', {}, sessionId);
    await browser.send('Page.enable', {}, sessionId);
    await browser.send('Emulation.setDeviceMetricsOverride', { ...VIEWPORT, deviceScaleFactor: 1, mobile: false }, sessionId);
    // ptydeck's pages allow connections to their own origin only (security-headers.ts); the
    // bench page also talks to the peer on another port.
    await browser.send('Page.setBypassCSP', { enabled: true }, sessionId);
    const evaluate = async <T>(expression: string): Promise<T> => {
      const out = (await browser.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId)) as Evaluated;
      if (out.exceptionDetails) throw new Error(out.exceptionDetails.exception?.description ?? out.exceptionDetails.text);
      return out.result.value as T;
    };
    const navigated = (await browser.send('Page.navigate', { url: `http://127.0.0.1:${ptydeck.port}/index.html` }, sessionId)) as { errorText?: string };
    if (navigated.errorText) throw new Error(`the bench page did not load: ${navigated.errorText}`);
    await evaluate(`new Promise((resolve) => { const look = () => ('bench' in window ? resolve(true) : setTimeout(look, 10)); look(); })`);
    // Arguments go in as JSON: a bench call is `bench.<name>(...args)` in the page.
    const call = <T>(name: keyof BenchPage, ...args: unknown[]) => evaluate<T>(`bench.${name}(...${JSON.stringify(args)})`);
    const { token } = ptydeck;
    return {
      pid: browser.pid ?? 0,
      ptydeckFlood: (id, kind, bytes) => call('ptydeckFlood', token, id, kind, bytes),
      ptydeckInterrupt: (id, afterMs) => call('ptydeckInterrupt', token, id, afterMs),
      peerFlood: (command) => call('peerFlood', peer, command),
      peerInterrupt: (afterMs) => call('peerInterrupt', peer, afterMs),
      baselineFlood: (kind, bytes) => call('baselineFlood', kind, bytes),
      floorFlood: (port, kind, bytes, source) => call('floorFlood', `ws://127.0.0.1:${port}`, kind, bytes, source),
      replay: () => call('replay', castUrlPath),
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
