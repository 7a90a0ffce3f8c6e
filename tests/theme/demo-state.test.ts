// From the server's snapshot to what the badge says and whether "next" runs a step.
import { describe, expect, it } from 'vitest';
import type { DemoSnapshot } from '../../protocol/socket-events.ts';
import { progressFromSnapshot } from '../../theme/demo/demo-progress.ts';
import { describeBadge } from '../../theme/demo/badge.ts';
import { capabilities, hasStepsLeft, type DemoProgress, type DriverState } from '../../theme/demo/driver.ts';

function snapshot(fields: Partial<DemoSnapshot>): DemoSnapshot {
  return {
    deck: 'd',
    id: 'x',
    status: 'ready',
    nextStep: 0,
    steps: 5,
    lastExit: null,
    lastTimedOut: false,
    interactive: false,
    screen: '',
    message: null,
    ...fields,
  };
}

const live = (progress: DemoProgress): DriverState => ({ kind: 'live', progress });

describe('progressFromSnapshot', () => {
  it('latches the running step from the first running snapshot of a run', () => {
    const first = progressFromSnapshot(snapshot({ status: 'running', nextStep: 1 }), null);
    expect(first.runningStep).toBe(1);
    // The server counts the step as taken while it runs: the number stays.
    const later = progressFromSnapshot(snapshot({ status: 'running', nextStep: 2 }), first);
    expect(later.runningStep).toBe(1);
    const done = progressFromSnapshot(snapshot({ status: 'ready', nextStep: 2, lastExit: 0 }), later);
    expect(done.runningStep).toBeNull();
    expect(progressFromSnapshot(snapshot({ status: 'running', nextStep: 2 }), done).runningStep).toBe(2);
  });

  it('clamps out-of-range step numbers', () => {
    expect(progressFromSnapshot(snapshot({ nextStep: 9, steps: 3 }), null).nextStep).toBe(3);
    expect(progressFromSnapshot(snapshot({ nextStep: -2 }), null).nextStep).toBe(0);
  });
});

describe('describeBadge', () => {
  const badge = (fields: Partial<DemoSnapshot>) => describeBadge(live(progressFromSnapshot(snapshot(fields), null)), true);

  it('says ready before any step ran', () => {
    expect(badge({ status: 'idle' })).toMatchObject({ state: 'ready', text: 'ready' });
  });

  it('counts the running step from one', () => {
    expect(badge({ status: 'running', nextStep: 1, steps: 5 })).toMatchObject({ state: 'running', text: 'running step 2/5' });
  });

  it('shows the last exit code, ok for 0 and failed otherwise', () => {
    expect(badge({ nextStep: 2, lastExit: 0 })).toMatchObject({ state: 'ok', text: 'exit 0' });
    expect(badge({ nextStep: 2, lastExit: 1 })).toMatchObject({ state: 'failed', text: 'exit 1' });
    expect(badge({ nextStep: 2, lastExit: 0, lastTimedOut: true })).toMatchObject({ state: 'failed', text: 'timed out' });
  });

  it('carries the failure message in the tooltip', () => {
    expect(badge({ status: 'failed', message: 'unshare: not found' })).toEqual({ state: 'failed', text: 'failed', title: 'unshare: not found' });
  });

  it('says when the transcript stands in for an absent server', () => {
    const offline: DriverState = { kind: 'offline', reason: 'cannot reach the demo server', progress: null };
    expect(describeBadge(offline, false)).toMatchObject({ state: 'offline', text: 'offline — showing transcript' });
    expect(describeBadge(offline, true)).toMatchObject({ state: 'offline', text: 'offline' });
    expect(describeBadge({ kind: 'transcript' }, false)).toMatchObject({ state: 'transcript' });
  });
});

describe('hasStepsLeft', () => {
  const left = (fields: Partial<DemoSnapshot>) => hasStepsLeft(live(progressFromSnapshot(snapshot(fields), null)));

  it('is true while a step is left to run', () => {
    expect(left({ status: 'idle', nextStep: 0 })).toBe(true);
    expect(left({ nextStep: 4, steps: 5 })).toBe(true);
  });

  it('is false once every step ran, or the demo finished or failed', () => {
    expect(left({ nextStep: 5, steps: 5 })).toBe(false);
    expect(left({ status: 'finished', nextStep: 3 })).toBe(false);
    expect(left({ status: 'failed', nextStep: 0 })).toBe(false);
  });

  it('does not count the running step as left, so next moves on during the last one', () => {
    expect(left({ status: 'running', nextStep: 4, steps: 5 })).toBe(false);
    expect(left({ status: 'running', nextStep: 3, steps: 5 })).toBe(true);
  });

  it('is false without a live demo', () => {
    expect(hasStepsLeft({ kind: 'transcript' })).toBe(false);
    expect(hasStepsLeft({ kind: 'connecting' })).toBe(false);
  });
});

describe('capabilities', () => {
  it('fills what a driver did not grant with false', () => {
    expect(capabilities({ screen: true })).toEqual({ screen: true, step: false, runAll: false, interrupt: false, reset: false, input: false });
  });
});
