// Where each demo's terminal is fed from, decided here and nowhere else:
//
//   live        the page has a live server (dev, present), and the demo can run there
//   recorded    the demo has a recording, and: the page has no server (a static site, file://),
//               or `--offline`, or the server's machine is not Linux; or, while live, the server
//               said a requirement is missing, a step failed (the presenter's key, or at once with
//               front matter `fallback: auto`), or the server went away for SWITCH_GRACE_MS
//   transcript  no recording and no server: the Markdown transcript stays on the slide
//
// A demo with both a server and a recording gets the fallback driver (replay-fallback.ts),
// which asks switchAfter() whenever something happens and follows its answer.
import type { DeckPageConfig, DemoFallback } from '../../protocol/deck-config.ts';
import type { DemoDriver } from './driver.ts';
import type { DemoPlaceholder } from './placeholder.ts';
import { createFallbackDriver, type FallbackDriver } from './replay-fallback.ts';
import { createReplayDriver } from './replay-driver.ts';
import type { ReplaySources } from './replay-sources.ts';
import { createTranscriptDriver } from './transcript-driver.ts';

/** The live server's error code for a demo whose requirements this machine lacks (server/demo/session-preflight.ts). */
export const REQUIREMENT_MISSING = 'requirement-missing';

/**
 * How long a lost server may take to come back before the slide replays instead: socket.io
 * reconnects a blip within a second or two; longer and the audience is watching a dead terminal.
 */
export const SWITCH_GRACE_MS = 2_000;

/** What the page says about where demos can run. */
export interface PageFacts {
  /** A live demo server serves the page, and this bundle can talk to it. */
  readonly live: boolean;
  readonly offline: boolean;
  /** The server machine's platform, when known. */
  readonly platform: string | null;
  readonly fallback: DemoFallback;
}

/** Why a demo shows its recording: the tooltip says it, and a switch back depends on it. */
export type RecordedCause = 'no-server' | 'offline' | 'not-linux' | 'requirement-missing' | 'step-failed' | 'server-lost' | 'presenter';

export type Source = { readonly kind: 'live' } | { readonly kind: 'recorded'; readonly cause: RecordedCause; readonly reason: string };

/** Something that may move a demo between its live run and its recording. */
export type SwitchTrigger =
  /** The live server refused a step or run-all (its error code and message). */
  | { readonly kind: 'live-refused'; readonly code: string; readonly message: string }
  | { readonly kind: 'step-failed'; readonly step: number; readonly exitCode: number | null; readonly timedOut: boolean }
  | { readonly kind: 'server-lost'; readonly reason: string }
  | { readonly kind: 'server-back' }
  | { readonly kind: 'presenter-key' };

const recorded = (cause: RecordedCause, reason: string): Source => ({ kind: 'recorded', cause, reason });

/** The page's facts from its config; `liveLoaded` says whether the live module could start. */
export function pageFacts(config: DeckPageConfig, liveLoaded: boolean): PageFacts {
  return {
    live: liveLoaded && Boolean(config.live) && !config.offline,
    offline: config.offline === true,
    platform: config.live?.platform ?? null,
    fallback: config.fallback === 'auto' ? 'auto' : 'manual',
  };
}

/** Where a demo starts; null means the transcript (no server, no recording). */
export function initialSource(page: PageFacts, hasRecording: boolean): Source | null {
  if (page.live) {
    if (hasRecording && page.platform !== null && page.platform !== 'linux') {
      return recorded('not-linux', `Replaying the recording: the demo server runs on ${page.platform}, not Linux`);
    }
    return { kind: 'live' };
  }
  if (!hasRecording) return null;
  return page.offline
    ? recorded('offline', 'Replaying the recording: ptydeck runs --offline')
    : recorded('no-server', 'Replaying the recording: no demo server serves this page');
}

/** Where a demo with both sources goes after `trigger`, or null to stay. */
export function switchAfter(trigger: SwitchTrigger, current: Source, page: PageFacts): Source | null {
  switch (trigger.kind) {
    case 'live-refused':
      // Busy, read-only, disconnected: live answers those itself (the last one by server-lost).
      if (current.kind !== 'live' || trigger.code !== REQUIREMENT_MISSING) return null;
      return recorded('requirement-missing', `Replaying the recording: it cannot run live here (${trigger.message})`);
    case 'step-failed': {
      if (current.kind !== 'live' || page.fallback !== 'auto') return null;
      const how = trigger.timedOut ? 'timed out' : `exited ${trigger.exitCode ?? '?'}`;
      return recorded('step-failed', `Replaying the recording from step ${trigger.step + 1}: it ${how} live`);
    }
    case 'server-lost':
      return current.kind === 'live' ? recorded('server-lost', `Replaying the recording: ${trigger.reason}; live again once it is back`) : null;
    case 'server-back':
      return current.kind === 'recorded' && current.cause === 'server-lost' ? { kind: 'live' } : null;
    case 'presenter-key':
      // From the recording, back to live: if the server is still gone, server-lost comes again.
      return current.kind === 'live' ? recorded('presenter', 'Replaying the recording: switched by the presenter (T switches back)') : { kind: 'live' };
  }
}

/** Makes each demo's driver, and lets the presenter's key switch a demo's source. */
export interface DriverChooser {
  driverFor(placeholder: DemoPlaceholder): DemoDriver;
  /** Switches demo `id` between live and its recording; false when it has not both. */
  toggle(id: string): boolean;
}

/** `live` makes a live driver (null on a page without a server or a bundle without live code). */
export function createDriverChooser(page: PageFacts, sources: ReplaySources, live: ((placeholder: DemoPlaceholder) => DemoDriver) | null): DriverChooser {
  const switchable = new Map<string, FallbackDriver>();
  return {
    driverFor(placeholder) {
      const { id } = placeholder.ref;
      const goLive = page.live ? live : null;
      const source = sources.has(id) ? sources.get(id) : null;
      const start = initialSource({ ...page, live: goLive !== null }, source !== null);
      if (start === null) return createTranscriptDriver();
      // Without a recording, the start is live: there is nothing to fall back to.
      if (source === null) return goLive ? goLive(placeholder) : createTranscriptDriver();
      const reason = start.kind === 'recorded' ? start.reason : '';
      const replay = createReplayDriver({ recording: source.recording, stale: source.stale, snapshots: source.snapshots, reason });
      if (!goLive) return replay;
      const decide = (trigger: SwitchTrigger, current: Source) => switchAfter(trigger, current, page);
      const driver = createFallbackDriver({ live: goLive(placeholder), replay, start, decide, graceMs: SWITCH_GRACE_MS });
      switchable.set(id, driver);
      return driver;
    },
    toggle(id) {
      const driver = switchable.get(id);
      if (!driver || driver.disposed) return false;
      driver.switchFor({ kind: 'presenter-key' });
      return true;
    },
  };
}
