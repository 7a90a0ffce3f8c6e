// The live server under fuzz, as a child process of its own: a crash shows as the child's exit,
// and its memory is measured alone (RSS from /proc, heap after a forced GC on request).
// Started by fuzz-server.ts with --expose-gc; speaks to it over the IPC channel only.
import http from 'node:http';
import { findDecks } from '../../server/site/find-decks.ts';
import { attachLiveServer } from '../../server/live/live-server.ts';
import { listenOnFreePort } from '../../server/live/listen.ts';

export type ChildMessage =
  | { readonly type: 'ready'; readonly port: number; readonly token: string }
  | { readonly type: 'memory'; readonly heapUsed: number; readonly rss: number }
  | { readonly type: 'closed' };
export type ParentMessage = { readonly type: 'memory' } | { readonly type: 'close' };

const send = (message: ChildMessage) => process.send?.(message);

const slides = process.argv[2];
if (!slides) throw new Error('fuzz-server-child: give the slides folder');
const set = findDecks(slides);
if ('error' in set) throw new Error(set.error);

const server = http.createServer((req, res) => {
  // The pages are not what is fuzzed: every HTTP request past the guard gets a 404.
  live.guard(req, res, () => {
    res.statusCode = 404;
    res.end();
  });
});
const port = await listenOnFreePort(server, '127.0.0.1', 0);
const live = attachLiveServer(server, set, '127.0.0.1');

process.on('message', (message: ParentMessage) => {
  if (message.type === 'memory') {
    const gc = (globalThis as { gc?: () => void }).gc;
    // Twice: the first pass runs finalizers that free more on the second.
    gc?.();
    gc?.();
    const usage = process.memoryUsage();
    send({ type: 'memory', heapUsed: usage.heapUsed, rss: usage.rss });
  } else if (message.type === 'close') {
    void live.close().then(() => {
      server.closeAllConnections();
      server.close(() => {
        send({ type: 'closed' });
        process.disconnect?.();
      });
    });
  }
});
send({ type: 'ready', port, token: live.token });
