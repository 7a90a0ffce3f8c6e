// The bench's small servers (the stand-in peer, the floors, the echo server) as child processes: a
// WebSocketServer on 127.0.0.1 and a port the kernel picks, announced as one JSON line {port}
// (what child-server.ts waits for); SIGTERM ends their connections and the process.
import http from 'node:http';
import { WebSocketServer } from 'ws';

/**
 * Listens on 127.0.0.1 at a port the kernel picks and prints it as one JSON line {port}; on
 * SIGTERM, `ending` runs (close what the server holds) and the process exits once it is closed.
 */
export function announceListening(server: http.Server, ending: () => void): void {
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
  });
  process.once('SIGTERM', () => {
    ending();
    server.close(() => process.exit(0));
  });
}

export function serveWebSockets(): WebSocketServer {
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server });
  announceListening(server, () => {
    for (const client of wss.clients) client.terminate();
  });
  return wss;
}
