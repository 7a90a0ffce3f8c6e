// asciicast v1: one JSON object whose `stdout` holds [delay, data] frames.

import type { AsciicastEvent, AsciicastReadResult } from './types.ts';
import { parseHeader } from './parse-header.ts';
import { parseEventData } from './event-data.ts';
import { createWarningList } from './warning-list.ts';
import { MAX_TIME_DECIMALS, toTicks } from './interval.ts';

/** Reads a parsed v1 object (its header starting at `line`) into a recording; never throws. */
export function readV1(object: Readonly<Record<string, unknown>>, line: number): AsciicastReadResult {
  const { stdout, ...raw } = object;
  const parsed = parseHeader(raw, 1, line);
  if (!parsed.ok) return { ok: false, error: { code: 'bad-header', message: parsed.message, line } };
  if (!Array.isArray(stdout)) {
    const message = 'The asciicast v1 recording has no "stdout" array of frames.';
    return { ok: false, error: { code: 'bad-header', message, line } };
  }
  const warnings = createWarningList();
  for (const w of parsed.warnings) warnings.add(w);
  const events: AsciicastEvent[] = [];
  // Delays are summed in whole microseconds, as asciinema does, so long recordings do not drift.
  let ticks = 0;
  stdout.forEach((frame: unknown, index) => {
    const where = `frame ${index + 1} of "stdout"`;
    if (!Array.isArray(frame) || frame.length < 2) {
      warnings.add(`${where}: a frame must be a JSON array [delay, data]; skipped`);
      return;
    }
    const [delay, data] = frame as unknown[];
    if (typeof delay !== 'number' || !Number.isFinite(delay)) {
      warnings.add(`${where}: the delay is not a number; skipped`);
      return;
    }
    if (delay < 0) warnings.add(`${where}: negative delay ${delay} counted as 0`);
    ticks += Math.max(0, toTicks(delay, MAX_TIME_DECIMALS));
    const result = parseEventData(ticks / 10 ** MAX_TIME_DECIMALS, 'o', data);
    if (result.kind === 'event') events.push(result.event);
    else if (result.kind === 'invalid') warnings.add(`${where}: ${result.reason}; skipped`);
  });
  const { header } = parsed;
  const recording = { version: 1, cols: header.cols, rows: header.rows, header, events } as const;
  return { ok: true, recording, warnings: warnings.list() };
}
