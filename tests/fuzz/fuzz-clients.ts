// The fuzzer's socket.io connections: one per sender, reconnected when the server closes it
// (as it must for an oversized message), each request answered, timed out or cut off.
import { io, type Socket } from 'socket.io-client';
import { clientParser } from '../../protocol/output-frame.ts';
import { SOCKET_PATH } from '../../protocol/socket-events.ts';

/** How a request ended: the server's reply, nothing within the guard, a connection that closed first, or none to send on. */
export type Reply = { readonly reply: unknown } | 'no-reply' | 'disconnected' | { readonly unconnected: string };

/** Bound on the connection handshake (ms). */
const CONNECT_TIMEOUT_MS = 10_000;

export class FuzzClient {
  private socket: Socket | null = null;
  private readonly pending = new Set<(reply: Reply) => void>();
  /** Connections the server closed (a reconnect followed each). */
  dropped = 0;

  constructor(
    private readonly url: string,
    private readonly token: string | null,
  ) {}

  /** The live socket, connecting (again) when there is none. */
  async connected(): Promise<Socket | { error: string }> {
    if (this.socket?.connected) return this.socket;
    const socket = io(this.url, {
      path: SOCKET_PATH,
      parser: clientParser,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: CONNECT_TIMEOUT_MS,
      auth: this.token === null ? {} : { token: this.token },
      extraHeaders: { Origin: this.url },
    });
    // Acknowledge output as a page does, so flow control never holds a demo for this view.
    socket.on('demo:output', ({ deck, id, data }: { deck: string; id: string; data: Uint8Array }) => socket.emit('output:ack', { deck, id, bytes: data.length }));
    socket.on('disconnect', () => {
      if (this.socket === socket) {
        this.dropped++;
        this.socket = null;
      }
      for (const resolve of [...this.pending]) resolve('disconnected');
    });
    const outcome = await new Promise<true | string>((resolve) => {
      socket.once('connect', () => resolve(true));
      socket.once('connect_error', (error) => resolve(error.message));
    });
    if (outcome !== true) {
      socket.close();
      return { error: outcome };
    }
    this.socket = socket;
    return socket;
  }

  /** Emits and resolves with the reply, 'no-reply' after `guardMs`, or 'disconnected'. */
  async request(event: string, args: readonly unknown[], guardMs: number): Promise<Reply> {
    const socket = await this.connected();
    if ('error' in socket) return { unconnected: socket.error };
    return new Promise<Reply>((resolve) => {
      const done = (reply: Reply) => {
        clearTimeout(timer);
        this.pending.delete(done);
        resolve(reply);
      };
      const timer = setTimeout(() => done('no-reply'), guardMs);
      this.pending.add(done);
      (socket.emit as (e: string, ...a: unknown[]) => void)(event, ...args, (reply: unknown) => done({ reply }));
    });
  }

  /** Emits without waiting for anything (with an unanswered callback when `ack`). */
  async send(event: string, args: readonly unknown[], ack: boolean): Promise<void | { error: string }> {
    const socket = await this.connected();
    if ('error' in socket) return socket;
    if (ack) (socket.emit as (e: string, ...a: unknown[]) => void)(event, ...args, () => {});
    else (socket.emit as (e: string, ...a: unknown[]) => void)(event, ...args);
  }

  close(): void {
    const socket = this.socket;
    this.socket = null;
    socket?.close();
  }
}
