// Child process of the demos bench: the WebSocket floors, paced by the page's acknowledgements
// with ptydeck's window. The floor streams a flood made up front (no pty, no shell, no
// socket.io, no server-side screen) in 64 KB text frames: the most any server can deliver into
// xterm.js in this page, on this machine, through a WebSocket. The pty floor runs the flood's
// command in a pty and forwards what it reads, joined by ptydeck's OutputBatch and paused as
// ptydeck pauses: the least work any server that reads a pty must do.
// Usage: floor-server.ts <file cat reads>. Prints one JSON line {port} once listening.
import { spawn, type IPty } from 'node-pty';
import type { WebSocket } from 'ws';
import { OutputBatch } from '../../server/live/output-batch.ts';
import { TERMINAL_SIZE } from './bench-config.ts';
import { floodChunks } from './flood-data.ts';
import { FLOOR_ACK, FLOOR_FRAME_CHARS, FLOOR_WINDOW, type FloorRequest } from './floor-protocol.ts';
import { serveWebSockets } from './ws-child.ts';

const catFile = process.argv[2];
if (!catFile) throw new Error('usage: floor-server.ts <file cat reads>');

/** Where a flood's frames come from: told to stop above the window, and to go on below it. */
interface Source {
  pause(): void;
  resume(): void;
  stop(): void;
}

function fromMemory(request: FloorRequest, send: (data: string) => void): Source {
  const flood = floodChunks(request.kind, request.bytes, FLOOR_FRAME_CHARS);
  let sent = 0;
  let paused = false;
  const pump = (): void => {
    while (sent < flood.chunks && !paused) send(++sent === flood.chunks ? flood.last : flood.chunk);
  };
  queueMicrotask(pump);
  return {
    pause: () => (paused = true),
    resume: () => {
      paused = false;
      pump();
    },
    stop: () => (sent = flood.chunks),
  };
}

function fromPty(request: FloorRequest, send: (data: string) => void): Source {
  // The shell stays after the flood: a pty whose last process exits loses its last read (the
  // page, counting to the flood's size, would wait for good). The page's socket closing, or the
  // next request, ends it.
  const flood = request.kind === 'cat' ? `cat '${catFile}'` : `yes | head -c ${request.bytes}`;
  const command = `${flood}; exec sleep 600`;
  const pty: IPty = spawn('/bin/bash', ['--noprofile', '--norc', '-c', command], {
    name: 'xterm-256color',
    ...TERMINAL_SIZE,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color' },
  });
  const batch = new OutputBatch(send);
  pty.onData((data) => batch.push(data));
  return {
    pause: () => pty.pause(),
    resume: () => pty.resume(),
    stop: () => {
      batch.dispose();
      pty.kill('SIGKILL');
    },
  };
}

serveWebSockets().on('connection', (socket: WebSocket) => {
  let source: Source | null = null;
  let unacked = 0;
  let paused = false;
  const send = (data: string): void => {
    socket.send(data);
    unacked += data.length;
    if (!paused && unacked > FLOOR_WINDOW.high) {
      paused = true;
      source?.pause();
    }
  };
  socket.on('message', (raw) => {
    const text = String(raw);
    if (text.startsWith(FLOOR_ACK)) {
      unacked -= Number(text.slice(FLOOR_ACK.length));
      if (paused && unacked <= FLOOR_WINDOW.low) {
        paused = false;
        source?.resume();
      }
      return;
    }
    source?.stop();
    unacked = 0;
    paused = false;
    const request = JSON.parse(text) as FloorRequest;
    source = (request.source === 'pty' ? fromPty : fromMemory)(request, send);
  });
  socket.on('close', () => source?.stop());
});
