// socket.io clients that do what a hostile or broken page might: any handshake auth, any
// Origin, any event with any payload, with or without an acknowledgement callback.
import { io, type Socket } from 'socket.io-client';
import { clientParser } from '../../protocol/output-frame.ts';
import { SOCKET_PATH } from '../../protocol/socket-events.ts';
import type { ClientSocket } from './live-harness.ts';

export interface RawConnectOptions {
  /** The handshake's `auth` object, as is (the page sends `{ token }`). */
  readonly auth?: Record<string, unknown>;
  /** The Origin header; undefined sends the server's own. */
  readonly origin?: string | null;
  readonly transports?: ('websocket' | 'polling')[];
}

/** A connected socket, and the role the server announced to it (it comes right after connect). */
export interface Connected {
  readonly socket: ClientSocket;
  readonly role: Promise<string>;
}

/** Connects and resolves with the socket, or with the connect_error's message. */
export function tryConnect(url: string, options: RawConnectOptions = {}): Promise<Connected | { error: string }> {
  const origin = options.origin === undefined ? url : options.origin;
  const socket: ClientSocket = io(url, {
    path: SOCKET_PATH,
    parser: clientParser,
    transports: options.transports ?? ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 20_000,
    auth: options.auth ?? {},
    extraHeaders: origin === null ? {} : { Origin: origin },
  });
  // Listen before connecting: the server announces the role at once.
  const role = new Promise<string>((resolve) => socket.once('session:role', (payload) => resolve(payload.role)));
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ socket, role }));
    socket.once('connect_error', (error) => {
      socket.close();
      resolve({ error: error.message });
    });
  });
}

/** Emits any event with any arguments and resolves with the acknowledgement (or 'no-reply' after `timeoutMs`). */
export function emitAny(socket: Socket, event: string, payload: unknown, timeoutMs = 10_000): Promise<unknown> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('no-reply'), timeoutMs);
    (socket.emit as (e: string, ...args: unknown[]) => void)(event, payload, (reply: unknown) => {
      clearTimeout(timer);
      resolve(reply);
    });
  });
}
