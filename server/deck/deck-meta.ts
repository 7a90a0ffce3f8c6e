// Reads the deck's front matter into typed settings, reporting what it cannot use.
import type { Diagnostic } from '../../protocol/diagnostic.ts';

/** Themes a deck may name: ours, and reveal.js's built-ins. */
export const THEMES = [
  'ptydeck-dark', 'ptydeck-light',
  'black', 'white', 'league', 'beige', 'night', 'serif', 'simple', 'solarized', 'moon', 'dracula', 'sky', 'blood',
  'black-contrast', 'white-contrast',
] as const;
export type ThemeName = (typeof THEMES)[number];
export const DEFAULT_THEME: ThemeName = 'ptydeck-dark';

/** Themes with a dark background: code on their slides uses shiki's dark colours. */
export const DARK_THEMES: ReadonlySet<ThemeName> = new Set(['ptydeck-dark', 'black', 'black-contrast', 'league', 'night', 'moon', 'dracula', 'blood']);

export interface DeckMeta {
  readonly title: string | null;
  readonly author: string | null;
  readonly date: string | null;
  readonly lang: string;
  readonly theme: ThemeName;
  readonly separator: RegExp;
  readonly verticalSeparator: RegExp | null;
  readonly animateLists: boolean;
  /** Passed to Reveal.initialize() as given. */
  readonly reveal: Readonly<Record<string, unknown>>;
  /** When a live step fails: `manual` (the presenter's key switches to the recording) or `auto`. */
  readonly fallback: 'manual' | 'auto';
}

const KNOWN_KEYS = new Set(['title', 'author', 'date', 'lang', 'theme', 'separator', 'verticalSeparator', 'animateLists', 'reveal', 'description', 'fallback']);

/** Turns the front-matter mapping into settings; bad values fall back with a diagnostic. */
export function readDeckMeta(data: Readonly<Record<string, unknown>>, file: string, diagnostics: Diagnostic[]): DeckMeta {
  const warn = (code: string, message: string) => diagnostics.push({ severity: 'warning', code, message, file, line: 1 });
  for (const key of Object.keys(data)) {
    if (!KNOWN_KEYS.has(key)) warn('front-matter-unknown-key', `unknown front matter key "${key}" (known: ${[...KNOWN_KEYS].join(', ')})`);
  }
  const text = (key: string): string | null => {
    const value = data[key];
    if (value === undefined || value === null) return null;
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    warn('front-matter-type', `front matter "${key}" should be text`);
    return null;
  };
  const regex = (key: string, fallback: string): RegExp => {
    const source = text(key) ?? fallback;
    try {
      return new RegExp(source);
    } catch {
      warn('front-matter-separator', `${key} "${source}" is not a valid regular expression; using ${fallback}`);
      return new RegExp(fallback);
    }
  };
  let theme = (text('theme') ?? DEFAULT_THEME) as ThemeName;
  if (!THEMES.includes(theme)) {
    warn('front-matter-theme', `unknown theme "${theme}" (known: ${THEMES.join(', ')}); using ${DEFAULT_THEME}`);
    theme = DEFAULT_THEME;
  }
  const reveal = data.reveal;
  if (reveal !== undefined && (typeof reveal !== 'object' || reveal === null || Array.isArray(reveal))) {
    warn('front-matter-reveal', 'front matter "reveal" should be a mapping of reveal.js options');
  }
  const fallback = text('fallback') ?? 'manual';
  if (fallback !== 'manual' && fallback !== 'auto') warn('front-matter-fallback', `fallback "${fallback}" is not manual or auto; using manual`);
  const vertical = data.verticalSeparator === false ? null : regex('verticalSeparator', '^--$');
  return {
    title: text('title'),
    author: text('author'),
    date: text('date'),
    lang: text('lang') ?? 'en',
    theme,
    separator: regex('separator', '^---$'),
    verticalSeparator: vertical,
    animateLists: data.animateLists === true,
    reveal: typeof reveal === 'object' && reveal !== null && !Array.isArray(reveal) ? (reveal as Record<string, unknown>) : {},
    fallback: fallback === 'auto' ? 'auto' : 'manual',
  };
}
