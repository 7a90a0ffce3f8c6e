// What a deck page tells its browser code: embedded as JSON in the page, read at start-up.

/** The page's start-up settings, serialized into `<script type="application/json" id="ptydeck-config">`. */
export interface DeckPageConfig {
  readonly deck: string;
  readonly title: string;
  /** reveal.js options from front matter, over ptydeck's defaults. */
  readonly reveal: Readonly<Record<string, unknown>>;
  /** Set only when a live demo server serves the page (dev, present); absent in a static build. */
  readonly live?: { readonly socketPath: string } | null;
}

/** The element id of the embedded config. */
export const DECK_CONFIG_ID = 'ptydeck-config';

/** Custom Vite HMR event sent when a deck's Markdown changes in dev. */
export const DECK_UPDATE_EVENT = 'ptydeck:deck-update';

/** Payload of DECK_UPDATE_EVENT: the deck's new sections. */
export interface DeckUpdate {
  readonly deck: string;
  readonly title: string;
  readonly html: string;
}
