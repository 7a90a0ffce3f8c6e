// Child process of the demos bench: ptydeck's own live server (the one `ptydeck present` runs)
// serving the bench page from a folder, so its RSS is measured apart from the bench's own.
// Prints one JSON line {port, token} once listening; SIGTERM, or the bench's end, closes it
// (and runs teardowns).
import http from 'node:http';
import { findDecks } from '../../server/site/find-decks.ts';
import { attachLiveServer, type LiveServer } from '../../server/live/live-server.ts';
import { listenOnFreePort } from '../../server/live/listen.ts';
import { serveStatic } from '../../server/live/static-files.ts';
import { onStopRequest } from './ws-child.ts';

const [slides, pageDir] = process.argv.slice(2);
if (!slides || !pageDir) throw new Error('usage: ptydeck-server.ts <slides dir> <page dir>');
const set = findDecks(slides);
if ('error' in set) throw new Error(set.error);
const files = serveStatic(pageDir);
let live: LiveServer | null = null;
const server = http.createServer((req, res) => live?.guard(req, res, () => files(req, res)));
const port = await listenOnFreePort(server, '127.0.0.1', 0);
live = attachLiveServer(server, set, '127.0.0.1');
process.stdout.write(`${JSON.stringify({ port, token: live.token })}\n`);
onStopRequest(() => {
  void live!.close().then(() => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
});
