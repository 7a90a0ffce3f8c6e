// Replay's writes into the terminal, cut into pieces: xterm.js parses one write() whole and
// yields between writes once its time slice is spent, so no piece of a recording (a step
// written at once, a seek without a snapshot) can hold up an animation frame for long.
import type { OutputSink } from './driver.ts';

/**
 * Characters per write (a byte budget per parse task): xterm.js parses this in about 1 ms, a
 * few under load, so with its own 12 ms time slice no frame waits long for the parser.
 */
export const REPLAY_WRITE_CHARS = 16 * 1024;

/** Where to cut `data` at or before `at`, never between the two halves of a surrogate pair. */
function cutAt(data: string, at: number): number {
  if (at >= data.length) return data.length;
  const code = data.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}

/**
 * Writes `data` as `kind` (a 'screen' starts over; the pieces after it are 'data'), all queued at
 * once so nothing written later can come between them. Resolves once the last one is parsed.
 */
export function writePieces(sink: OutputSink, kind: 'screen' | 'data', data: string): Promise<void> {
  let written = sink({ kind, data: data.slice(0, cutAt(data, REPLAY_WRITE_CHARS)) });
  for (let start = cutAt(data, REPLAY_WRITE_CHARS); start < data.length; ) {
    const end = cutAt(data, start + REPLAY_WRITE_CHARS);
    written = sink({ kind: 'data', data: data.slice(start, end) });
    start = end;
  }
  return written;
}
