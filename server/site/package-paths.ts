// Where ptydeck's own files are, wherever it is installed.
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The ptydeck package folder (holds theme/, server/, protocol/). */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The browser entry every deck page loads. */
export const THEME_ENTRY = path.join(PACKAGE_ROOT, 'theme/main.ts');

/** The lazily loaded demo part: xterm.js, drivers and controls (theme/demo/start-demos.ts). */
export const DEMO_PART_ENTRY = path.join(PACKAGE_ROOT, 'theme/demo/demo-part.ts');

/** The lazily loaded speaker view (theme/speaker-notes.ts). */
export const NOTES_PART_ENTRY = path.join(PACKAGE_ROOT, 'theme/notes-part.ts');

/** The index page's only script: it keeps the presenter's token for the decks it lists. */
export const INDEX_ENTRY = path.join(PACKAGE_ROOT, 'theme/demo/index-token.ts');

const require = createRequire(import.meta.url);

/** Absolute path of a reveal.js built-in theme's CSS. */
export function revealThemePath(name: string): string {
  return require.resolve(`reveal.js/theme/${name}.css`);
}
