// Child process of the demos bench: the least terminal that speaks socket.io. socket.io as
// ptydeck configures it (its path, WebSocket only), one bash in node-pty per connection,
// 'type' written to the pty as it comes, every pty read emitted as 'out' at once: no deck,
// no steps, no marks, no batching, no flow control. Its first-output latency (latency.ts) is
// what any server behind socket.io pays on this machine, against which ptydeck's own work on a
// step's path shows, and which no bare-WebSocket terminal (ttyd) pays.
// Prints one JSON line {port} once listening; SIGTERM ends it.
import http from 'node:http';
import { Server } from 'socket.io';
import { SOCKET_PATH } from '../../protocol/socket-events.ts';
import { SOCKETIO_PTY_PROMPT } from './bench-config.ts';
import { benchShell } from './bench-shell.ts';
import { announceListening } from './ws-child.ts';

const server = http.createServer((_req, res) => res.writeHead(404).end());
const io = new Server(server, { path: SOCKET_PATH, transports: ['websocket'], serveClient: false });
io.on('connection', (socket) => {
  const pty = benchShell(SOCKETIO_PTY_PROMPT, '/nonexistent');
  pty.onData((data) => socket.emit('out', data));
  pty.onExit(() => socket.disconnect(true));
  socket.on('type', (line: unknown) => {
    if (typeof line === 'string') pty.write(line);
  });
  socket.on('disconnect', () => pty.kill('SIGKILL'));
});
announceListening(server, () => void io.close());
