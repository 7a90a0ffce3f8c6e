// The HTML documents of a site: one page per deck and the index that lists them.
import type { CompiledDeck } from '../deck/compile-deck.ts';
import type { DeckPageConfig, EmbeddedRecordings } from '../../protocol/deck-config.ts';
import { DECK_CONFIG_ID, DECK_RECORDINGS_ID } from '../../protocol/deck-config.ts';
import { escapeHtml } from '../deck/html-attributes.ts';
import { DARK_THEMES } from '../deck/deck-meta.ts';
import { PREPAINT_SCRIPT, prepaintStyle } from './prepaint.ts';

/**
 * A stylesheet of a page: its URL (a <link>), or its text, written into the page (a <style>;
 * see INLINE_STYLE_MAX_BYTES in build-site.ts).
 */
export type PageStyle = string | { readonly css: string };

/** How a page loads the browser code: classic scripts (file:// refuses module scripts) and styles. */
export interface PageAssets {
  readonly scripts: ReadonlyArray<{ readonly src: string; readonly module: boolean }>;
  readonly styles: readonly PageStyle[];
  /** The deck theme's stylesheet; it must come after every other style (see theme/main.ts). */
  readonly theme?: PageStyle;
}

/** The title a deck is listed and shown under. */
export function deckTitle(compiled: CompiledDeck): string {
  return compiled.meta.title ?? compiled.deck;
}

/** JSON that is safe inside a `<script>` element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * CSS that is safe inside a <style> element: only `</style` could end it early, and CSS can hold
 * that only in a string or a comment, where `<\/style` reads the same.
 */
function styleText(css: string): string {
  return css.replace(/<\/(style)/gi, '<\\/$1');
}

/** A <link> to the stylesheet, or a <style> holding it; `attributes` starts with a space. */
function styleElement(style: PageStyle, attributes = ''): string {
  return typeof style === 'string' ? `<link rel="stylesheet"${attributes} href="${escapeHtml(style)}">` : `<style${attributes}>${styleText(style.css)}</style>`;
}

/** `early`: what must run before the stylesheets load (the prepaint script). */
function head(title: string, assets: PageAssets, extra = '', early = ''): string {
  const styles = [...assets.styles.map((style) => styleElement(style)), ...(assets.theme ? [styleElement(assets.theme, ' data-ptydeck-theme')] : [])].join('\n');
  const scripts = assets.scripts
    .map((s) => (s.module ? `<script type="module" src="${escapeHtml(s.src)}"></script>` : `<script defer src="${escapeHtml(s.src)}"></script>`))
    .join('\n');
  return `<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${escapeHtml(title)}</title>\n${early}${styles}\n${extra}${scripts}`;
}

/** Where a page's demos come from, besides its Markdown transcripts. */
export interface DeckPageDemos {
  /** The live demo server, when one serves the page (never in a static build). */
  readonly live?: DeckPageConfig['live'];
  /** `--offline`: a server serves the page but runs no demo. */
  readonly offline?: boolean;
  /** The deck's recordings (load-recordings.ts), embedded for replay. */
  readonly recordings?: EmbeddedRecordings;
  /** `ptydeck dev`: the URL of the page's event stream of deck updates. */
  readonly updates?: string;
}

/** The recordings element, or '' when the deck has none (most bytes of a page: kept out of the config). */
function recordingsScript(recordings: EmbeddedRecordings | undefined): string {
  if (!recordings || Object.keys(recordings).length === 0) return '';
  return `<script type="application/json" id="${DECK_RECORDINGS_ID}">${scriptJson(recordings)}</script>\n`;
}

/** A deck's page: reveal.js markup around the compiled sections, and its start-up config. */
export function renderDeckPage(compiled: CompiledDeck, assets: PageAssets, demos: DeckPageDemos = {}): string {
  const title = deckTitle(compiled);
  const config: DeckPageConfig = {
    deck: compiled.deck,
    title,
    reveal: compiled.meta.reveal,
    live: demos.live ?? null,
    ...(demos.offline ? { offline: true } : {}),
    ...(compiled.meta.fallback === 'auto' ? { fallback: 'auto' } : {}),
    ...(demos.updates ? { updates: demos.updates } : {}),
  };
  const meta = [
    compiled.meta.author ? `<meta name="author" content="${escapeHtml(compiled.meta.author)}">` : '',
    '<meta name="generator" content="ptydeck">',
  ].filter(Boolean).join('\n');
  // Slide 1 drawn before reveal.js runs (prepaint.ts). The viewport classes are the ones
  // reveal.js gives <html> and <body> when it starts: the theme's background and the deck's
  // full-window box must be there already.
  const prepaint = prepaintStyle(config.reveal);
  const htmlClasses = [...(DARK_THEMES.has(compiled.meta.theme) ? ['ptydeck-scheme-dark'] : []), ...(prepaint ? ['reveal-full-page'] : [])];
  return `<!doctype html>
<html lang="${escapeHtml(compiled.meta.lang)}" data-theme="${escapeHtml(compiled.meta.theme)}"${htmlClasses.length ? ` class="${htmlClasses.join(' ')}"` : ''}>
<head>
${head(title, assets, meta + '\n', prepaint ? `<script>${PREPAINT_SCRIPT}</script>\n` : '')}
<script type="application/json" id="${DECK_CONFIG_ID}">${scriptJson(config)}</script>
</head>
<body${prepaint ? ' class="reveal-viewport"' : ''}>
<div class="reveal"${prepaint ? ` style="${prepaint}"` : ''}><div class="slides">
${compiled.html}
</div></div>
${recordingsScript(demos.recordings)}</body>
</html>
`;
}

/** One entry of the index page. */
export interface DeckListing {
  readonly name: string;
  readonly title: string;
  readonly slideCount: number;
  readonly author: string | null;
  /** Link from the index page to the deck. */
  readonly href: string;
}

/** The index page listing every deck with its title and slide count. */
export function renderIndexPage(decks: readonly DeckListing[], assets: PageAssets): string {
  const items = decks
    .map((d) => {
      const meta = [`${d.slideCount} slide${d.slideCount === 1 ? '' : 's'}`, d.author].filter(Boolean).join(' · ');
      return `<li><a href="${escapeHtml(d.href)}"><span class="ptydeck-deck-title">${escapeHtml(d.title)}</span><span class="ptydeck-deck-meta">${escapeHtml(meta)}</span></a></li>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
${head('Decks', assets)}
</head>
<body class="ptydeck-index-page">
<main class="ptydeck-index"><h1>Decks</h1>
<ul class="ptydeck-deck-list">
${items}
</ul></main>
</body>
</html>
`;
}
