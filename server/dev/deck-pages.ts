// The pages of `ptydeck dev`: the index, each deck's page (with its recordings, read at every
// load), the theme stylesheets, the browser bundle and the pages' event streams.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { loadRecordings } from '../site/load-recordings.ts';
import { renderDeckPage, renderIndexPage, deckTitle } from '../site/render-page.ts';
import { themeCss, indexCss } from '../site/theme-css.ts';
import { THEMES, type ThemeName } from '../deck/deck-meta.ts';
import { SOCKET_PATH } from '../../protocol/socket-events.ts';
import { BUNDLE_FILES } from '../../protocol/browser-bundle.ts';
import type { DeckSet } from '../site/find-decks.ts';
import type { CompiledDecks } from './compiled-decks.ts';
import { BUNDLE_ROUTE, type DevBundle } from './dev-bundle.ts';
import { EVENTS_ROUTE, type DeckEvents } from './deck-events.ts';

const THEME_ROUTE = '/__ptydeck/themes/';

export interface DeckPagesOptions {
  readonly set: DeckSet;
  readonly decks: CompiledDecks;
  readonly bundle: DevBundle;
  readonly events: DeckEvents;
  /** `ptydeck dev --offline`: no page connects; demos replay their recordings. */
  readonly offline: boolean;
}

/** A request handler for the dev server's own routes; `next()` for anything else (a 404). */
export function deckPages(options: DeckPagesOptions): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const { set, decks, bundle, events } = options;
  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (type: string, body: string) => {
      res.setHeader('Content-Type', type);
      res.setHeader('Cache-Control', 'no-store');
      res.end(body);
    };
    const failed = (error: unknown) => {
      res.statusCode = 500;
      send('text/plain; charset=utf-8', `ptydeck: ${(error as Error).message}\n`);
    };
    if (url.pathname.startsWith(BUNDLE_ROUTE) && bundle.serve(url.pathname.slice(BUNDLE_ROUTE.length), res)) return;
    if (url.pathname === EVENTS_ROUTE) {
      const deck = url.searchParams.get('deck') ?? '';
      if (!decks.has(deck)) return next();
      return events.open(req, res, deck);
    }
    if (url.pathname === `${THEME_ROUTE}index.css`) return send('text/css; charset=utf-8', indexCss());
    if (url.pathname.startsWith(THEME_ROUTE)) {
      const theme = url.pathname.slice(THEME_ROUTE.length).replace(/\.css$/, '') as ThemeName;
      if (!THEMES.includes(theme)) return next();
      return send('text/css; charset=utf-8', themeCss(theme));
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      void decks.all().then((all) => {
        const html = renderIndexPage(
          all.map((d) => ({ name: d.deck, title: deckTitle(d), slideCount: d.slideCount, author: d.meta.author, href: `/${d.deck}/` })),
          { styles: [`${THEME_ROUTE}index.css`], scripts: [{ src: `${BUNDLE_ROUTE}${BUNDLE_FILES.indexScript}`, module: false }] },
        );
        send('text/html; charset=utf-8', html);
      }, failed);
      return;
    }
    const match = /^\/([a-z0-9-]+)\/?(index\.html)?$/.exec(url.pathname);
    if (!match || !decks.has(match[1]!)) return next();
    if (!url.pathname.endsWith('/') && !match[2]) {
      res.statusCode = 302;
      res.setHeader('Location', `/${match[1]}/${url.search}`);
      return res.end();
    }
    void decks.get(match[1]!).then((compiled) => {
      // Read on every load, so a recording made while dev runs is replayed at the next reload.
      const { recordings } = loadRecordings(set.projectRoot, compiled.demos, compiled.deck);
      const live = options.offline ? null : { socketPath: SOCKET_PATH, platform: process.platform };
      const html = renderDeckPage(
        compiled,
        {
          styles: [`${BUNDLE_ROUTE}${BUNDLE_FILES.style}`],
          theme: `${THEME_ROUTE}${compiled.meta.theme}.css`,
          scripts: [{ src: `${BUNDLE_ROUTE}${BUNDLE_FILES.script}`, module: false }],
        },
        { live, offline: options.offline, recordings, updates: `${EVENTS_ROUTE}?deck=${encodeURIComponent(compiled.deck)}` },
      );
      send('text/html; charset=utf-8', html);
    }, failed);
  };
}
