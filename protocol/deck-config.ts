// What a deck page tells its browser code: embedded as JSON in the page, read at start-up.

import type { ScreenSnapshot } from './asciicast/screen-snapshot.ts';

/** The page's start-up settings, serialized into `<script type="application/json" id="ptydeck-config">`. */
export interface DeckPageConfig {
  readonly deck: string;
  readonly title: string;
  /** reveal.js options from front matter, over ptydeck's defaults. */
  readonly reveal: Readonly<Record<string, unknown>>;
  /** Set only when a live demo server serves the page (dev, present); absent in a static build. */
  readonly live?: {
    readonly socketPath: string;
    /** The server machine's `process.platform`: off Linux, demos with a recording replay it. */
    readonly platform?: string;
  } | null;
  /** `ptydeck dev --offline`: a server serves the page but runs no demo; recordings replay. */
  readonly offline?: boolean;
  /** When a live step fails: `manual` waits for the presenter's key, `auto` replays at once. */
  readonly fallback?: DemoFallback;
  /** `ptydeck dev`: URL of the event stream (server-sent events) that pushes DeckUpdates. */
  readonly updates?: string;
}

/** Front matter `fallback:`; see DeckPageConfig.fallback. */
export type DemoFallback = 'manual' | 'auto';

/**
 * The element id of the page's recordings: apart from the config, at the end of the body, so
 * the first slide is parsed before them (file:// pages cannot fetch, so they are embedded).
 */
export const DECK_RECORDINGS_ID = 'ptydeck-recordings';

/** One demo's recording as a page embeds it. */
export interface EmbeddedRecording {
  /** The .cast file's text, as recorded (any asciicast version). */
  readonly cast: string;
  /** Why it may not show what the demo runs now (recorded from another version), or null. */
  readonly stale: string | null;
  /** Screens at some markers, drawn ahead so seeking a long recording is cheap (may be absent). */
  readonly snapshots?: readonly ScreenSnapshot[];
}

/** The page's recordings by demo id: only demos of that deck that have one. */
export type EmbeddedRecordings = Readonly<Record<string, EmbeddedRecording>>;

/** The element id of the embedded config. */
export const DECK_CONFIG_ID = 'ptydeck-config';

/**
 * The class on <html> while slide 1 is drawn ahead of reveal.js (server/site/prepaint.ts sets
 * it, theme/main.ts removes it just before reveal.js lays the deck out).
 */
export const PREPAINT_CLASS = 'ptydeck-prepaint';

/** The event (on the dev server's event stream) sent when a deck's Markdown changes. */
export const DECK_UPDATE_EVENT = 'ptydeck:deck-update';

/** Payload of DECK_UPDATE_EVENT: the deck's new sections. */
export interface DeckUpdate {
  readonly deck: string;
  readonly title: string;
  readonly html: string;
}

/** The event (same stream) that asks dev pages to reload: the browser bundle was rebuilt. */
export const DEV_RELOAD_EVENT = 'ptydeck:reload';
