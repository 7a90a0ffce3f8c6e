// `ptydeck dev`: one HTTP server on loopback that serves the decks through Vite (with live
// reload) and runs their demos over socket.io, behind the Host/Origin guard.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import type { DeckSet } from '../site/find-decks.ts';
import type { CompiledDeck } from '../deck/compile-deck.ts';
import { deckPages } from './deck-pages.ts';
import { PACKAGE_ROOT, THEME_ENTRY } from '../site/package-paths.ts';
import { createViteCacheDir } from './vite-cache-dir.ts';
import { attachLiveServer, type LiveServer } from '../live/live-server.ts';
import { listenOnFreePort } from '../live/listen.ts';
import { bundleDefines } from '../site/build-browser.ts';

export { DEFAULT_PORT } from '../live/default-port.ts';

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
  let live: LiveServer | null = null;
  let vite: ViteDevServer | null = null;
  const server = http.createServer((req, res) => {
    if (!live || !vite) {
      res.statusCode = 503;
      return res.end();
    }
    live.guard(req, res, () => vite!.middlewares(req, res));
  });
  const port = await listenOnFreePort(server, options.host, options.port);
  const cacheDir = createViteCacheDir();
  live = attachLiveServer(server, options.set, options.host, { record: options.record ?? false });
  vite = await createServer({
    configFile: false,
    root: options.set.deckDir,
    appType: 'custom',
    logLevel: 'warn',
    clearScreen: false,
    publicDir: false,
    // One cache per server: two dev servers sharing one (two terminals, parallel tests) each
    // re-optimized the dependencies under the other, whose pages then got 504 Outdated
    // Optimize Dep. Optimizing reveal.js, xterm.js and socket.io-client takes about a second.
    cacheDir,
    server: {
      middlewareMode: true,
      hmr: { server },
      fs: { allow: [PACKAGE_ROOT, options.set.projectRoot] },
    },
    // Scan ptydeck's own entry for dependencies: bare imports resolve from the package, wherever
    // the decks are, and the first page load needs no re-optimizing reload.
    optimizeDeps: { entries: [THEME_ENTRY] },
    // Dev pages may go live: the live driver stays in (a static build drops it; build-browser.ts).
    define: bundleDefines('live'),
    plugins: [deckPages({ set: options.set, onDiagnostics: options.onDiagnostics, live: true, offline: options.offline ?? false })],
  });
  return {
    port,
    live,
    async close() {
      await live!.close();
      await vite!.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      fs.rmSync(cacheDir, { recursive: true, force: true });
    },
  };
}
