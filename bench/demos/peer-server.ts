// Child process of the demos bench: the peer's stand-in, run when no ttyd is found (the issue's
// peer; bench/peers/ttyd.sh builds it, start-peer.ts looks for it). The canonical minimal
// xterm.js web terminal: one bash in node-pty per WebSocket (the `ws` package, which socket.io
// already brings), raw pty output out as text frames, keystrokes in, no flow control.
// Prints one JSON line {port} once listening.
import { PEER_PROMPT } from './bench-config.ts';
import { benchShell } from './bench-shell.ts';
import { serveWebSockets } from './ws-child.ts';

const wss = serveWebSockets();
wss.on('connection', (socket) => {
  const pty = benchShell(PEER_PROMPT, '/nonexistent');
  pty.onData((data) => socket.send(data));
  pty.onExit(() => socket.close());
  socket.on('message', (data) => pty.write(data.toString()));
  socket.on('close', () => pty.kill('SIGKILL'));
});
