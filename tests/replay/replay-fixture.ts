// The replay tests' recordings: the fixture deck's real one (count.cast, made by ptydeck record)
// and recordings written out here, event by event, where a test needs exact times.
import fs from 'node:fs';
import path from 'node:path';
import { readAsciicast } from '../../protocol/asciicast/read.ts';
import type { AsciicastRecording } from '../../protocol/asciicast/types.ts';

export const REPLAY_PROJECT = path.resolve(import.meta.dirname, '../fixtures/replay');
export const REPLAY_DECKS = path.join(REPLAY_PROJECT, 'slides');

/** Reads a recording, failing the test when it cannot be read. */
export function recordingOf(text: string): AsciicastRecording {
  const read = readAsciicast(text);
  if (!read.ok) throw new Error(`not a recording: ${read.error.message}`);
  return read.recording;
}

/** A fixture deck's recording, by demo id. */
export function fixtureRecording(id: string): AsciicastRecording {
  return recordingOf(fs.readFileSync(path.join(REPLAY_PROJECT, 'demos/recordings/replay', `${id}.cast`), 'utf8'));
}

/** A v3 recording from [interval, code, data] events, with an optional idle_time_limit. */
export function castOf(events: ReadonlyArray<readonly [number, string, string]>, idleTimeLimit?: number): AsciicastRecording {
  const header = { version: 3, term: { cols: 80, rows: 18 }, ...(idleTimeLimit ? { idle_time_limit: idleTimeLimit } : {}) };
  return recordingOf([JSON.stringify(header), ...events.map((e) => JSON.stringify(e))].join('\n'));
}

/** Two steps: a prompt, then typing at 0.1 s a key, a 5 s wait, and the output. */
export const TWO_STEPS: ReadonlyArray<readonly [number, string, string]> = [
  [0, 'o', '$ '],
  [0.5, 'm', '1: ls'],
  [0.1, 'o', 'l'],
  [0.1, 'o', 's'],
  [0.1, 'o', '\r\n'],
  [5, 'o', 'file\r\n$ '],
  [3, 'm', '2: true'],
  [0.1, 'o', 'true\r\n'],
  [0.005, 'o', '$ '],
  [0.1, 'x', '0'],
];
