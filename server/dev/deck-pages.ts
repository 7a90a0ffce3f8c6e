// Vite plugin for `ptydeck dev`: serves the index and deck pages, theme CSS, and pushes a
// deck's new slides to the browser when its Markdown (or a file it includes) changes.
import path from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import type { DeckSet } from '../site/find-decks.ts';
import type { CompiledDeck } from '../deck/compile-deck.ts';
import { loadDeck } from '../site/load-deck.ts';
import { loadRecordings } from '../site/load-recordings.ts';
import { renderDeckPage, renderIndexPage, deckTitle } from '../site/render-page.ts';
import { themeCss, indexCss } from '../site/theme-css.ts';
import { THEMES, type ThemeName } from '../deck/deck-meta.ts';
import { INDEX_ENTRY, THEME_ENTRY } from '../site/package-paths.ts';
import { DECK_UPDATE_EVENT, type DeckUpdate } from '../../protocol/deck-config.ts';
import { SOCKET_PATH } from '../../protocol/socket-events.ts';

const THEME_ROUTE = '/__ptydeck/themes/';

export interface DeckPagesOptions {
  readonly set: DeckSet;
  /** Reports a deck's diagnostics (the CLI prints them). */
  readonly onDiagnostics: (deck: CompiledDeck) => void;
  /** The pages connect to the live demo socket. */
  readonly live: boolean;
  /** `ptydeck dev --offline`: no page connects; demos replay their recordings. */
  readonly offline?: boolean;
}

/** The plugin; its name follows Vite's `owner:job` convention. */
export function deckPages(options: DeckPagesOptions): Plugin {
  const { set } = options;
  const byName = new Map(set.decks.map((d) => [d.name, d]));
  const compile = async (name: string) => {
    const compiled = await loadDeck(set, byName.get(name)!, 'all');
    options.onDiagnostics(compiled);
    return compiled;
  };
  const entry = `/@fs${THEME_ENTRY}`;
  /** Compiles started per deck, so a slow older compile never overwrites a newer one. */
  let started = 0;
  const pushed = new Map<string, number>();
  return {
    name: 'ptydeck:deck-pages',
    configureServer(server: ViteDevServer) {
      server.watcher.add(set.projectRoot);
      const onEdit = (file: string) => {
        // Any deck may include the changed file: recompile and push every deck. A page ignores
        // slides it already shows (theme/main.ts), which it alone can tell: a push can be lost
        // while its HMR socket connects, so the server must not skip one on its own guess.
        if (!/\.(md|c|py|sh|ya?ml|txt|go|rs|js|ts|json|dockerfile)$/i.test(file) && path.basename(file) !== 'Dockerfile') return;
        for (const source of set.decks) {
          const generation = ++started;
          void compile(source.name).then((compiled) => {
            if ((pushed.get(compiled.deck) ?? 0) > generation) return;
            pushed.set(compiled.deck, generation);
            const update: DeckUpdate = { deck: compiled.deck, title: deckTitle(compiled), html: compiled.html };
            server.ws.send({ type: 'custom', event: DECK_UPDATE_EVENT, data: update });
          });
        }
      };
      // Editors that save by writing a new file and renaming it over the old one report an add.
      server.watcher.on('change', onEdit);
      server.watcher.on('add', onEdit);
      server.middlewares.use((req, res, next) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const send = (type: string, body: string) => {
          res.setHeader('Content-Type', type);
          res.setHeader('Cache-Control', 'no-store');
          res.end(body);
        };
        if (url.pathname === `${THEME_ROUTE}index.css`) return send('text/css; charset=utf-8', indexCss());
        if (url.pathname.startsWith(THEME_ROUTE)) {
          const theme = url.pathname.slice(THEME_ROUTE.length).replace(/\.css$/, '') as ThemeName;
          if (!THEMES.includes(theme)) return next();
          return send('text/css; charset=utf-8', themeCss(theme));
        }
        if (url.pathname === '/' || url.pathname === '/index.html') {
          void Promise.all(set.decks.map((d) => compile(d.name))).then(async (decks) => {
            const html = renderIndexPage(
              decks.map((d) => ({ name: d.deck, title: deckTitle(d), slideCount: d.slideCount, author: d.meta.author, href: `/${d.deck}/` })),
              { styles: [`${THEME_ROUTE}index.css`], scripts: options.live ? [{ src: `/@fs${INDEX_ENTRY}`, module: true }] : [] },
            );
            send('text/html; charset=utf-8', await server.transformIndexHtml(url.pathname, html));
          }, next);
          return;
        }
        const match = /^\/([a-z0-9-]+)\/?(index\.html)?$/.exec(url.pathname);
        if (!match || !byName.has(match[1]!)) return next();
        if (!url.pathname.endsWith('/') && !match[2]) {
          res.statusCode = 302;
          res.setHeader('Location', `/${match[1]}/${url.search}`);
          return res.end();
        }
        void compile(match[1]!).then(async (compiled) => {
          // Read on every load, so a recording made while dev runs is replayed at the next reload.
          const { recordings } = loadRecordings(set.projectRoot, compiled.demos, compiled.deck);
          const live = options.live && !options.offline ? { socketPath: SOCKET_PATH, platform: process.platform } : null;
          const html = renderDeckPage(
            compiled,
            { styles: [], theme: `${THEME_ROUTE}${compiled.meta.theme}.css`, scripts: [{ src: entry, module: true }] },
            { live, offline: options.offline ?? false, recordings },
          );
          send('text/html; charset=utf-8', await server.transformIndexHtml(url.pathname, html));
        }, next);
      });
    },
  };
}
