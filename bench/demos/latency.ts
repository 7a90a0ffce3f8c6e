// Step request → first output byte, four ways: node-pty in this process (the floor), ptydeck's
// socket (a real socket.io client, as the page uses), the least terminal behind socket.io
// (socketio-pty-server.ts), and the web-terminal peer (ttyd or its stand-in, over `ws`).
import { io } from 'socket.io-client';
import { clientParser } from '../../protocol/output-frame.ts';
import { SOCKET_PATH, type Ack, type ClientToServerEvents, type ServerToClientEvents } from '../../protocol/socket-events.ts';
import type { Socket } from 'socket.io-client';
import { DIRECT_PROMPT, ECHO_WS_PATH, PEER_PROMPT, SOCKETIO_PTY_PROMPT } from './bench-config.ts';
import { benchShell } from './bench-shell.ts';
import WebSocket from 'ws';
import { openNodePeerLink } from './node-peer-link.ts';
import { AckCounter } from '../../theme/demo/ack-counter.ts';
import { IDLE_ACK_DELAY_MS } from '../../theme/demo/live-attachment.ts';
import type { PeerTarget } from './peer-protocol.ts';

/** Resolves when `needle` has arrived in a stream fed chunk by chunk. */
function arrival(needle: string): { feed(data: string): void; found: Promise<void> } {
  let tail = '';
  let resolve: () => void = () => {};
  const found = new Promise<void>((r) => (resolve = r));
  return {
    feed(data) {
      const text = tail + data;
      if (text.includes(needle)) resolve();
      tail = text.slice(1 - needle.length); // one short of a match: a found needle is not found again
    },
    found,
  };
}

/** One contender of the latency race: times one step, resolving once it is over (the prompt is back). */
export interface Stepper {
  /** Types step `i`; resolves with ms from the request to its first output. */
  step(i: number): Promise<number>;
  close(): void;
}

/**
 * A shell reached through `send`, whose output arrives through `subscribe`: each step types
 * `echo m<i>x` and is timed to the first output chunk (the echo of the typed command, as a
 * viewer sees it); it is over once the prompt is back. Resolves once the first prompt is in.
 */
async function shellStepper(prompt: string, send: (line: string) => void, subscribe: (listener: (data: string) => void) => void, close: () => void): Promise<Stepper> {
  let onData: (data: string) => void = () => {};
  subscribe((data) => onData(data));
  let waiter = arrival(prompt);
  onData = (data) => waiter.feed(data);
  send('\r');
  await waiter.found;
  return {
    async step(i) {
      waiter = arrival(prompt);
      let first = 0;
      const started = performance.now();
      onData = (data) => {
        if (!first) first = performance.now() - started;
        waiter.feed(data);
      };
      send(`echo m${i}x\r`);
      await waiter.found;
      return first;
    },
    close,
  };
}

/** node-pty driven in this process: the floor. */
export function directStepper(home: string): Promise<Stepper> {
  const pty = benchShell(DIRECT_PROMPT, home);
  return shellStepper(DIRECT_PROMPT, (line) => pty.write(line), (listener) => pty.onData(listener), () => pty.kill('SIGKILL'));
}

/** The web-terminal peer, over `ws`. */
export async function peerStepper(peer: PeerTarget): Promise<Stepper> {
  const link = await openNodePeerLink(peer);
  return shellStepper(PEER_PROMPT, (line) => link.send(line), (listener) => link.onText(listener), () => link.close());
}

/** The least terminal behind socket.io (socketio-pty-server.ts), through the client the page uses. */
export async function socketioPtyStepper(port: number): Promise<Stepper> {
  const url = `http://127.0.0.1:${port}`;
  const socket: Socket = io(url, { path: SOCKET_PATH, transports: ['websocket'] });
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return shellStepper(
    SOCKETIO_PTY_PROMPT,
    (line) => socket.emit('type', line),
    (listener) => socket.on('out', listener),
    () => socket.close(),
  );
}

type DeckSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Through ptydeck: demo:step for each of the demo's steps, timed to its first demo:output, over
 * once its reply is in. Resolves after a first, untimed step, which starts the demo's shell.
 */
export async function ptydeckStepper(port: number, token: string, id: string): Promise<Stepper> {
  const url = `http://127.0.0.1:${port}`;
  const socket: DeckSocket = io(url, { path: SOCKET_PATH, transports: ['websocket'], parser: clientParser, auth: { token }, extraHeaders: { Origin: url } });
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const ref = { deck: 'bench', id };
  let onOutput: () => void = () => {};
  // Acknowledged as the page does (see LiveAttachment): every 64 KB, or once output pauses.
  const counter = new AckCounter();
  let idleAck: NodeJS.Timeout | null = null;
  socket.on('demo:output', ({ data }) => {
    // The time first: acknowledging is not part of the arrival.
    onOutput();
    counter.queued();
    const decision = counter.written(data.length);
    if (decision.kind === 'ack') socket.emit('output:ack', { ...ref, bytes: decision.bytes });
    if (decision.kind === 'idle') {
      idleAck ??= setTimeout(() => {
        idleAck = null;
        socket.emit('output:ack', { ...ref, bytes: counter.flush() });
      }, IDLE_ACK_DELAY_MS);
    }
  });
  const request = (event: 'demo:attach' | 'demo:step') =>
    new Promise<Ack>((resolve) => (socket.emit as (e: string, ref: object, ack: (reply: Ack) => void) => void)(event, ref, resolve));
  const close = () => {
    if (idleAck) clearTimeout(idleAck);
    socket.close();
  };
  const stepper: Stepper = {
    async step(i) {
      let first = 0;
      const started = performance.now();
      onOutput = () => {
        if (!first) first = performance.now() - started;
      };
      const reply = await request('demo:step');
      if (!reply.ok) throw new Error(`step ${i} failed: ${reply.error.message}`);
      return first;
    },
    close,
  };
  try {
    await request('demo:attach');
    await stepper.step(-1);
    return stepper;
  } catch (error) {
    close();
    throw error;
  }
}

/** Steps at the start whose times are kept apart (StepTimes.first): the servers fresh, V8 not warm. */
export const FIRST_STEPS = 100;

/** Each contender's step times: the timed ones, and its first FIRST_STEPS (warm-up included). */
export interface StepTimes<K extends string> {
  readonly timed: Record<K, number[]>;
  readonly first: Record<K, number[]>;
}

/**
 * `warmup` untimed steps, then `steps` timed ones, of every contender in turn: one step of
 * each, in an order turned by one every step, so all meet the same moments of a noisy machine
 * and each follows each of the others. (One contender's 500 steps after another's meet
 * different stretches of it: run to run, the gap between two contenders moved by more than it
 * measured.) The warm-up lets V8 optimize the hot path of the Node contenders before timing;
 * the first steps of fresh servers, before it has, are returned apart.
 */
export async function stepLatencies<K extends string>(steps: number, warmup: number, steppers: Record<K, Stepper>): Promise<StepTimes<K>> {
  const names = Object.keys(steppers) as K[];
  const none = () => Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  const times = { timed: none(), first: none() };
  for (let i = 0; i < warmup + steps; i++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(i + k) % names.length]!;
      const ms = await steppers[name].step(i);
      if (i < FIRST_STEPS) times.first[name].push(ms);
      if (i >= warmup) times.timed[name].push(ms);
    }
  }
  return times;
}

/** The round trips of the transports alone (echo-server.ts), in ms. */
export interface TransportRoundTrips {
  readonly socketio: number[];
  readonly ws: number[];
}

/**
 * `count` echo round trips through socket.io and as many through a bare WebSocket, taken in
 * turn (one of each, then a pause as long as a step's), so both meet the same moments of a
 * noisy machine. A step's request and first output cross the socket once each way, as an
 * echo does: socket.io's cost over `ws` is in ptydeck's figure, and in no web terminal that
 * speaks bare WebSocket.
 */
export async function transportRoundTrips(count: number, warmup: number, port: number): Promise<TransportRoundTrips> {
  const url = `http://127.0.0.1:${port}`;
  const sio = io(url, { path: SOCKET_PATH, transports: ['websocket'] });
  const ws = new WebSocket(`ws://127.0.0.1:${port}${ECHO_WS_PATH}`);
  try {
    await Promise.all([new Promise<void>((resolve) => sio.once('connect', () => resolve())), new Promise((resolve) => ws.once('open', resolve))]);
    const line = 'echo m1x\r';
    const times: { socketio: number[]; ws: number[] } = { socketio: [], ws: [] };
    for (let i = 0; i < warmup + count; i++) {
      let started = performance.now();
      await new Promise<void>((resolve) => {
        sio.once('pong', () => resolve());
        sio.emit('ping', line);
      });
      if (i >= warmup) times.socketio.push(performance.now() - started);
      started = performance.now();
      await new Promise<void>((resolve) => {
        ws.once('message', () => resolve());
        ws.send(line);
      });
      if (i >= warmup) times.ws.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    return times;
  } finally {
    sio.close();
    ws.close();
  }
}
