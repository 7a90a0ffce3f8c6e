// The one place that decides where a demo's terminal is fed from: where it starts, and where it
// goes when something happens while it runs.
import { describe, expect, it } from 'vitest';
import { initialSource, pageFacts, switchAfter, REQUIREMENT_MISSING, type PageFacts, type Source } from '../../theme/demo/choose-driver.ts';

const page = (facts: Partial<PageFacts> = {}): PageFacts => ({ live: true, offline: false, platform: 'linux', fallback: 'manual', ...facts });
const live: Source = { kind: 'live' };
const recordedAs = (cause: Extract<Source, { kind: 'recorded' }>['cause']): Source => ({ kind: 'recorded', cause, reason: '' });

describe('initialSource', () => {
  it('runs live when the page has a server on Linux, with or without a recording', () => {
    expect(initialSource(page(), true)).toEqual(live);
    expect(initialSource(page(), false)).toEqual(live);
  });

  it('replays when there is no server, saying why', () => {
    expect(initialSource(page({ live: false }), true)).toMatchObject({ kind: 'recorded', cause: 'no-server', reason: expect.stringContaining('no demo server') });
    expect(initialSource(page({ live: false, offline: true }), true)).toMatchObject({ kind: 'recorded', cause: 'offline' });
  });

  it('keeps the transcript when there is neither a server nor a recording', () => {
    expect(initialSource(page({ live: false }), false)).toBeNull();
  });

  it('replays what has a recording when the server is not on Linux, and runs the rest live', () => {
    expect(initialSource(page({ platform: 'darwin' }), true)).toMatchObject({ kind: 'recorded', cause: 'not-linux', reason: expect.stringContaining('darwin') });
    expect(initialSource(page({ platform: 'darwin' }), false)).toEqual(live);
  });
});

describe('pageFacts', () => {
  it('goes live only with a server named, the live side loaded and --offline off', () => {
    const config = { deck: 'd', title: 't', reveal: {}, live: { socketPath: '/s', platform: 'linux' } };
    expect(pageFacts(config, true)).toEqual({ live: true, offline: false, platform: 'linux', fallback: 'manual' });
    expect(pageFacts(config, false).live).toBe(false);
    expect(pageFacts({ ...config, offline: true }, true).live).toBe(false);
    expect(pageFacts({ ...config, live: null, fallback: 'auto' }, false)).toMatchObject({ live: false, platform: null, fallback: 'auto' });
  });
});

describe('switchAfter', () => {
  it('replays when the server says a requirement is missing, and ignores its other refusals', () => {
    expect(switchAfter({ kind: 'live-refused', code: REQUIREMENT_MISSING, message: 'root: not root' }, live, page())).toMatchObject({
      kind: 'recorded',
      cause: 'requirement-missing',
      reason: expect.stringContaining('root: not root'),
    });
    for (const code of ['busy', 'read-only', 'disconnected', 'no-more-steps']) {
      expect(switchAfter({ kind: 'live-refused', code, message: '' }, live, page())).toBeNull();
    }
  });

  it('replays after a failed step only with fallback: auto', () => {
    const failed = { kind: 'step-failed', step: 2, exitCode: 1, timedOut: false } as const;
    expect(switchAfter(failed, live, page())).toBeNull();
    expect(switchAfter(failed, live, page({ fallback: 'auto' }))).toMatchObject({ kind: 'recorded', cause: 'step-failed', reason: expect.stringContaining('step 3') });
  });

  it('replays while the server is gone, and goes live again only if that was why', () => {
    expect(switchAfter({ kind: 'server-lost', reason: 'the demo server went away' }, live, page())).toMatchObject({ kind: 'recorded', cause: 'server-lost' });
    expect(switchAfter({ kind: 'server-back' }, recordedAs('server-lost'), page())).toEqual(live);
    expect(switchAfter({ kind: 'server-back' }, recordedAs('presenter'), page())).toBeNull();
    expect(switchAfter({ kind: 'server-back' }, recordedAs('requirement-missing'), page())).toBeNull();
  });

  it("toggles on the presenter's key", () => {
    expect(switchAfter({ kind: 'presenter-key' }, live, page())).toMatchObject({ kind: 'recorded', cause: 'presenter' });
    expect(switchAfter({ kind: 'presenter-key' }, recordedAs('presenter'), page())).toEqual(live);
    expect(switchAfter({ kind: 'presenter-key' }, recordedAs('step-failed'), page())).toEqual(live);
  });

  it('does not move a recording anywhere on live-side events', () => {
    const recording = recordedAs('presenter');
    expect(switchAfter({ kind: 'server-lost', reason: '' }, recording, page())).toBeNull();
    expect(switchAfter({ kind: 'step-failed', step: 0, exitCode: 1, timedOut: false }, recording, page({ fallback: 'auto' }))).toBeNull();
  });
});
