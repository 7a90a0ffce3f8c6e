// The replay driver as the slide uses it: the screen after the current step when mounted, each
// step played with its recorded timing, interrupt, fast-forward, reset, seek and run-all.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createReplayDriver, type ReplayDriver } from '../../theme/demo/replay-driver.ts';
import { castOf, fixtureRecording, TWO_STEPS } from './replay-fixture.ts';
import { TerminalSink } from './terminal-sink.ts';

const progress = (driver: ReplayDriver) => {
  const { state } = driver;
  if (state.kind !== 'recorded') throw new Error(`expected recorded, got ${state.kind}`);
  return state.progress;
};

describe('the replay driver', () => {
  let driver: ReplayDriver;
  let sink: TerminalSink;
  beforeEach(() => {
    vi.useFakeTimers();
    driver = createReplayDriver({ recording: castOf(TWO_STEPS), stale: null, reason: 'Replaying the recording: no demo server serves this page' });
    sink = new TerminalSink();
  });
  afterEach(() => {
    driver.dispose();
    vi.useRealTimers();
  });

  it('is recorded, can step, run all, interrupt and reset, and never takes typing', async () => {
    expect(driver.state.kind).toBe('recorded');
    expect(driver.can).toMatchObject({ screen: true, step: true, runAll: true, interrupt: true, reset: true, input: false });
    expect(await driver.input('x')).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    expect(progress(driver).message).toContain('no demo server');
  });

  it('draws the screen before the first step when attached', () => {
    driver.attach(sink.write, sink.report);
    expect(sink.kinds()).toEqual(['screen']);
    expect(sink.text).toBe('$ ');
    expect(sink.states.at(-1)).toMatchObject({ kind: 'recorded', progress: { status: 'ready', nextStep: 0, steps: 2 } });
  });

  it('plays a step with its timing: keys 100 ms apart, the 5 s wait cut to 1 s', async () => {
    driver.attach(sink.write, sink.report);
    const step = driver.step();
    expect(progress(driver)).toMatchObject({ status: 'running', runningStep: 0 });
    await vi.advanceTimersByTimeAsync(150);
    expect(sink.text).toBe('$ l');
    await vi.advanceTimersByTimeAsync(200);
    expect(sink.text).toBe('$ ls\n');
    await vi.advanceTimersByTimeAsync(1000);
    expect(await step).toMatchObject({ ok: true, outcome: { index: 0, timedOut: false } });
    expect(sink.text).toBe('$ ls\nfile\n$ ');
    expect(progress(driver)).toMatchObject({ status: 'ready', nextStep: 1, runningStep: null });
  });

  it('shows the rest of a step at once when next comes during it', async () => {
    driver.attach(sink.write, sink.report);
    const step = driver.step();
    await vi.advanceTimersByTimeAsync(150);
    const skipped = await driver.step();
    expect(skipped).toMatchObject({ ok: true, outcome: { index: 0 } });
    expect(await step).toEqual(skipped);
    expect(sink.text).toBe('$ ls\nfile\n$ ');
    expect(progress(driver).nextStep).toBe(1);
  });

  it('stops where it is on interrupt, and redraws the right screen before the next step', async () => {
    driver.attach(sink.write, sink.report);
    void driver.step();
    await vi.advanceTimersByTimeAsync(150);
    expect(await driver.interrupt()).toEqual({ ok: true });
    await vi.advanceTimersByTimeAsync(5000);
    expect(sink.text).toBe('$ l');
    expect(progress(driver)).toMatchObject({ status: 'ready', nextStep: 1 });
    const next = driver.step();
    await vi.advanceTimersByTimeAsync(1000);
    await next;
    expect(sink.events.filter((e) => e.kind === 'screen')).toHaveLength(2);
    expect(sink.text).toBe('$ ls\nfile\n$ true\n$ ');
    expect(progress(driver)).toMatchObject({ status: 'finished', nextStep: 2, lastExit: 0 });
    expect(await driver.step()).toMatchObject({ ok: false, error: { code: 'no-more-steps' } });
  });

  it('runs all remaining steps, and reset rewinds to the first screen', async () => {
    driver.attach(sink.write, sink.report);
    const all = driver.runAll();
    await vi.advanceTimersByTimeAsync(3000);
    expect(await all).toMatchObject({ ok: true, outcomes: [{ index: 0 }, { index: 1, exitCode: 0 }] });
    expect(sink.text).toBe('$ ls\nfile\n$ true\n$ ');
    expect(await driver.reset()).toEqual({ ok: true });
    expect(sink.text).toBe('$ ');
    expect(progress(driver)).toMatchObject({ status: 'ready', nextStep: 0, lastExit: null });
  });

  it('seeks to any step at once, with a new reason', () => {
    driver.attach(sink.write, sink.report);
    driver.seek(1, 'Replaying the recording: the demo server went away');
    expect(sink.text).toBe('$ ls\nfile\n$ ');
    expect(progress(driver)).toMatchObject({ nextStep: 1, message: expect.stringContaining('went away') });
    driver.seek(7);
    expect(progress(driver).nextStep).toBe(2);
  });

  it('moves on without drawing while no terminal is attached, and shows that screen when one is', async () => {
    expect(await driver.step()).toMatchObject({ ok: true, outcome: { index: 0 } });
    driver.attach(sink.write, sink.report);
    expect(sink.text).toBe('$ ls\nfile\n$ ');
  });

  it('ends the step when the slide is left, and shows the screen after it on return', async () => {
    const attachment = driver.attach(sink.write, sink.report);
    const step = driver.step();
    await vi.advanceTimersByTimeAsync(150);
    attachment.dispose();
    await step;
    expect(progress(driver)).toMatchObject({ status: 'ready', nextStep: 1 });
    const back = new TerminalSink();
    driver.attach(back.write, back.report);
    expect(back.text).toBe('$ ls\nfile\n$ ');
  });

  it('says in its tooltip message when the recording is stale', () => {
    const stale = createReplayDriver({ recording: fixtureRecording('count'), stale: 'made from another version', reason: 'r' });
    expect(progress(stale).message).toContain('Stale: made from another version');
    stale.dispose();
  });
});
