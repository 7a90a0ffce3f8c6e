// The hostile site: a tiny HTTP server on another loopback address, so its pages have an origin
// of their own (http://127.0.0.2:<port>), serving an empty page and the socket.io client, the
// tools a page elsewhere on the web would have.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** Another loopback address: a different origin from ptydeck's 127.0.0.1, still on this machine. */
export const HOSTILE_HOST = '127.0.0.2';
/** Where the hostile page loads the socket.io client from (its own origin, as an attacker would). */
export const SOCKET_CLIENT_PATH = '/socket.io.min.js';

/** The browser build of socket.io-client (its package exports do not list the dist files). */
export const SOCKET_CLIENT = fs.readFileSync(path.resolve(import.meta.dirname, '../../node_modules/socket.io-client/dist/socket.io.min.js'), 'utf8');
const PAGE = '<!doctype html><meta charset="utf-8"><title>a page elsewhere</title><body><h1>nothing to see</h1></body>\n';

export interface HostilePageServer {
  /** `http://127.0.0.2:<port>` */
  readonly origin: string;
  close(): Promise<void>;
}

/** Serves `/` (the empty page) and the socket.io client on `host`, any free port. */
export async function startHostilePageServer(host = HOSTILE_HOST, port = 0): Promise<HostilePageServer> {
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    if (pathname === SOCKET_CLIENT_PATH) {
      res.setHeader('Content-Type', 'text/javascript');
      return res.end(SOCKET_CLIENT);
    }
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(PAGE);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${actual}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
