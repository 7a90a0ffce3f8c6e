// `ptydeck dev`: a Vite dev server on loopback that serves the decks with live reload.
import { createServer, type ViteDevServer } from 'vite';
import path from 'node:path';
import type { DeckSet } from '../site/find-decks.ts';
import type { CompiledDeck } from '../deck/compile-deck.ts';
import { deckPages } from './deck-pages.ts';
import { PACKAGE_ROOT } from '../site/package-paths.ts';

/** The port a speaker expects; Vite moves to the next free one when it is taken. */
export const DEFAULT_PORT = 3000;

export interface DevServerOptions {
  readonly set: DeckSet;
  readonly host: string;
  readonly port: number;
  readonly onDiagnostics: (deck: CompiledDeck) => void;
}

/** Starts the server; resolves once it listens. */
export async function startDevServer(options: DevServerOptions): Promise<ViteDevServer> {
  const server = await createServer({
    configFile: false,
    root: options.set.deckDir,
    appType: 'custom',
    logLevel: 'warn',
    clearScreen: false,
    publicDir: false,
    cacheDir: path.join(PACKAGE_ROOT, 'node_modules/.vite-ptydeck'),
    server: {
      host: options.host,
      port: options.port,
      strictPort: false,
      fs: { allow: [PACKAGE_ROOT, options.set.projectRoot] },
    },
    optimizeDeps: {
      entries: [],
      include: ['reveal.js', 'reveal.js/plugin/notes'],
    },
    plugins: [deckPages({ set: options.set, onDiagnostics: options.onDiagnostics })],
  });
  await server.listen();
  return server;
}
