// The bench's small WebSocket servers (the stand-in peer, the floor) as child processes: a
// WebSocketServer on 127.0.0.1 and a port the kernel picks, announced as one JSON line {port}
// (what child-server.ts waits for); SIGTERM ends their connections and the process.
import http from 'node:http';
import { WebSocketServer } from 'ws';

export function serveWebSockets(): WebSocketServer {
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
  });
  process.once('SIGTERM', () => {
    for (const client of wss.clients) client.terminate();
    server.close(() => process.exit(0));
  });
  return wss;
}
