// A recording cut into steps: the screen after any step at once, and each step paced as
// recorded (pauses capped at a second, the speed applied), written a frame at a time.
import { describe, expect, it } from 'vitest';
import { createTimeline, plainText, REPLAY_FRAME_MS } from '../../theme/demo/replay-timeline.ts';
import { castOf, fixtureRecording, TWO_STEPS } from './replay-fixture.ts';

describe('createTimeline', () => {
  it('has one step per marker and draws the screen after any number of them', () => {
    const timeline = createTimeline(fixtureRecording('count'));
    expect(timeline.steps).toBe(4);
    expect(plainText(timeline.screenAt(0))).toBe('$ ');
    const afterTwo = plainText(timeline.screenAt(2));
    expect(afterTwo).toContain('two\n');
    expect(afterTwo).not.toContain('seq');
    expect(plainText(timeline.screenAt(4))).toContain('done\n');
    expect(timeline.screenAt(99)).toBe(timeline.screenAt(4));
  });

  it("gives each step's output and exit status from the shell's command marks, as a live step reply does", () => {
    const timeline = createTimeline(fixtureRecording('count'));
    expect(timeline.outputOf(0)).toBe('one');
    expect(timeline.outputOf(2)).toBe('3\n4\n5');
    expect([0, 1, 2, 3].map((i) => timeline.exitOf(i))).toEqual([0, 0, 0, 0]);
  });

  it('plays typing key by key with its recorded pauses, and caps a long wait at one second', () => {
    const chunks = createTimeline(castOf(TWO_STEPS)).chunksOf(0);
    expect(chunks.map((c) => c.data)).toEqual(['l', 's', '\r\n', 'file\r\n$ ']);
    expect(chunks.map((c) => Math.round(c.delayMs))).toEqual([100, 100, 100, 1000]);
  });

  it("counts from the step's own marker: the pause before it is the presenter's, not replayed", () => {
    const chunks = createTimeline(castOf(TWO_STEPS)).chunksOf(1);
    expect(Math.round(chunks[0]!.delayMs)).toBe(100);
  });

  it('joins output due within a frame into one write', () => {
    const chunks = createTimeline(castOf(TWO_STEPS)).chunksOf(1);
    expect(REPLAY_FRAME_MS).toBeGreaterThan(5);
    expect(chunks.map((c) => c.data)).toEqual(['true\r\n$ ']);
  });

  it("applies the speed, and the recording's own idle_time_limit when it is shorter", () => {
    const fast = createTimeline(castOf(TWO_STEPS), { idleCapS: 1, speed: 2 }).chunksOf(0);
    expect(fast.map((c) => Math.round(c.delayMs))).toEqual([50, 50, 50, 500]);
    const limited = createTimeline(castOf(TWO_STEPS, 0.25)).chunksOf(0);
    expect(Math.round(limited.at(-1)!.delayMs)).toBe(250);
  });

  it('takes the exit status of the last step from the x event when the shell left no marks', () => {
    const timeline = createTimeline(castOf(TWO_STEPS));
    expect(timeline.exitOf(0)).toBeNull();
    expect(timeline.exitOf(1)).toBe(0);
    expect(timeline.outputOf(0)).toBe('ls\nfile\n$ ');
  });

  it('treats a recording without markers (plain asciinema) as one step from a blank screen', () => {
    const timeline = createTimeline(castOf([[0.2, 'o', 'hello\r\n'], [0.3, 'o', 'world\r\n']]));
    expect(timeline.steps).toBe(1);
    expect(timeline.screenAt(0)).toBe('');
    expect(timeline.screenAt(1)).toBe('hello\r\nworld\r\n');
    expect(timeline.chunksOf(0).map((c) => c.data)).toEqual(['hello\r\n', 'world\r\n']);
  });
});

describe('plainText', () => {
  it('drops escape sequences and turns CR LF into LF', () => {
    expect(plainText('\x1b[1;31mred\x1b[0m\r\n\x1b]133;D;0\x07$ \x1b[?2004h')).toBe('red\n$ ');
  });
});
