// Starts the real dev server (Vite, socket.io, demo sessions) on a free port in this process,
// and connects socket.io clients to it the way a deck page does.
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { clientParser } from '../../protocol/output-frame.ts';
import type { Ack, ClientToServerEvents, DemoRef, ServerToClientEvents } from '../../protocol/socket-events.ts';
import { SOCKET_PATH } from '../../protocol/socket-events.ts';
import { findDecks } from '../../server/site/find-decks.ts';
import { startDevServer, type RunningServer } from '../../server/dev/dev-server.ts';

export const LIVE_DECKS = path.resolve(import.meta.dirname, '../fixtures/live/slides');
export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Starts `ptydeck dev` on the fixture decks at 127.0.0.1 on a free port. */
export async function startLiveServer(decks = LIVE_DECKS): Promise<RunningServer & { url: string }> {
  const set = findDecks(decks);
  if ('error' in set) throw new Error(set.error);
  const server = await startDevServer({ set, host: '127.0.0.1', port: 0, onDiagnostics: () => {} });
  return Object.assign(server, { url: `http://127.0.0.1:${server.port}` });
}

export interface ConnectOptions {
  readonly token?: string;
  readonly origin?: string;
}

/** Connects like a page: the server's own Origin, and the token when given. */
export function connect(url: string, options: ConnectOptions = {}): Promise<ClientSocket> {
  const socket: ClientSocket = io(url, {
    path: SOCKET_PATH,
    parser: clientParser,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: options.token === undefined ? {} : { token: options.token },
    extraHeaders: { Origin: options.origin ?? url },
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Emits a request and resolves with its acknowledgement. */
export function request<E extends 'demo:attach' | 'demo:step' | 'demo:run-all' | 'demo:interrupt' | 'demo:reset'>(
  socket: ClientSocket,
  event: E,
  ref: DemoRef,
): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
  return new Promise((resolve) => {
    (socket.emit as (e: string, r: unknown, ack: (reply: unknown) => void) => void)(event, ref, (reply) =>
      resolve(reply as Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]),
    );
  });
}

/** Asserts an acknowledgement succeeded and returns it narrowed. */
export function ok<T>(reply: Ack<T>): { ok: true } & T {
  if (!reply.ok) throw new Error(`request failed: ${reply.error.code}: ${reply.error.message}`);
  return reply;
}

/** Acknowledges every output chunk as a page does after writing it, so flow control never stalls. */
export function ackOutput(socket: ClientSocket): void {
  socket.on('demo:output', ({ deck, id, data }) => socket.emit('output:ack', { deck, id, bytes: data.length }));
}
