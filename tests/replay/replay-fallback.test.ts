// A demo with both a live server and a recording: it follows choose-driver.ts's decisions to
// the recording at the same step (a missing requirement, a failed step, the server gone, the
// key) and back to live.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { switchAfter, SWITCH_GRACE_MS, REQUIREMENT_MISSING, type PageFacts, type Source, type SwitchTrigger } from '../../theme/demo/choose-driver.ts';
import { createFallbackDriver, type FallbackDriver } from '../../theme/demo/replay-fallback.ts';
import { createReplayDriver } from '../../theme/demo/replay-driver.ts';
import { castOf, TWO_STEPS } from './replay-fixture.ts';
import { FakeLiveDriver, liveProgress, outcome } from './fake-live-driver.ts';
import { TerminalSink } from './terminal-sink.ts';

function fallbackDriver(live: FakeLiveDriver, facts: Partial<PageFacts> = {}, start: Source = { kind: 'live' }): FallbackDriver {
  const page: PageFacts = { live: true, offline: false, platform: 'linux', fallback: 'manual', ...facts };
  const replay = createReplayDriver({ recording: castOf(TWO_STEPS), stale: null, reason: '' });
  const decide = (trigger: SwitchTrigger, current: Source) => switchAfter(trigger, current, page);
  return createFallbackDriver({ live, replay, start, decide, graceMs: SWITCH_GRACE_MS });
}

const nextStep = (driver: FallbackDriver) => (driver.state.kind === 'recorded' || driver.state.kind === 'live' ? driver.state.progress.nextStep : null);

describe('the fallback driver', () => {
  let live: FakeLiveDriver;
  let sink: TerminalSink;
  beforeEach(() => {
    vi.useFakeTimers();
    live = new FakeLiveDriver();
    sink = new TerminalSink();
  });
  afterEach(() => vi.useRealTimers());

  it('shows live output while live', async () => {
    const driver = fallbackDriver(live);
    driver.attach(sink.write, sink.report);
    await live.output('hello');
    expect(sink.text).toBe('LIVE$ hello');
    expect(driver.state.kind).toBe('live');
  });

  it('replays the step itself when the server says a requirement is missing', async () => {
    const driver = fallbackDriver(live);
    driver.attach(sink.write, sink.report);
    live.stepReplies.push({ ok: false, error: { code: REQUIREMENT_MISSING, message: 'unshare: not found' } });
    const step = driver.step();
    await vi.advanceTimersByTimeAsync(2000);
    expect(await step).toMatchObject({ ok: true, outcome: { index: 0 } });
    expect(driver.source).toMatchObject({ kind: 'recorded', cause: 'requirement-missing' });
    expect(driver.state.kind).toBe('recorded');
    expect(sink.text).toBe('$ ls\nfile\n$ ');
    expect(live.attached).toBe(false);
  });

  it('passes other refusals through and stays live', async () => {
    const driver = fallbackDriver(live);
    driver.attach(sink.write, sink.report);
    live.stepReplies.push({ ok: false, error: { code: 'busy', message: 'a step is still running' } });
    expect(await driver.step()).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect(driver.source.kind).toBe('live');
  });

  it('with fallback: auto, moves to the recording at the marker of the step that failed', async () => {
    const driver = fallbackDriver(live, { fallback: 'auto' });
    driver.attach(sink.write, sink.report);
    live.stepReplies.push({ ok: true, outcome: outcome(1, 2) });
    expect(await driver.step()).toMatchObject({ ok: true, outcome: { exitCode: 2 } });
    expect(driver.source).toMatchObject({ kind: 'recorded', cause: 'step-failed' });
    expect(nextStep(driver)).toBe(1);
    expect(sink.text).toBe('$ ls\nfile\n$ ');
  });

  it('without it, waits for the key, which then resumes at the failed step', async () => {
    const driver = fallbackDriver(live);
    driver.attach(sink.write, sink.report);
    live.stepReplies.push({ ok: true, outcome: outcome(0, 0) }, { ok: true, outcome: outcome(1, null, true) });
    await driver.step();
    await driver.step();
    live.set({ kind: 'live', progress: liveProgress({ nextStep: 2, status: 'finished' }) });
    expect(driver.source.kind).toBe('live');
    driver.switchFor({ kind: 'presenter-key' });
    expect(driver.source).toMatchObject({ kind: 'recorded', cause: 'presenter' });
    expect(nextStep(driver)).toBe(1);
  });

  it('takes a step the presenter interrupted for no failure', async () => {
    const driver = fallbackDriver(live, { fallback: 'auto' });
    driver.attach(sink.write, sink.report);
    let answer: (reply: Awaited<ReturnType<FakeLiveDriver['step']>>) => void = () => {};
    live.step = () => new Promise((resolve) => (answer = resolve));
    const step = driver.step();
    await driver.interrupt();
    answer({ ok: true, outcome: outcome(0, 130) });
    await step;
    expect(driver.source.kind).toBe('live');
  });

  it('replays from the running step once the server has been gone for the grace period, and goes live again when it is back', async () => {
    const driver = fallbackDriver(live);
    driver.attach(sink.write, sink.report);
    const last = liveProgress({ status: 'running', nextStep: 1, runningStep: 1 });
    live.set({ kind: 'offline', reason: 'the demo server went away', progress: last });
    await vi.advanceTimersByTimeAsync(SWITCH_GRACE_MS - 100);
    expect(driver.source.kind).toBe('live');
    await vi.advanceTimersByTimeAsync(200);
    expect(driver.source).toMatchObject({ kind: 'recorded', cause: 'server-lost' });
    expect(nextStep(driver)).toBe(1);
    expect(sink.text).toBe('$ ls\nfile\n$ ');
    expect(live.attached).toBe(true); // listening for the server to return
    await live.output('lost'); // a stray live chunk goes nowhere while the recording shows
    expect(sink.text).toBe('$ ls\nfile\n$ ');
    const attaches = live.attaches;
    live.set({ kind: 'live', progress: liveProgress() });
    await vi.advanceTimersByTimeAsync(0);
    expect(driver.source.kind).toBe('live');
    expect(live.attaches).toBe(attaches + 1); // re-attached, for a fresh screen
    expect(sink.text).toBe('LIVE$ ');
  });

  it('stays live through a blip shorter than the grace period', async () => {
    const driver = fallbackDriver(live);
    driver.attach(sink.write, sink.report);
    live.set({ kind: 'offline', reason: 'blip', progress: liveProgress() });
    await vi.advanceTimersByTimeAsync(500);
    live.set({ kind: 'live', progress: liveProgress() });
    await vi.advanceTimersByTimeAsync(SWITCH_GRACE_MS * 2);
    expect(driver.source.kind).toBe('live');
  });

  it('starts from the recording when told to (a server off Linux), and the key goes live', async () => {
    const driver = fallbackDriver(live, { platform: 'darwin' }, { kind: 'recorded', cause: 'not-linux', reason: 'not Linux' });
    driver.attach(sink.write, sink.report);
    expect(driver.state.kind).toBe('recorded');
    expect(live.attached).toBe(false);
    driver.switchFor({ kind: 'presenter-key' });
    expect(driver.source.kind).toBe('live');
    expect(live.attached).toBe(true);
    expect(sink.text).toBe('LIVE$ ');
  });
});
