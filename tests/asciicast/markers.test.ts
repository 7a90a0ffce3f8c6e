import { describe, expect, it } from 'vitest';
import { readAsciicast } from '../../protocol/asciicast/read.ts';
import { eventsOfStep, eventsUntilMarker, listMarkers } from '../../protocol/asciicast/markers.ts';
import { playbackDelays } from '../../protocol/asciicast/playback-delays.ts';
import type { AsciicastRecording } from '../../protocol/asciicast/types.ts';
import { fixture } from './fixture.ts';

function load(name: string): AsciicastRecording {
  const result = readAsciicast(fixture(name));
  if (!result.ok) throw new Error(result.error.message);
  return result.recording;
}

/** The demo recording: a prompt, three steps each opened by a marker, then the exit status. */
const demo = load('v3-ptydeck.cast');
const text = (events: readonly { data: string }[]) => events.map((e) => e.data).join('');

describe('markers', () => {
  it('are listed in order with their step index, time, label and position', () => {
    expect(listMarkers(demo)).toEqual([
      { index: 0, time: 0.45, label: 'step 1', eventIndex: 1 },
      { index: 1, time: 1.26, label: 'step 2', eventIndex: 4 },
      { index: 2, time: 10.3, label: 'step 3', eventIndex: 7 },
    ]);
  });

  it('bring the screen to the end of a step: its marker included, the next one not', () => {
    expect(text(eventsUntilMarker(demo, -1))).toBe('$ ');
    expect(text(eventsUntilMarker(demo, 0))).toBe('$ step 1unshare --pid --fork --mount-proc bash\r\n# ');
    expect(eventsUntilMarker(demo, 1).at(-1)?.data).toMatch(/8 pts\/0.*ps\r\n# $/);
    expect(eventsUntilMarker(demo, 2)).toEqual(demo.events);
  });

  it('past the last marker give every event, so a recording with fewer steps shows all it has', () => {
    expect(eventsUntilMarker(demo, 7)).toEqual(demo.events);
    expect(eventsUntilMarker(load('v3-unicode.cast'), 0)).toHaveLength(4);
  });

  it('cut out one step from its marker up to the next marker', () => {
    expect(eventsOfStep(demo, -1).map((e) => e.kind)).toEqual(['o']);
    expect(eventsOfStep(demo, 1).map((e) => e.kind)).toEqual(['m', 'o', 'o']);
    expect(eventsOfStep(demo, 2).map((e) => e.kind)).toEqual(['m', 'o', 'o', 'x']);
    expect(eventsOfStep(demo, 3)).toEqual([]);
  });

  it('refuse a step that is not an integer from -1 up', () => {
    expect(() => eventsUntilMarker(demo, 1.5)).toThrow(/step must be an integer/);
    expect(() => eventsOfStep(demo, -2)).toThrow(/step must be an integer/);
  });
});

describe('playback delays', () => {
  it('are the gaps between events when nothing is capped', () => {
    const delays = playbackDelays(demo.events);
    expect(delays.reduce((a, b) => a + b, 0)).toBeCloseTo(demo.events.at(-1)?.time ?? NaN, 9);
    expect(delays[0]).toBeCloseTo(0.05, 9);
  });

  it('cap idle gaps at the idle time limit and then apply the speed', () => {
    const limit = demo.header.idleTimeLimit;
    expect(limit).toBe(1.5);
    const step3 = demo.events.findIndex((e) => e.data === 'step 3');
    expect(playbackDelays(demo.events)[step3]).toBeCloseTo(9, 9);
    expect(playbackDelays(demo.events, { idleTimeLimit: limit })[step3]).toBe(1.5);
    expect(playbackDelays(demo.events, { idleTimeLimit: limit, speed: 2 })[step3]).toBe(0.75);
  });

  it('count from a given start, so a step played alone starts at once', () => {
    const step = eventsOfStep(demo, 1);
    const delays = playbackDelays(step, { startTime: step[0]?.time ?? 0 });
    expect(delays[0]).toBe(0);
    expect(delays.slice(1).every((d) => d > 0)).toBe(true);
  });

  it('refuse a speed or idle limit that is not a positive number', () => {
    expect(() => playbackDelays(demo.events, { speed: 0 })).toThrow(/speed/);
    expect(() => playbackDelays(demo.events, { idleTimeLimit: -1 })).toThrow(/idleTimeLimit/);
  });
});
