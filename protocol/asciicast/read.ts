// Reads asciicast v1, v2 and v3 text into one in-memory recording; bad content never throws.

import type { AsciicastEvent, AsciicastReadError, AsciicastReadResult, AsciicastRecording } from './types.ts';
import { isJsonObject, parseHeader } from './parse-header.ts';
import { parseEventData } from './event-data.ts';
import { readV1 } from './read-v1.ts';
import { createWarningList, type WarningList } from './warning-list.ts';
import { MAX_TIME_DECIMALS, toTicks } from './interval.ts';

const BYTE_ORDER_MARK = '\uFEFF';

type Parsed = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

function fail(code: AsciicastReadError['code'], message: string, line: number): AsciicastReadResult {
  return { ok: false, error: { code, message, line } };
}

/** The 1-based line of a JSON.parse error, when V8's message gives a position ("at position 42"). */
function errorLine(text: string, reason: string, firstLine: number): number {
  const position = /position (\d+)/.exec(reason);
  if (!position) return firstLine;
  return firstLine + (text.slice(0, Number(position[1])).match(/\n/g)?.length ?? 0);
}

/** Reads a recording of any version from the text of a .cast file; never throws. */
export function readAsciicast(text: string): AsciicastReadResult {
  if (typeof text !== 'string') return fail('not-json', 'A recording must be read from text.', 1);
  const body = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  const lines = body.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  const warnings = createWarningList();
  const start = lines.findIndex((line) => line.trim() !== '' && !line.startsWith('#'));
  if (start === -1) {
    return lines.some((line) => line.startsWith('#'))
      ? fail('not-asciicast', 'The recording has only comment lines: the first line must be a JSON header.', 1)
      : fail('empty', 'The recording is empty: an asciicast file starts with a JSON header line.', 1);
  }
  if (lines.slice(0, start).some((line) => line.startsWith('#'))) {
    warnings.add(`line 1: comment lines before the header were skipped (the header must be the first line)`);
  }
  const headerLine = start + 1;
  let header = parseJson(lines[start] ?? '');
  // Where event lines start: nowhere when the header turns out to be the whole text.
  let eventsFrom = start + 1;
  if (!header.ok || (isJsonObject(header.value) && header.value.version === 1)) {
    // v1 is one JSON object, usually pretty-printed over many lines.
    const rest = lines.slice(start).join('\n');
    const whole = parseJson(rest);
    if (whole.ok) {
      header = whole;
      eventsFrom = lines.length;
    } else if (!header.ok && (lines[start]?.trim() === '{' || rest.includes('"stdout"'))) {
      const message = 'The recording looks like asciicast v1 (one JSON object) but is not valid JSON: ';
      return fail('not-json', `${message}${whole.reason}.`, errorLine(rest, whole.reason, headerLine));
    }
  }
  if (!header.ok) {
    return fail('bad-header', `Line ${headerLine} is not a JSON header: ${header.reason}.`, headerLine);
  }
  if (!isJsonObject(header.value)) {
    const message = `Line ${headerLine} is not an asciicast header: the first line must be a JSON object.`;
    return fail('not-asciicast', message, headerLine);
  }
  const version = header.value.version;
  if (version === undefined) {
    const message = `Line ${headerLine} is a JSON object without a "version" field, not an asciicast header.`;
    return fail('not-asciicast', message, headerLine);
  }
  if (version !== 1 && version !== 2 && version !== 3) {
    const message = `asciicast version ${JSON.stringify(version)} is not supported: ptydeck reads 1, 2 and 3.`;
    return fail('unsupported-version', message, headerLine);
  }
  if (version === 1) {
    const result = readV1(header.value, headerLine);
    return result.ok ? { ...result, warnings: [...warnings.list(), ...result.warnings] } : result;
  }
  const parsed = parseHeader(header.value, version, headerLine);
  if (!parsed.ok) return fail('bad-header', parsed.message, headerLine);
  for (const w of parsed.warnings) warnings.add(w);
  const events = readEvents(lines, eventsFrom, version, warnings);
  const { header: typed } = parsed;
  const recording: AsciicastRecording = { version, cols: typed.cols, rows: typed.rows, header: typed, events };
  return { ok: true, recording, warnings: warnings.list() };
}

/** Reads the event lines of a v2 (absolute times) or v3 (intervals) file from line index `from`. */
function readEvents(
  lines: readonly string[],
  from: number,
  version: 2 | 3,
  warnings: WarningList,
): AsciicastEvent[] {
  const events: AsciicastEvent[] = [];
  const unknown = new Map<string, number>();
  let last = lines.length - 1;
  while (last >= from && (lines[last] ?? '').trim() === '') last--;
  // v3 intervals are summed in whole microseconds, as asciinema does, so long recordings never drift.
  let ticks = 0;
  let previous = 0;
  let commentWarned = false;
  for (let i = from; i <= last; i++) {
    const line = lines[i] ?? '';
    const n = i + 1;
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      if (version === 2 && !commentWarned) warnings.add(`line ${n}: comment lines are a v3 feature; skipped`);
      commentWarned = true;
      continue;
    }
    const parsed = parseJson(line);
    if (!parsed.ok) {
      warnings.add(
        i === last
          ? `line ${n}: the last line is cut off (was the recording interrupted?) and was dropped`
          : `line ${n}: not valid JSON (${parsed.reason}); skipped`,
      );
      continue;
    }
    if (!Array.isArray(parsed.value) || parsed.value.length < 3) {
      warnings.add(`line ${n}: an event must be a JSON array [time, code, data]; skipped`);
      continue;
    }
    const [stamp, code, data] = parsed.value as unknown[];
    if (typeof stamp !== 'number' || !Number.isFinite(stamp)) {
      warnings.add(`line ${n}: the event time is not a number; skipped`);
      continue;
    }
    if (stamp < 0) warnings.add(`line ${n}: negative time ${stamp} counted as 0`);
    let time: number;
    if (version === 3) {
      ticks += Math.max(0, toTicks(stamp, MAX_TIME_DECIMALS));
      time = ticks / 10 ** MAX_TIME_DECIMALS;
    } else {
      time = Math.max(0, stamp);
      if (time < previous) {
        warnings.add(`line ${n}: time ${stamp} is earlier than the event before it; moved to ${previous}`);
        time = previous;
      }
      previous = time;
    }
    const result = parseEventData(time, code, data);
    if (result.kind === 'event') events.push(result.event);
    else if (result.kind === 'unknown') unknown.set(result.code, (unknown.get(result.code) ?? 0) + 1);
    else warnings.add(`line ${n}: ${result.reason}; skipped`);
  }
  if (unknown.size > 0) {
    const codes = [...unknown].map(([code, count]) => `"${code}" ×${count}`).join(', ');
    warnings.add(`events with codes ptydeck does not know were ignored, as the specification asks: ${codes}`);
  }
  return events;
}
