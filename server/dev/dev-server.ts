// `ptydeck dev`: one HTTP server on loopback that serves the decks with the prebuilt browser
// bundle, pushes a deck's new slides to its open pages when a file changes, and runs the demos
// over socket.io, behind the Host/Origin guard. No Vite runs unless the bundle must be rebuilt.
import http from 'node:http';
import path from 'node:path';
import type { DeckSet } from '../site/find-decks.ts';
import type { CompiledDeck } from '../deck/compile-deck.ts';
import { attachLiveServer, type LiveServer } from '../live/live-server.ts';
import { listenOnFreePort } from '../live/listen.ts';
import { DECK_UPDATE_EVENT, DEV_RELOAD_EVENT, type DeckUpdate } from '../../protocol/deck-config.ts';
import { deckTitle } from '../site/render-page.ts';
import { CompiledDecks } from './compiled-decks.ts';
import { DeckEvents } from './deck-events.ts';
import { deckPages } from './deck-pages.ts';
import { BUNDLE_SOURCES, DevBundle } from './dev-bundle.ts';
import { watchTree } from './watch-tree.ts';

export { DEFAULT_PORT } from '../live/default-port.ts';

/**
 * Editors and `fs.writeFile` truncate a file before writing it, each a file event: compile once
 * the events have stopped this long, not a half-written (or empty) deck that would move the
 * speaker off their slide. Small next to the 200 ms an edit may take to show.
 */
const EDIT_SETTLE_MS = 15;

/**
 * Shiki loads this long after start, for the first edit of a code block: a deck compiles from
 * remembered blocks without it, and loading it at once would compete with the first page load.
 */
const WARM_HIGHLIGHTER_AFTER_MS = 1_500;

/** Files a deck can include (or is): an edit to any other file pushes nothing. */
const DECK_INPUT = /\.(md|c|py|sh|ya?ml|txt|go|rs|js|ts|json|dockerfile)$/i;

export interface DevServerOptions {
  readonly set: DeckSet;
  readonly host: string;
  readonly port: number;
  readonly onDiagnostics: (deck: CompiledDeck) => void;
  /** Run no demo live: pages replay recordings (the server still guards and serves them). */
  readonly offline?: boolean;
  /** Record rehearsal runs into demos/recordings (ptydeck dev --record). */
  readonly record?: boolean;
}

export interface RunningServer {
  readonly port: number;
  readonly live: LiveServer;
  /** Stops serving, kills every demo and runs its teardown. */
  close(): Promise<void>;
}

/** Starts the server; resolves once it listens. */
export async function startDevServer(options: DevServerOptions): Promise<RunningServer> {
  const { set } = options;
  const events = new DeckEvents();
  const decks = new CompiledDecks(set, options.onDiagnostics);
  const bundle = new DevBundle(() => events.send(null, DEV_RELOAD_EVENT, {}));
  const pages = deckPages({ set, decks, bundle, events, offline: options.offline ?? false });
  const notFound = (res: http.ServerResponse) => {
    res.statusCode = 404;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end('Not found\n');
  };
  let live: LiveServer | null = null;
  const server = http.createServer((req, res) => {
    if (!live) {
      res.statusCode = 503;
      return res.end();
    }
    live.guard(req, res, () => pages(req, res, () => notFound(res)));
  });
  const port = await listenOnFreePort(server, options.host, options.port);
  live = attachLiveServer(server, set, options.host, { record: options.record ?? false });
  // The first page load finds its deck compiled (shiki's start-up is most of a compile).
  void decks.all().catch(() => {});
  const warm = setTimeout(() => decks.warm(), WARM_HIGHLIGHTER_AFTER_MS);

  /** Pushes generation: a slow older compile never overwrites a newer one on a page. */
  let started = 0;
  const pushed = new Map<string, number>();
  const pushOpenDecks = () => {
    decks.invalidate();
    for (const name of events.openDecks()) {
      const generation = ++started;
      void decks.get(name).then((compiled) => {
        if ((pushed.get(name) ?? 0) > generation) return;
        pushed.set(name, generation);
        const update: DeckUpdate = { deck: compiled.deck, title: deckTitle(compiled), html: compiled.html };
        // Every open deck: a page ignores slides it already shows (theme/deck-updates.ts).
        events.send(name, DECK_UPDATE_EVENT, update);
      }, () => {});
    }
  };
  let settle: NodeJS.Timeout | null = null;
  const onFile = (file: string) => {
    if (bundle.isSource(file)) bundle.sourceChanged();
    if (!DECK_INPUT.test(file) && path.basename(file) !== 'Dockerfile') return;
    if (settle) clearTimeout(settle);
    settle = setTimeout(() => {
      settle = null;
      pushOpenDecks();
    }, EDIT_SETTLE_MS);
  };
  // The project, and ptydeck's browser sources when they are outside it (an installed package).
  const roots = [set.projectRoot, ...BUNDLE_SOURCES.filter((dir) => !dir.startsWith(set.projectRoot + path.sep))];
  const watchers = roots.map((root) => watchTree(root, onFile));

  return {
    port,
    live,
    async close() {
      if (settle) clearTimeout(settle);
      clearTimeout(warm);
      for (const watcher of watchers) watcher.close();
      bundle.close();
      events.close();
      await live!.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
