// The bench's small servers (the stand-in peer, the floors, the echo server) as child processes: a
// WebSocketServer on 127.0.0.1 and a port the kernel picks, announced as one JSON line {port}
// (what child-server.ts waits for); SIGTERM ends their connections and the process.
import fs from 'node:fs';
import http from 'node:http';
import { WebSocketServer } from 'ws';

/**
 * Calls `stop` once, on SIGTERM or when the bench that started this process is gone: it holds
 * the other end of our stdin (child-server.ts), and the kernel closes that end however the
 * bench died, SIGKILL included. A stdin that is not a pipe (run by hand) is not watched.
 */
export function onStopRequest(stop: () => void): void {
  let stopped = false;
  const once = () => {
    if (stopped) return;
    stopped = true;
    stop();
  };
  process.once('SIGTERM', once);
  const stdin = fs.fstatSync(0);
  // Node's spawn makes a 'pipe' of a socket pair; a shell's `|`, a FIFO.
  if (stdin.isSocket() || stdin.isFIFO()) {
    process.stdin.once('end', once);
    process.stdin.resume();
  }
}

/**
 * Listens on 127.0.0.1 at a port the kernel picks and prints it as one JSON line {port}; on
 * SIGTERM (or the bench's end, see onStopRequest), `ending` runs (close what the server holds) and the process exits once it is closed.
 */
export function announceListening(server: http.Server, ending: () => void): void {
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
  });
  onStopRequest(() => {
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
