// Child process of the demos bench: the WebSocket floors, paced by the page's acknowledgements
// with ptydeck's window. The floor streams a flood made up front (no pty, no shell, no
// socket.io, no server-side screen) in 64 KB text frames: the most any server can deliver into
// xterm.js in this page, on this machine, through a WebSocket. The pty floor runs the flood's
// command in a pty and forwards what it reads, joined by ptydeck's OutputBatch and paused as
// ptydeck pauses: the least work any server that reads a pty must do. The load reads the same
// command from a pty at a given pace and sends nothing: the pty's own cost, beside a page that
// gets its bytes elsewhere (pty-load.ts).
// Usage: floor-server.ts <file cat reads>. Prints one JSON line {port} once listening.
import { spawn, type IPty } from 'node-pty';
import type { WebSocket } from 'ws';
import { OutputBatch } from '../../server/live/output-batch.ts';
import { listProcesses } from '../../server/demo/process-tree.ts';
import { TERMINAL_SIZE } from './bench-config.ts';
import { floodChunks } from './flood-data.ts';
import { FLOOR_ACK, FLOOR_FRAME_CHARS, FLOOR_STOP, FLOOR_WINDOW, type FloorRequest, type LoadReport, type LoadRequest } from './floor-protocol.ts';
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

/** The flood's command line, as ptydeck's flood demos run it. */
function floodCommand(request: FloorRequest | LoadRequest): string {
  return request.kind === 'cat' ? `cat '${catFile}'` : `yes | head -c ${request.bytes}`;
}

function inPty(command: string): IPty {
  return spawn('/bin/bash', ['--noprofile', '--norc', '-c', command], {
    name: 'xterm-256color',
    ...TERMINAL_SIZE,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color' },
  });
}

function fromPty(request: FloorRequest, send: (data: string) => void): Source {
  // The shell stays after the flood: a pty whose last process exits loses its last read (the
  // page, counting to the flood's size, would wait for good). The page's socket closing, or the
  // next request, ends it.
  const pty = inPty(`${floodCommand(request)}; exec sleep 600`);
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

/**
 * The flood's command, over and over, read from a pty at `charsPerSecond`: paused whenever the
 * reads are ahead of that pace, for as long as they are ahead. Returns how to end it, which
 * resolves once the shell has exited.
 */
function ptyLoad(request: LoadRequest): () => Promise<LoadReport> {
  // On SIGTERM the shell leaves the loop once its current command is over (a trap runs after
  // the foreground command), and reaps that command first.
  const pty = inPty(`trap 'exit 0' TERM; while :; do ${floodCommand(request)}; done`);
  const exited = new Promise<void>((resolve) => pty.onExit(() => resolve()));
  const started = performance.now();
  let chars = 0;
  let resume: NodeJS.Timeout | null = null;
  let stopping = false;
  pty.onData((data) => {
    chars += data.length;
    if (stopping) return;
    const aheadMs = (chars / request.charsPerSecond) * 1000 - (performance.now() - started);
    if (aheadMs >= 1 && !resume) {
      pty.pause();
      resume = setTimeout(() => {
        resume = null;
        pty.resume();
      }, aheadMs);
    }
  });
  return async () => {
    const report = { chars, ms: performance.now() - started };
    // Read on, unpaced, until the shell is gone: a shell whose pty is full blocks writing
    // (its report of the killed command, "Killed") and never gets to exit.
    stopping = true;
    if (resume) clearTimeout(resume);
    resume = null;
    pty.resume();
    // The shell first, then its commands (`cat`, or `yes` and `head`): the shell reaps them and
    // this process reaps the shell, so their CPU time lands here, where the bench counts it
    // (process-cpu.ts). Killed all at once, orphans would go to init, and their time would show
    // up whenever init reaped them: in the next path's figures.
    const signal = (pid: number, name: NodeJS.Signals) => {
      try {
        process.kill(pid, name);
      } catch {
        // Gone already.
      }
    };
    signal(pty.pid, 'SIGTERM');
    for (const child of listProcesses()) if (child.ppid === pty.pid) signal(child.pid, 'SIGKILL');
    await exited;
    return report;
  };
}

serveWebSockets().on('connection', (socket: WebSocket) => {
  let source: Source | null = null;
  let stopLoad: (() => Promise<LoadReport>) | null = null;
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
    if (text === FLOOR_STOP) {
      const stop = stopLoad;
      stopLoad = null;
      void (stop?.() ?? Promise.resolve({ chars: 0, ms: 0 })).then((report) => socket.send(JSON.stringify(report)));
      return;
    }
    source?.stop();
    unacked = 0;
    paused = false;
    const request = JSON.parse(text) as FloorRequest | LoadRequest;
    void stopLoad?.();
    stopLoad = null;
    if (request.source === 'load') stopLoad = ptyLoad(request);
    else source = (request.source === 'pty' ? fromPty : fromMemory)(request, send);
  });
  socket.on('close', () => {
    source?.stop();
    void stopLoad?.();
  });
});
