// The page's one socket.io connection to the demo server, shared by every demo of the page.
// socket.io reconnects by itself; listeners of `changed` re-attach their demos when it does.
// The token travels in the handshake's `auth` (the CONNECT packet), never in the URL.
import { io, type Socket } from 'socket.io-client';
import { clientParser } from '../../protocol/output-frame.ts';
import type { Ack, ClientToServerEvents, DemoRef, DemoSnapshot, ServerToClientEvents, StepOutcome } from '../../protocol/socket-events.ts';
import { failure, type ActionResult } from './driver.ts';
import { DisposableStore, toDisposable, type Disposable } from './disposable.ts';
import { Signal } from './signal.ts';
import { isAck, isSnapshot, outputOf } from './wire-guards.ts';

type DeckSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type ConnectionState =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'online'; readonly role: 'presenter' | 'viewer' }
  /** `retrying`: socket.io will try again by itself (false after the server sent us away). */
  | { readonly kind: 'offline'; readonly reason: string; readonly retrying: boolean };

/** Where one attached demo's events go. */
export interface DemoRoute {
  /** Output, whole characters: ASCII text as a string, anything else as UTF-8 bytes (see 'demo:output'). */
  output(data: Uint8Array | string): void;
  /** Ctrl-C: drop the output not written yet (see 'demo:discard'). */
  discard(): void;
  /**
   * This page sent Ctrl-C: output that arrives before the server's 'demo:discard' was made
   * before it, and may be dropped at once (optional; see LiveAttachment).
   */
  interrupting?(): void;
  /** The Ctrl-C's reply came (`ok`: the server took it): any 'demo:discard' for it came before it. */
  interrupted?(ok: boolean): void;
  state(snapshot: DemoSnapshot): void;
}

/** How long to wait for a reply, per request; steps and run-all wait as long as the server lets them run. */
const REPLY_TIMEOUT_MS = {
  /** Serializing a screen is quick; longer means the server is stuck, so show the transcript. */
  attach: 10_000,
  /** Ctrl-C and keystrokes are written at once. */
  interrupt: 10_000,
  input: 10_000,
  /** Reset kills the process tree and runs teardown steps, each with its own step time-out. */
  reset: 120_000,
} as const;

/** socket.io retries with back-off up to this: a restarted server is found within seconds. */
const RECONNECT_DELAY_MAX_MS = 5_000;
/**
 * A server that shuts down closes every view ('io server disconnect'), after which socket.io
 * does not retry by itself; we do, after this pause, so `ptydeck dev` restarted is found again.
 * (A refused token fails in the handshake instead, and is not retried.)
 */
const SERVER_CLOSE_RETRY_MS = 1_000;

const DISCONNECT_REASONS: Readonly<Record<string, string>> = {
  'io server disconnect': 'the demo server closed this view',
  'ping timeout': 'the demo server stopped answering',
  'transport close': 'the demo server went away',
  'transport error': 'the connection to the demo server broke',
  'parse error': 'the demo server sent something unreadable',
};

export interface ConnectionOptions {
  readonly path: string;
  readonly token: string | null;
}

export class SocketConnection implements Disposable {
  private readonly store = new DisposableStore();
  private readonly socket: DeckSocket;
  private readonly routes = new Map<string, DemoRoute>();
  /** Requests waiting for a reply; a disconnect answers them all with a failure. */
  private readonly pending = new Set<(reply: ActionResult) => void>();
  private readonly changed = this.store.add(new Signal<ConnectionState>());
  private current: ConnectionState = { kind: 'connecting' };
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: ConnectionOptions) {
    this.socket = io({
      path: options.path,
      // Output bytes come in one frame each (output-frame.ts).
      parser: clientParser,
      // WebSocket first; long-polling when a proxy or the browser refuses it.
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      reconnectionDelayMax: RECONNECT_DELAY_MAX_MS,
      ...(options.token ? { auth: { token: options.token } } : {}),
    });
    this.store.add(toDisposable(() => {
      this.socket.removeAllListeners();
      this.socket.disconnect();
    }));
    this.store.add(toDisposable(() => this.abortPending('the page closed the connection')));
    this.store.add(toDisposable(() => this.retryTimer !== null && clearTimeout(this.retryTimer)));
    this.bindSocket();
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** Called on every state change (online again after a reconnect: re-attach). */
  onChanged(listener: (state: ConnectionState) => void): Disposable {
    return this.changed.on(listener);
  }

  /** Routes one demo's output and state events to `route` until disposed. */
  route(ref: DemoRef, route: DemoRoute): Disposable {
    const key = routeKey(ref);
    this.routes.set(key, route);
    return toDisposable(() => {
      if (this.routes.get(key) === route) this.routes.delete(key);
    });
  }

  attach(ref: DemoRef): Promise<Ack<{ snapshot: DemoSnapshot }>> {
    return this.request<{ snapshot: DemoSnapshot }>((reply) => this.socket.emit('demo:attach', ref, reply), REPLY_TIMEOUT_MS.attach, (ack) =>
      isSnapshot((ack as { snapshot?: unknown }).snapshot),
    );
  }

  detach(ref: DemoRef): void {
    if (this.socket.connected) this.socket.emit('demo:detach', ref);
  }

  step(ref: DemoRef): Promise<Ack<{ outcome: StepOutcome }>> {
    return this.request((reply) => this.socket.emit('demo:step', ref, reply), null);
  }

  runAll(ref: DemoRef): Promise<Ack<{ outcomes: StepOutcome[] }>> {
    return this.request((reply) => this.socket.emit('demo:run-all', ref, reply), null);
  }

  interrupt(ref: DemoRef): Promise<Ack> {
    this.routes.get(routeKey(ref))?.interrupting?.();
    return this.request((reply) => this.socket.emit('demo:interrupt', ref, reply), REPLY_TIMEOUT_MS.interrupt).then((ack) => {
      this.routes.get(routeKey(ref))?.interrupted?.(ack.ok);
      return ack;
    });
  }

  reset(ref: DemoRef): Promise<Ack> {
    return this.request((reply) => this.socket.emit('demo:reset', ref, reply), REPLY_TIMEOUT_MS.reset);
  }

  input(ref: DemoRef, data: string): Promise<Ack> {
    return this.request((reply) => this.socket.emit('demo:input', { ...ref, data }, reply), REPLY_TIMEOUT_MS.input);
  }

  /** Flow control: `bytes` bytes of this demo's output are written into its terminal. */
  acknowledge(ref: DemoRef, bytes: number): void {
    if (this.socket.connected && bytes > 0) this.socket.emit('output:ack', { ...ref, bytes });
  }

  dispose(): void {
    this.store.dispose();
    this.routes.clear();
  }

  private bindSocket(): void {
    const { socket } = this;
    socket.on('connect', () => this.setState({ kind: 'online', role: this.options.token ? 'presenter' : 'viewer' }));
    socket.on('disconnect', (reason) => {
      const why = DISCONNECT_REASONS[reason] ?? 'the connection to the demo server closed';
      this.abortPending(why);
      if (reason === 'io server disconnect') this.retryTimer ??= setTimeout(() => {
        this.retryTimer = null;
        socket.connect();
      }, SERVER_CLOSE_RETRY_MS);
      this.setState({ kind: 'offline', reason: why, retrying: socket.active || this.retryTimer !== null });
    });
    socket.on('connect_error', (error) => this.setState({ kind: 'offline', reason: connectErrorReason(error), retrying: socket.active }));
    socket.on('session:role', (payload) => {
      const role = payload?.role === 'presenter' ? 'presenter' : 'viewer';
      if (this.current.kind === 'online') this.setState({ kind: 'online', role });
    });
    socket.on('demo:output', (payload) => {
      const output = outputOf(payload);
      if (output) this.routes.get(routeKey(output))?.output(output.data);
    });
    socket.on('demo:discard', (payload) => {
      if (isDiscard(payload)) this.routes.get(routeKey(payload))?.discard();
    });
    socket.on('demo:state', (payload) => {
      if (isSnapshot(payload)) this.routes.get(routeKey(payload))?.state(payload);
    });
  }

  private setState(state: ConnectionState): void {
    this.current = state;
    this.changed.fire(state);
  }

  private request<T extends object>(
    send: (reply: (ack: Ack<T>) => void) => void,
    timeoutMs: number | null,
    valid: (ack: Ack<T> & { ok: true }) => boolean = () => true,
  ): Promise<Ack<T>> {
    if (!this.socket.connected) return Promise.resolve(failure('offline', 'the demo server is not connected'));
    return new Promise<Ack<T>>((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = (reply: Ack<T> | ActionResult) => {
        if (!this.pending.delete(finish)) return; // answered already (timeout, disconnect)
        clearTimeout(timer);
        resolve(reply as Ack<T>);
      };
      this.pending.add(finish);
      if (timeoutMs !== null) timer = setTimeout(() => finish(failure('timeout', 'the demo server did not answer in time')), timeoutMs);
      send((ack: unknown) => {
        if (isAck(ack) && (!ack.ok || valid(ack as Ack<T> & { ok: true }))) finish(ack as Ack<T>);
        else finish(failure('bad-reply', 'the demo server sent an unreadable reply'));
      });
    });
  }

  private abortPending(reason: string): void {
    for (const finish of [...this.pending]) finish(failure('disconnected', reason));
  }
}

/**
 * Why a connection attempt failed, for the presenter. A refusal by the server's middleware
 * says why in its message (a wrong token); transport failures carry engine.io's terse words.
 */
function connectErrorReason(error: Error): string {
  const transport = (error as { type?: unknown }).type === 'TransportError' || error.message === 'timeout' || error.message === 'server error';
  return transport || !error.message ? 'cannot reach the demo server' : error.message;
}

/** A `demo:discard` payload (wire-guards.ts has the others). */
function isDiscard(value: unknown): value is DemoRef & { seq: number } {
  if (typeof value !== 'object' || value === null) return false;
  const { deck, id, seq } = value as Record<string, unknown>;
  return typeof deck === 'string' && typeof id === 'string' && typeof seq === 'number';
}

function routeKey(ref: DemoRef): string {
  return `${ref.deck}/${ref.id}`;
}
