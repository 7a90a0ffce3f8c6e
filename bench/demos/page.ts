// The demos bench's page: terminals fed the same floods (ptydeck's live attachment over its
// socket, the web-terminal peer (page-peer.ts), the WebSocket floor (page-floor.ts), and xterm.js
// written directly), and ptydeck's replay driver playing a 3 MB recording. Bundled by
// page-bundle.ts; browser-runs.ts calls window.bench over a DevTools pipe.
import '@xterm/xterm/css/xterm.css';
import { readAsciicast } from '../../protocol/asciicast/read.ts';
import type { ScreenSnapshot } from '../../protocol/asciicast/screen-snapshot.ts';
import { SOCKET_PATH, type DemoRef } from '../../protocol/socket-events.ts';
import { LiveAttachment } from '../../theme/demo/live-attachment.ts';
import { createReplayDriver } from '../../theme/demo/replay-driver.ts';
import { SocketConnection } from '../../theme/demo/socket-connection.ts';
import type { TerminalView } from '../../theme/demo/terminal-view.ts';
import { floodChunks } from './flood-data.ts';
import { floorFlood } from './page-floor.ts';
import { peerFlood, peerInterrupt } from './page-peer.ts';
import { withTerminal } from './page-terminal.ts';

/** Baseline chunks in flight at once: enough that xterm.js never waits for the page. */
const BASELINE_IN_FLIGHT = 8;
/** Baseline chunk size (characters), about what a pty read delivers. */
const BASELINE_CHUNK = 64 * 1024;

export interface FloodFigures {
  readonly ms: number;
  readonly chars: number;
}
export interface InterruptFigures {
  /** Ctrl-C pressed → the step's reply (the prompt is back, as the server saw it). */
  readonly promptMs: number;
  /** Ctrl-C pressed → the last output written into the terminal (the screen stops moving). */
  readonly quietMs: number;
  readonly charsBefore: number;
}
export interface ReplayFigures {
  readonly bytes: number;
  readonly steps: number;
  readonly playMs: number;
  readonly frameGapsMs: number[];
  readonly seekMs: number[];
}

let connection: SocketConnection | null = null;
function ptydeck(token: string): SocketConnection {
  connection ??= new SocketConnection({ path: SOCKET_PATH, token });
  return connection;
}

/**
 * Attaches `id` through ptydeck's own LiveAttachment, counting what reaches the terminal.
 * `drained()` resolves once everything the attachment has received is written: nothing handed
 * to the terminal is unwritten, and so nothing is left in the attachment's queue, which hands
 * the next event from the callback of the last one written (see LiveAttachment.pump).
 */
async function attached(token: string, id: string, view: TerminalView, onChars: (n: number) => void) {
  const ref: DemoRef = { deck: 'bench', id };
  const conn = ptydeck(token);
  let live: () => void = () => {};
  const ready = new Promise<void>((resolve) => (live = resolve));
  let unwritten = 0;
  const idle: Array<() => void> = [];
  const attachment = new LiveAttachment(
    conn,
    ref,
    // As demo-controller.ts does: `written` goes on to the terminal's write callback.
    (event, written) => {
      unwritten++;
      return view.write(event, () => {
        if (event.kind === 'data') onChars(event.data.length);
        written?.();
        if (--unwritten === 0) for (const resolve of idle.splice(0)) resolve();
      });
    },
    (state) => state.kind === 'live' && live(),
  );
  await ready;
  const drained = (): Promise<void> => (unwritten === 0 ? Promise.resolve() : new Promise((resolve) => idle.push(resolve)));
  return { ref, conn, attachment, drained };
}

/** How long a flood's output may stop arriving, after the step's reply, before it counts as lost (ms). */
const DRAIN_TIMEOUT_MS = 30_000;

/**
 * Runs the flood demo `id`: ms from the step's request until all its output (`kind` of `bytes`,
 * as the pty delivers it) is written into xterm.js. The step's reply comes when the command is
 * done, with up to a flow-control window (1 MB) of its output still on its way or queued in the
 * attachment: the clock runs until that is written too, as it does for the floor and the peer.
 */
async function ptydeckFlood(token: string, id: string, kind: 'cat' | 'yes', bytes: number): Promise<FloodFigures> {
  const total = floodChunks(kind, bytes, BASELINE_CHUNK).chars;
  return withTerminal(async (view) => {
    let chars = 0;
    let allWritten: () => void = () => {};
    const drained = new Promise<void>((resolve) => (allWritten = resolve));
    const { ref, conn, attachment } = await attached(token, id, view, (n) => {
      chars += n;
      // The flood's output, and the command's echo and prompt around it.
      if (chars >= total) allWritten();
    });
    try {
      const started = performance.now();
      const reply = await conn.step(ref);
      if (!reply.ok) throw new Error(`step failed: ${reply.error.message}`);
      let seen = -1;
      while (chars < total) {
        if (chars === seen) throw new Error(`ptydeck delivered ${chars} of the flood's ${total} characters, then nothing for ${DRAIN_TIMEOUT_MS} ms`);
        seen = chars;
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([drained, new Promise((r) => (timer = setTimeout(r, DRAIN_TIMEOUT_MS)))]);
        clearTimeout(timer);
      }
      await view.flush();
      return { ms: performance.now() - started, chars };
    } finally {
      // A one-step demo is finished now (or failed); a reset lets the next run start it again.
      await conn.reset(ref);
      attachment.dispose();
    }
  });
}

async function ptydeckInterrupt(token: string, id: string, afterMs: number): Promise<InterruptFigures> {
  return withTerminal(async (view) => {
    let chars = 0;
    let lastWrite = 0;
    const { ref, conn, attachment, drained } = await attached(token, id, view, (n) => {
      chars += n;
      lastWrite = performance.now();
    });
    const step = conn.step(ref);
    await new Promise((r) => setTimeout(r, afterMs));
    const charsBefore = chars;
    const pressed = performance.now();
    const interrupted = await conn.interrupt(ref);
    const reply = await step;
    const promptMs = performance.now() - pressed;
    // The reply follows the last of the step's output on the socket: once that is written, the
    // screen has stopped. Taken before the reset, whose cleared screen and new prompt are not
    // the interrupt's doing (counted up to run P: about 40 ms of every figure).
    await drained();
    const quietMs = lastWrite - pressed;
    await conn.reset(ref);
    attachment.dispose();
    if (!interrupted.ok) throw new Error(`interrupt failed: ${interrupted.error.message}`);
    if (!reply.ok) throw new Error(`step failed: ${reply.error.message}`);
    return { promptMs, quietMs, charsBefore };
  });
}

/** The baseline: the same bytes, made up front, into term.write as fast as xterm.js takes them. */
async function baselineFlood(kind: 'cat' | 'yes', bytes: number): Promise<FloodFigures> {
  const { chunk, chunks, last } = floodChunks(kind, bytes, BASELINE_CHUNK);
  return withTerminal(async (view) => {
    let chars = 0;
    const started = performance.now();
    let next = 0;
    await new Promise<void>((resolve) => {
      let inFlight = 0;
      const pump = (): void => {
        while (inFlight < BASELINE_IN_FLIGHT && next < chunks) {
          const data = ++next === chunks ? last : chunk;
          inFlight++;
          view.terminal.write(data, () => {
            inFlight--;
            chars += data.length;
            if (next === chunks && inFlight === 0) resolve();
            else pump();
          });
        }
      };
      pump();
    });
    return { ms: performance.now() - started, chars };
  });
}

/** Plays every step of a recording, timing the gaps between animation frames, then seeks. */
async function replay(url: string): Promise<ReplayFigures> {
  const text = await (await fetch(url)).text();
  const read = readAsciicast(text);
  if (!read.ok) throw new Error(read.error.message);
  const snapshots = (await (await fetch(`${url}.snapshots.json`)).json()) as ScreenSnapshot[];
  const driver = createReplayDriver({ recording: read.recording, stale: null, reason: 'bench', snapshots });
  return withTerminal(async (view) => {
    const attachment = driver.attach((event) => view.write(event), () => {});
    await view.flush();
    const gaps: number[] = [];
    let running = true;
    let last = performance.now();
    const frame = (now: number): void => {
      gaps.push(now - last);
      last = now;
      if (running) requestAnimationFrame(frame);
    };
    requestAnimationFrame((now) => {
      last = now;
      requestAnimationFrame(frame);
    });
    const started = performance.now();
    const played = await driver.runAll();
    await view.flush();
    const playMs = performance.now() - started;
    running = false;
    if (!played.ok) throw new Error(played.error.message);
    const seekMs: number[] = [];
    for (const target of [Math.floor(driver.steps / 2), driver.steps, 1, driver.steps - 1]) {
      const before = performance.now();
      driver.seek(target);
      await view.flush();
      // A frame after the write: the sought screen is drawn, not only parsed.
      await new Promise((r) => requestAnimationFrame(r));
      seekMs.push(performance.now() - before);
    }
    attachment.dispose();
    driver.dispose();
    return { bytes: text.length, steps: driver.steps, playMs, frameGapsMs: gaps, seekMs };
  });
}

const bench = { ptydeckFlood, ptydeckInterrupt, peerFlood, peerInterrupt, baselineFlood, floorFlood, replay };
export type BenchPage = typeof bench;
(window as unknown as { bench: BenchPage }).bench = bench;
