// The headless replay: a recording's output events, applied in order, give the final screen.

import { describe, expect, it } from 'vitest';
import { eventsUntilMarker } from '../../protocol/asciicast/markers.ts';
import { readAsciicast } from '../../protocol/asciicast/read.ts';
import type { AsciicastRecording } from '../../protocol/asciicast/types.ts';
import { replayScreen } from '../../server/record/replay-screen.ts';

function recording(lines: readonly unknown[], cols = 20, rows = 4): AsciicastRecording {
  const text = [JSON.stringify({ version: 3, term: { cols, rows } }), ...lines.map((l) => JSON.stringify(l))].join('\n');
  const read = readAsciicast(text);
  if (!read.ok) throw new Error(read.error.message);
  return read.recording;
}

describe('replayScreen', () => {
  it('applies output with its escapes and ignores input, markers and the exit status', async () => {
    const cast = recording([
      [0, 'o', '$ '],
      [0.1, 'm', '1: echo hi'],
      [0, 'i', 'echo hi\r'],
      [0.1, 'o', 'echo hi\r\nhi\r\n$ '],
      [0.1, 'o', '\x1b[31mred\x1b[0m\r\x1b[Kgone\r\n$ '],
      [0.1, 'x', '0'],
    ]);
    expect(await replayScreen(cast)).toBe('$ echo hi\nhi\ngone\n$');
  });

  it('shows the screen after a given step with the markers', async () => {
    const cast = recording([
      [0, 'o', '$ '],
      [0, 'm', '1: true'],
      [0, 'o', 'true\r\n$ '],
      [0, 'm', '2: false'],
      [0, 'o', 'false\r\n$ '],
    ]);
    expect(await replayScreen(cast, eventsUntilMarker(cast, 0))).toBe('$ true\n$');
  });

  it('keeps only the visible rows, and applies a resize after the output before it', async () => {
    const cast = recording([
      [0, 'o', '1\r\n2\r\n3\r\n4\r\n5'],
      [0, 'r', '10x2'],
    ]);
    expect(await replayScreen(cast)).toBe('4\n5');
  });
});
