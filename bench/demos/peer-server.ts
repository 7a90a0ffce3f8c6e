// Child process of the demos bench: the peer's stand-in, run when no ttyd is found (the issue's
// peer; bench/peers/ttyd.sh builds it, start-peer.ts looks for it). The canonical minimal
// xterm.js web terminal: one bash in node-pty per WebSocket (the `ws` package, which socket.io
// already brings), raw pty output out as text frames, keystrokes in, no flow control.
// Prints one JSON line {port} once listening.
import { spawn } from 'node-pty';
import { PEER_PROMPT, TERMINAL_SIZE } from './bench-config.ts';
import { serveWebSockets } from './ws-child.ts';

const wss = serveWebSockets();
wss.on('connection', (socket) => {
  const pty = spawn('/bin/bash', ['--noprofile', '--norc'], {
    name: 'xterm-256color',
    ...TERMINAL_SIZE,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent', TERM: 'xterm-256color', PS1: PEER_PROMPT },
  });
  pty.onData((data) => socket.send(data));
  pty.onExit(() => socket.close());
  socket.on('message', (data) => pty.write(data.toString()));
  socket.on('close', () => pty.kill('SIGKILL'));
});
