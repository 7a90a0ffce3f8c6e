// Writes asciicast v3 incrementally: one header line, then one line per event, as they happen.

import type { AsciicastEvent, AsciicastHeaderInit } from './types.ts';
import { PTYDECK_HEADER_KEY } from './types.ts';
import { isHighSurrogate, jsonString, jsonValue } from './json-string.ts';
import { MAX_TIME_DECIMALS, formatTicks, toTicks } from './interval.ts';

export interface AsciicastWriterOptions {
  /** Decimal places of written intervals, 0 to 6 (default 6: microseconds; asciinema writes 3). */
  readonly decimals?: number;
}

/** Each method returns the text to append to the file: zero or more whole lines, each ending "\n". */
export interface AsciicastWriter {
  /** The header line. */
  header(): string;
  /** Output at `time` seconds since the start of the recording. */
  output(time: number, data: string): string;
  input(time: number, data: string): string;
  marker(time: number, label?: string): string;
  resize(time: number, cols: number, rows: number): string;
  /** The exit status; also writes out anything flush() would. */
  exit(time: number, status: number): string;
  /** Writes out a first surrogate half still held back from an output or input chunk, as U+FFFD. */
  flush(time: number): string;
}

function checkSize(cols: number, rows: number): void {
  if (!Number.isInteger(cols) || !Number.isInteger(rows) || cols <= 0 || rows <= 0) {
    throw new RangeError(`asciicast writer: terminal size must be positive integers, got ${cols}x${rows}`);
  }
}

/** The v3 header as one line of JSON, fields in the order asciinema writes them, ptydeck's last. */
export function formatHeaderLine(header: AsciicastHeaderInit): string {
  checkSize(header.cols, header.rows);
  const term = {
    cols: header.cols,
    rows: header.rows,
    type: header.termType,
    version: header.termVersion,
    theme: header.theme,
  };
  const hasEnv = header.env !== undefined && Object.keys(header.env).length > 0;
  const object = {
    version: 3,
    term,
    // The specification types timestamp as an integer (asciinema rejects a fraction).
    timestamp: header.timestamp === undefined ? undefined : Math.floor(header.timestamp),
    idle_time_limit: header.idleTimeLimit,
    command: header.command,
    title: header.title,
    env: hasEnv ? header.env : undefined,
    tags: header.tags,
    [PTYDECK_HEADER_KEY]: header.ptydeck,
  };
  return `${jsonValue(object)}\n`; // JSON.stringify leaves out the undefined fields
}

/** Creates a v3 writer whose intervals carry their rounding error, so times never drift. */
export function createAsciicastWriter(
  header: AsciicastHeaderInit,
  options: AsciicastWriterOptions = {},
): AsciicastWriter {
  const decimals = options.decimals ?? MAX_TIME_DECIMALS;
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > MAX_TIME_DECIMALS) {
    throw new RangeError(`asciicast writer: decimals must be an integer from 0 to 6, got ${decimals}`);
  }
  const headerLine = formatHeaderLine(header);
  let previousTicks = 0;
  // A chunk may end in the first half of a surrogate pair; it waits for the rest in the next chunk.
  const held = { o: '', i: '' };

  function line(time: number, code: string, data: string): string {
    if (typeof time !== 'number' || !Number.isFinite(time) || time < 0) {
      throw new RangeError(`asciicast writer: event time must be finite seconds >= 0, got ${time}`);
    }
    // A clock that steps back writes a zero interval rather than a negative one.
    const ticks = Math.max(previousTicks, toTicks(time, decimals));
    const interval = ticks - previousTicks;
    previousTicks = ticks;
    return `[${formatTicks(interval, decimals)}, "${code}", ${jsonString(data)}]\n`;
  }

  function stream(code: 'o' | 'i', time: number, data: string): string {
    if (typeof data !== 'string') throw new TypeError(`asciicast writer: "${code}" data must be a string`);
    let text = held[code] + data;
    held[code] = '';
    if (text !== '' && isHighSurrogate(text.charCodeAt(text.length - 1))) {
      held[code] = text.slice(-1);
      text = text.slice(0, -1);
    }
    return text === '' ? '' : line(time, code, text);
  }

  function flush(time: number): string {
    const lines = (['o', 'i'] as const).map((code) => (held[code] === '' ? '' : line(time, code, held[code])));
    held.o = '';
    held.i = '';
    return lines.join('');
  }

  return {
    header: () => headerLine,
    output: (time, data) => stream('o', time, data),
    input: (time, data) => stream('i', time, data),
    marker: (time, label = '') => line(time, 'm', label),
    resize(time, cols, rows) {
      checkSize(cols, rows);
      return line(time, 'r', `${cols}x${rows}`);
    },
    exit(time, status) {
      if (!Number.isInteger(status)) {
        throw new RangeError(`asciicast writer: exit status must be an integer, got ${status}`);
      }
      return flush(time) + line(time, 'x', String(status));
    },
    flush,
  };
}

/** Writes a whole recording (of any version, once read) as asciicast v3 text. */
export function writeAsciicast(
  recording: { readonly header: AsciicastHeaderInit; readonly events: readonly AsciicastEvent[] },
  options: AsciicastWriterOptions = {},
): string {
  const writer = createAsciicastWriter(recording.header, options);
  let text = writer.header();
  let time = 0;
  for (const event of recording.events) {
    time = event.time;
    switch (event.kind) {
      case 'o':
        text += writer.output(time, event.data);
        break;
      case 'i':
        text += writer.input(time, event.data);
        break;
      case 'm':
        text += writer.marker(time, event.data);
        break;
      case 'r':
        text += writer.resize(time, event.cols, event.rows);
        break;
      case 'x':
        text += writer.exit(time, event.status);
        break;
      default:
        return event satisfies never;
    }
  }
  return text + writer.flush(time);
}
