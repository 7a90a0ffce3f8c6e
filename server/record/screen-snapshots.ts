// Draws a recording's screen ahead of time at the markers where seeking would otherwise write
// a lot of output (a 3 MB recording: ~2 MB to reach its middle step), for the page to embed:
// seeking then writes one snapshot and the output after it. Uses the page terminal's size and
// scrollback, and applies output only, as the page's replay does (replay-timeline.ts).
import { createRequire } from 'node:module';
import type { SerializeAddon } from '@xterm/addon-serialize';
import type headless from '@xterm/headless';
import type { ScreenSnapshot } from '../../protocol/asciicast/screen-snapshot.ts';
import type { AsciicastRecording } from '../../protocol/asciicast/types.ts';

type HeadlessTerminal = InstanceType<typeof headless.Terminal>;

/**
 * xterm.js, loaded the first time a recording needs a snapshot: every build and dev page load
 * reads recordings, most (a talk's few KB) need none, and loading xterm.js cost 200-400 ms of a
 * build. Both packages are CommonJS, so require() loads them synchronously, as loadRecordings is.
 */
let xterm: { Terminal: typeof headless.Terminal; SerializeAddon: typeof SerializeAddon } | null = null;
function loadXterm(): NonNullable<typeof xterm> {
  const require = createRequire(import.meta.url);
  xterm ??= {
    Terminal: (require('@xterm/headless') as typeof headless).Terminal,
    SerializeAddon: (require('@xterm/addon-serialize') as typeof import('@xterm/addon-serialize')).SerializeAddon,
  };
  return xterm;
}

/**
 * Output between two snapshots (characters). Seeking writes at most this much after a snapshot:
 * xterm.js parses it in a few ms. A talk's recording (a few KB) gets no snapshot at all, so a
 * page grows only by the recordings that need them.
 */
export const SNAPSHOT_EVERY_CHARS = 64 * 1024;

/** Scrollback of the page's terminal (theme/demo/terminal-view.ts SCROLLBACK_LINES): a snapshot keeps what it keeps. */
const PAGE_SCROLLBACK_LINES = 1_000;

type Snapshotted = Pick<AsciicastRecording, 'cols' | 'rows' | 'events'>;

export interface SnapshotOptions {
  /** Output between snapshots; 0 takes one at every marker (tests do, to check each one). */
  readonly everyChars?: number;
}

function openTerminal(cols: number, rows: number): HeadlessTerminal {
  // logLevel off: writeSync's "unreliable" warning is about async parser hooks, which a
  // headless terminal with no addons registering them does not have.
  return new (loadXterm().Terminal)({ cols, rows, scrollback: PAGE_SCROLLBACK_LINES, allowProposedApi: true, logLevel: 'off' });
}

/**
 * Parses `data` now. loadRecordings is synchronous (it runs on each dev page load and in
 * build); xterm.js's public write() parses on a timer, its core's writeSync() at once.
 */
function writeNow(term: HeadlessTerminal, data: string): void {
  (term as unknown as { _core: { writeSync(data: string): void } })._core.writeSync(data);
}

interface Screen {
  readonly text: string;
  readonly cursor: string;
}

function screenOf(term: HeadlessTerminal): Screen {
  const buffer = term.buffer.active;
  const lines: string[] = [];
  for (let y = 0; y < buffer.length; y++) lines.push(buffer.getLine(y)?.translateToString(true) ?? '');
  return { text: `${buffer.type}\n${lines.join('\n')}`, cursor: `${buffer.cursorX},${buffer.cursorY},${buffer.baseY}` };
}

/** State the serializer does not carry; a snapshot taken in it would draw later output wrongly. */
function unserializable(term: HeadlessTerminal): boolean {
  const core = (term as unknown as { _core: { buffer: { scrollTop: number; scrollBottom: number } } })._core;
  return core.buffer.scrollTop !== 0 || core.buffer.scrollBottom !== term.rows - 1;
}

/** The snapshot of `term`, or null when drawing it on a fresh terminal would not give the same screen. */
function snapshotOf(term: HeadlessTerminal, serializer: SerializeAddon): string | null {
  if (unserializable(term)) return null;
  const data = serializer.serialize({ scrollback: PAGE_SCROLLBACK_LINES });
  const check = openTerminal(term.cols, term.rows);
  try {
    writeNow(check, data);
    const [want, got] = [screenOf(term), screenOf(check)];
    return want.text === got.text && want.cursor === got.cursor ? data : null;
  } finally {
    check.dispose();
  }
}

/**
 * Snapshots of `recording`'s screen after some numbers of steps, in order: at a marker once
 * `everyChars` of output came since the last snapshot (or the start), and at the end.
 */
export function screenSnapshots(recording: Snapshotted, options: SnapshotOptions = {}): ScreenSnapshot[] {
  const every = options.everyChars ?? SNAPSHOT_EVERY_CHARS;
  // Less output than one snapshot's worth: none would be taken, so draw nothing.
  const output = recording.events.reduce((sum, event) => sum + (event.kind === 'o' ? event.data.length : 0), 0);
  if (every > 0 && output < every) return [];
  const term = openTerminal(recording.cols, recording.rows);
  const serializer = new (loadXterm().SerializeAddon)();
  term.loadAddon(serializer);
  const snapshots: ScreenSnapshot[] = [];
  let since = 0;
  let markers = 0;
  const take = (done: number) => {
    if (since < every || (every > 0 && since === 0)) return;
    const data = snapshotOf(term, serializer);
    if (data === null) return;
    snapshots.push({ done, data });
    since = 0;
  };
  try {
    for (const event of recording.events) {
      if (event.kind === 'm') take(markers++);
      else if (event.kind === 'o') {
        // Resizes are not applied: the page's terminal keeps the demo's size.
        writeNow(term, event.data);
        since += event.data.length;
      }
    }
    // After the last step (an unmarked recording is one step).
    take(Math.max(markers, 1));
    return snapshots;
  } finally {
    term.dispose();
  }
}
