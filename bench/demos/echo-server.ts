// Child process of the demos bench: the transports alone, no pty and no ptydeck. socket.io
// (as ptydeck configures it: its path, WebSocket only) answers 'ping' with 'pong', and a bare
// `ws` endpoint echoes each message, on one port on 127.0.0.1. The round trips through each
// (latency.ts) show what socket.io itself adds to every hop of a step's path.
// Prints one JSON line {port} once listening; SIGTERM ends it.
import http from 'node:http';
import { Server } from 'socket.io';
import { WebSocketServer } from 'ws';
import { SOCKET_PATH } from '../../protocol/socket-events.ts';
import { ECHO_WS_PATH } from './bench-config.ts';
import { announceListening } from './ws-child.ts';

const server = http.createServer((_req, res) => res.writeHead(404).end());
const io = new Server(server, { path: SOCKET_PATH, transports: ['websocket'], serveClient: false });
io.on('connection', (socket) => socket.on('ping', (data: unknown) => socket.emit('pong', data)));
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', (socket) => socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })));
server.on('upgrade', (req, socket, head) => {
  // socket.io handles its own path; this one is the bare echo's.
  if (req.url === ECHO_WS_PATH) wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});
announceListening(server, () => {
  for (const client of wss.clients) client.terminate();
  void io.close();
});
