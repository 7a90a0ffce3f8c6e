// The CSS of a deck's theme, made safe to publish: no fonts or styles fetched from the network.
import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT, revealThemePath } from './package-paths.ts';
import type { ThemeName } from '../deck/deck-meta.ts';

const REMOTE_IMPORT = /@import\s+(?:url\()?\s*["']?(?:https?:)?\/\/[^;]*;/g;

/** Reads a theme's CSS; reveal.js's remote font imports are dropped (the fallback fonts apply). */
export function themeCss(theme: ThemeName): string {
  if (theme === 'ptydeck-dark' || theme === 'ptydeck-light') {
    return fs.readFileSync(path.join(PACKAGE_ROOT, 'theme/styles', `${theme}.css`), 'utf8');
  }
  return fs.readFileSync(revealThemePath(theme), 'utf8').replace(REMOTE_IMPORT, '/* remote font import removed: decks work offline */');
}

/** The index page: ptydeck's base styles, light, and dark when the reader prefers it. */
export function indexCss(): string {
  const base = fs.readFileSync(path.join(PACKAGE_ROOT, 'theme/styles/base.css'), 'utf8');
  return `${base}\n${themeCss('ptydeck-light')}\n@media (prefers-color-scheme: dark) {\n${themeCss('ptydeck-dark')}\n}\n`;
}
