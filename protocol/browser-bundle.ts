// The files of the browser bundle and the globals its lazily loaded parts define: the server
// writes and serves them (server/site/build-browser.ts), the page loads them (theme/).

/**
 * Every file sits in one assets folder; a page links the core and finds the others beside it.
 * `demos` holds xterm.js, the drivers and the controls (and socket.io-client in the live
 * flavor): a page loads it only when a demo slide comes near. `notes` is reveal's speaker view,
 * loaded when the speaker opens it.
 */
export const BUNDLE_FILES = {
  script: 'ptydeck.js',
  style: 'ptydeck.css',
  demosScript: 'ptydeck-demos.js',
  demosStyle: 'ptydeck-demos.css',
  notesScript: 'ptydeck-notes.js',
  indexScript: 'ptydeck-index.js',
} as const;

/**
 * What a lazy part's classic script assigns on `window` (Vite's iife `name`): a classic script
 * works from file://, where Chromium refuses module scripts and dynamic import().
 */
export const BUNDLE_GLOBALS = { demos: 'ptydeckDemos', notes: 'ptydeckNotes' } as const;
