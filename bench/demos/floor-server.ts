// Child process of the demos bench: the WebSocket floor. It streams a flood made up front (no
// pty, no shell, no socket.io, no server-side screen) in 64 KB text frames, paced by the page's
// acknowledgements with ptydeck's window: the most any server can deliver into xterm.js in this
// page, on this machine, through a WebSocket. Prints one JSON line {port} once listening.
import { floodChunks } from './flood-data.ts';
import { FLOOR_ACK, FLOOR_FRAME_CHARS, FLOOR_WINDOW, type FloorRequest } from './floor-protocol.ts';
import { serveWebSockets } from './ws-child.ts';

const wss = serveWebSockets();
wss.on('connection', (socket) => {
  let flood: ReturnType<typeof floodChunks> | null = null;
  let sent = 0;
  let unacked = 0;
  let paused = false;
  const pump = (): void => {
    while (flood && sent < flood.chunks && !paused) {
      const data = ++sent === flood.chunks ? flood.last : flood.chunk;
      socket.send(data);
      unacked += data.length;
      if (unacked > FLOOR_WINDOW.high) paused = true;
    }
  };
  socket.on('message', (raw) => {
    const text = String(raw);
    if (text.startsWith(FLOOR_ACK)) {
      unacked -= Number(text.slice(FLOOR_ACK.length));
      if (paused && unacked <= FLOOR_WINDOW.low) {
        paused = false;
        pump();
      }
      return;
    }
    const request = JSON.parse(text) as FloorRequest;
    flood = floodChunks(request.kind, request.bytes, FLOOR_FRAME_CHARS);
    sent = 0;
    unacked = 0;
    paused = false;
    pump();
  });
});
