// The CSS of a deck's theme, made safe to publish: no fonts or styles fetched from the network.
import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT, revealThemePath } from './package-paths.ts';
import type { ThemeName } from '../deck/deck-meta.ts';

const REMOTE_IMPORT = /@import\s+(?:url\()?\s*["']?(?:https?:)?\/\/[^;]*;/g;
const STYLES = path.join(PACKAGE_ROOT, 'theme/styles');

function readStyle(name: string): string {
  return fs.readFileSync(path.join(STYLES, name), 'utf8');
}

/** Reads a theme's CSS; reveal.js's remote font imports are dropped (the fallback fonts apply). */
export function themeCss(theme: ThemeName): string {
  // A ptydeck variant is its colours, then the rules both variants share.
  if (theme === 'ptydeck-dark' || theme === 'ptydeck-light') return `${readStyle(`${theme}.css`)}\n${readStyle('ptydeck-shared.css')}`;
  return fs.readFileSync(revealThemePath(theme), 'utf8').replace(REMOTE_IMPORT, '/* remote font import removed: decks work offline */');
}

/** The index page: ptydeck's base styles and rules in light colours, dark ones when preferred. */
export function indexCss(): string {
  return `${readStyle('base.css')}\n${themeCss('ptydeck-light')}\n@media (prefers-color-scheme: dark) {\n${readStyle('ptydeck-dark.css')}\n}\n`;
}
