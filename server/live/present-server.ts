// `ptydeck present`: a production build of the decks served with live demos and no Vite.
import fs from 'node:fs';
import http from 'node:http';
import type { DeckSet } from '../site/find-decks.ts';
import { buildSite, type BuildResult } from '../site/build-site.ts';
import { SOCKET_PATH } from '../../protocol/socket-events.ts';
import { attachLiveServer, type LiveServer } from './live-server.ts';
import { listenOnFreePort } from './listen.ts';
import { serveStatic } from './static-files.ts';
import { makeTempFolder } from '../temp-folder.ts';

export interface PresentServer {
  readonly port: number;
  readonly live: LiveServer;
  readonly build: BuildResult;
  close(): Promise<void>;
}

/** Builds the decks into a temporary folder and serves it with live demos (none when `offline`). */
export async function startPresentServer(set: DeckSet, host: string, port: number, options: { readonly offline?: boolean } = {}): Promise<PresentServer> {
  const out = makeTempFolder('ptydeck-present-');
  const live = options.offline ? { offline: true } : { live: { socketPath: SOCKET_PATH, platform: process.platform } };
  const build = await buildSite(set, out, live);
  const files = serveStatic(out);
  let demos: LiveServer | null = null;
  const server = http.createServer((req, res) => {
    if (!demos) {
      res.statusCode = 503;
      return res.end();
    }
    demos.guard(req, res, () => files(req, res));
  });
  const actualPort = await listenOnFreePort(server, host, port);
  demos = attachLiveServer(server, set, host);
  return {
    port: actualPort,
    live: demos,
    build,
    async close() {
      await demos!.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      fs.rmSync(out, { recursive: true, force: true });
    },
  };
}
