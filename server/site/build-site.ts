// `ptydeck build`: every deck as a static page, an index, and their assets, with relative
// paths so the site works from a sub-folder or straight from disk.
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../../protocol/diagnostic.ts';
import type { DeckPageConfig } from '../../protocol/deck-config.ts';
import type { ThemeName } from '../deck/deck-meta.ts';
import type { DeckSet } from './find-decks.ts';
import { loadDeck } from './load-deck.ts';
import { RememberedHighlighter } from './remembered-highlighter.ts';
import { renderDeckPage, renderIndexPage, deckTitle, type DeckListing, type PageStyle } from './render-page.ts';
import { buildBrowserBundle, BROWSER_BUNDLE } from './build-browser.ts';
import { loadRecordings } from './load-recordings.ts';
import { themeCss, indexCss } from './theme-css.ts';

export interface BuildResult {
  readonly outDir: string;
  readonly decks: readonly DeckListing[];
  readonly diagnostics: readonly Diagnostic[];
  /** Total bytes written. */
  readonly bytes: number;
}

export interface BuildOptions {
  /** Pages connect to a live demo server (ptydeck present); absent for a static site. */
  readonly live?: DeckPageConfig['live'];
  /** `ptydeck present --offline`: served, but no demo runs live. */
  readonly offline?: boolean;
  /** The memo of highlighted code blocks (default: the one dev and every build share). */
  readonly highlightMemo?: string;
}

/**
 * A deck page's stylesheets up to this size are written into the page instead of linked. Slide 1
 * waits for every stylesheet, and a linked one is a request first: a round trip on a network,
 * and on loopback ~10 ms of headless Chromium's first frame of the 30-slide bench deck (medians
 * of 40 loads, 91/95 → 84/78 ms; the peers' Marp, one file, 115/113 ms). Past this size
 * (reveal.js themes with their fonts embedded, 560 KiB) every page would carry more than the
 * request costs, and a linked file is cached across decks.
 */
export const INLINE_STYLE_MAX_BYTES = 128 * 1024;

/** Whether a deck page holds the stylesheet `css` rather than linking it (INLINE_STYLE_MAX_BYTES). */
function inlined(css: string): boolean {
  return Buffer.byteLength(css) <= INLINE_STYLE_MAX_BYTES;
}

/** Builds the site into `outDir`, replacing what a previous build left there. */
export async function buildSite(set: DeckSet, outDir: string, options: BuildOptions = {}): Promise<BuildResult> {
  const out = path.resolve(outDir);
  if (out === set.deckDir || out === set.projectRoot || set.deckDir.startsWith(out + path.sep)) {
    throw new Error(`refusing to build into ${out}: it holds the decks; choose another --out`);
  }
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.join(out, 'assets/themes'), { recursive: true });
  const bundle = buildBrowserBundle(path.join(out, 'assets'), options.live ? 'live' : 'static');
  bundle.catch(() => {}); // awaited (and so reported) below; meanwhile a failure is not unhandled
  // Code blocks highlighted by an earlier build or dev start are reused: shiki loads only for new ones.
  const highlighter = new RememberedHighlighter(options.highlightMemo);
  const compiled = await Promise.all(set.decks.map((source) => highlighter.compile((h) => loadDeck(set, source, 'errors', h))));
  highlighter.save();
  const diagnostics = compiled.flatMap((c) => c.diagnostics);
  // Every demo with a recording replays on a published page: no server, no network.
  const recordings = compiled.map((deck, i) => loadRecordings(set.projectRoot, deck.demos, path.relative(process.cwd(), set.decks[i]!.file)));
  diagnostics.push(...recordings.flatMap((r) => r.diagnostics));
  // The pages hold the bundle's stylesheet (INLINE_STYLE_MAX_BYTES): it must be built first.
  await bundle;
  const bundleFile = path.join(out, 'assets', BROWSER_BUNDLE.style);
  const bundleCss = fs.readFileSync(bundleFile, 'utf8');
  const bundleInline = inlined(bundleCss);
  if (bundleInline) fs.rmSync(bundleFile);
  const styles: PageStyle[] = [bundleInline ? { css: bundleCss } : '../assets/' + BROWSER_BUNDLE.style];
  /** A theme as its pages get it; a linked one is written once, for every deck that uses it. */
  const themeStyle = (name: ThemeName): PageStyle => {
    const css = themeCss(name);
    if (inlined(css)) return { css };
    fs.writeFileSync(path.join(out, 'assets/themes', `${name}.css`), css);
    return `../assets/themes/${name}.css`;
  };
  const themes = new Map<ThemeName, PageStyle>();
  const assets = new Set<string>();
  const listings: DeckListing[] = [];
  for (const [i, deck] of compiled.entries()) {
    const name = deck.meta.theme;
    if (!themes.has(name)) themes.set(name, themeStyle(name));
    deck.assets.forEach((a) => assets.add(a));
    const page = renderDeckPage(deck, {
      styles,
      theme: themes.get(name)!,
      scripts: [{ src: '../assets/' + BROWSER_BUNDLE.script, module: false }],
    }, { live: options.live ?? null, offline: options.offline ?? false, recordings: recordings[i]!.recordings });
    fs.mkdirSync(path.join(out, deck.deck), { recursive: true });
    fs.writeFileSync(path.join(out, deck.deck, 'index.html'), page);
    listings.push({ name: deck.deck, title: deckTitle(deck), slideCount: deck.slideCount, author: deck.meta.author, href: `${deck.deck}/index.html` });
  }
  for (const asset of assets) {
    fs.mkdirSync(path.dirname(path.join(out, asset)), { recursive: true });
    fs.copyFileSync(path.join(set.deckDir, asset), path.join(out, asset));
  }
  fs.writeFileSync(
    path.join(out, 'index.html'),
    renderIndexPage(listings, {
      styles: ['assets/themes/index.css'],
      scripts: options.live ? [{ src: 'assets/' + BROWSER_BUNDLE.indexScript, module: false }] : [],
    }),
  );
  fs.writeFileSync(path.join(out, 'assets/themes/index.css'), indexCss());
  return { outDir: out, decks: listings, diagnostics, bytes: folderSize(out) };
}

function folderSize(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? folderSize(full) : fs.statSync(full).size;
  }
  return total;
}
