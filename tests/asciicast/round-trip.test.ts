import { describe, expect, it } from 'vitest';
import { readAsciicast } from '../../protocol/asciicast/read.ts';
import { createAsciicastWriter, writeAsciicast } from '../../protocol/asciicast/write.ts';
import type { AsciicastEvent, AsciicastRecording } from '../../protocol/asciicast/types.ts';
import { fixture } from './fixture.ts';

function read(text: string): AsciicastRecording {
  const result = readAsciicast(text);
  if (!result.ok) throw new Error(result.error.message);
  expect(result.warnings).toEqual([]);
  return result.recording;
}

/** A deterministic generator of awkward floats in [0, 1), so failures reproduce. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

describe('writing then reading', () => {
  it('gives back the same events, each kind with its data', () => {
    const events: AsciicastEvent[] = [
      { time: 0.1, kind: 'o', data: '$ ' },
      { time: 0.5, kind: 'm', data: 'step 1' },
      { time: 0.75, kind: 'i', data: 'ls\r' },
      { time: 1.0000004, kind: 'o', data: '안녕 🐳 \u001b[0m\u0007\r\n' },
      { time: 2, kind: 'r', data: '120x40', cols: 120, rows: 40 },
      { time: 2, kind: 'm', data: '' },
      { time: 3.25, kind: 'x', data: '130', status: 130 },
    ];
    const recording = read(writeAsciicast({ header: { cols: 80, rows: 24 }, events }));
    expect(recording.events.map(({ time, ...rest }) => rest)).toEqual(events.map(({ time, ...rest }) => rest));
    recording.events.forEach((event, i) => expect(Math.abs(event.time - (events[i]?.time ?? NaN))).toBeLessThan(1e-6));
  });

  it('does not drift over 10,000 events a third of a second apart', () => {
    const writer = createAsciicastWriter({ cols: 80, rows: 24 });
    let text = writer.header();
    for (let k = 1; k <= 10_000; k++) text += writer.output(k / 3, '.');
    const recording = read(text);
    const worst = Math.max(...recording.events.map((e, i) => Math.abs(e.time - (i + 1) / 3)));
    expect(worst).toBeLessThanOrEqual(5e-7 + 1e-9);
    expect(recording.events.at(-1)?.time).toBeCloseTo(10_000 / 3, 6);
    // Rounding each interval on its own would write 0.333333 every time: 3.3 ms behind by the end.
    expect(text.split('\n').filter((l) => l.startsWith('[0.333334')).length).toBeGreaterThan(3000);
  });

  it('does not drift over 10,000 events at awkward random intervals, from microseconds to minutes', () => {
    const random = lcg(42);
    const writer = createAsciicastWriter({ cols: 80, rows: 24 });
    const truth: number[] = [];
    let time = 0;
    let text = writer.header();
    for (let k = 0; k < 10_000; k++) {
      const scale = [1e-7, 1e-4, 0.1, 1, 90][k % 5] ?? 1;
      time += random() * scale + (k % 7 === 0 ? 0.1 + 0.2 : 0);
      truth.push(time);
      text += k % 3 === 0 ? writer.marker(time, `m${k}`) : writer.output(time, 'x');
    }
    const recording = read(text);
    const worst = Math.max(...recording.events.map((e, i) => Math.abs(e.time - (truth[i] ?? NaN))));
    expect(worst).toBeLessThan(1e-6);
  });

  it('writes event lines byte for byte as asciinema 3 wrote them', () => {
    const original = fixture('v3-asciinema.cast');
    const rewritten = writeAsciicast(read(original));
    expect(rewritten.split('\n').slice(1)).toEqual(original.split('\n').slice(1));
  });

  it('turns v1 and v2 recordings into v3 with the same events', () => {
    for (const name of ['v1-asciinema.json', 'v2-asciinema.cast']) {
      const before = read(fixture(name));
      const after = read(writeAsciicast(before));
      expect(after.version).toBe(3);
      expect([after.cols, after.rows, after.header.title]).toEqual([before.cols, before.rows, before.header.title]);
      expect(after.events.map((e) => e.data)).toEqual(before.events.map((e) => e.data));
      after.events.forEach((e, i) => expect(Math.abs(e.time - (before.events[i]?.time ?? NaN))).toBeLessThan(1e-6));
    }
  });

  it('keeps ptydeck\'s header and the fields asciinema knows', () => {
    const before = read(fixture('v3-ptydeck.cast'));
    const after = read(writeAsciicast(before));
    const { raw: _before, ...known } = before.header;
    const { raw: _after, ...again } = after.header;
    expect(again).toEqual(known);
    expect(after.events).toEqual(before.events);
  });
});
