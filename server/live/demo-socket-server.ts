// The socket.io side of live demos, attached to the HTTP server that serves the deck. Views
// name (deck, id); presenters (with the token) may act, everyone else may only watch.
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { Ack, ClientToServerEvents, DemoRef, ServerToClientEvents, StepOutcome } from '../../protocol/socket-events.ts';
import { MAX_STEP_OUTPUT_CHARS, SOCKET_PATH, WIRE_LIMITS, parseDemoRef } from '../../protocol/socket-events.ts';
import type { StepResult } from '../demo/demo-result.ts';
import { SessionRegistry } from '../demo/session-registry.ts';
import type { DemoCatalog } from './demo-catalog.ts';
import { LiveDemo } from './live-demo.ts';
import { checkRequest } from './request-guard.ts';
import { tokensMatch } from './access-token.ts';
import { logDebug } from './debug-log.ts';

/** How long a demo nobody watches keeps running before it is killed and torn down (ms). */
export const UNWATCHED_DEMO_MS = 120_000;
/** Connections at once: a presenter, a speaker view, a few second screens; far below abuse. */
export const MAX_CONNECTIONS = 64;

type DemoSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { role: 'presenter' | 'viewer' }>;

export interface DemoServerOptions {
  readonly catalog: DemoCatalog;
  readonly projectRoot: string;
  readonly token: string;
  readonly hosts: ReadonlySet<string>;
}

export interface DemoServer {
  /** Refused handshakes so far (wrong Host, Origin or token). */
  readonly refused: () => number;
  /** Kills every demo and runs every teardown; resolves when all are done. */
  close(): Promise<void>;
}

/** What a step reply carries: its result, with the output cut to its tail. */
function toOutcome(result: StepResult): StepOutcome {
  const { index, exitCode, timedOut, output } = result;
  return { index, exitCode, timedOut, output: output.slice(-MAX_STEP_OUTPUT_CHARS) };
}

/** Attaches the demo socket to `http`. */
export function attachDemoServer(http: HttpServer, options: DemoServerOptions): DemoServer {
  let refused = 0;
  const registry = new SessionRegistry(options.projectRoot);
  const live = new Map<string, LiveDemo>();
  const unwatched = new Map<string, NodeJS.Timeout>();
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { role: 'presenter' | 'viewer' }>(http, {
    path: SOCKET_PATH,
    serveClient: false,
    // Vite's HMR socket shares this HTTP server: leave upgrades for other paths alone.
    destroyUpgrade: false,
    maxHttpBufferSize: WIRE_LIMITS.maxMessageBytes,
    // Host and Origin are checked below, on every request; a handshake also needs a free slot.
    allowRequest: (_req, callback) => callback(null, io.engine.clientsCount < MAX_CONNECTIONS),
  });
  // allowRequest runs for handshakes only: a request naming an existing session id (a poll, a
  // POST of packets, the upgrade to WebSocket) skips it. Engine.io middlewares run for every
  // request, so a rebinding page that learnt a session id still cannot post into it.
  io.engine.use((req: IncomingMessage, _res: ServerResponse, next: (error?: Error) => void) => {
    const verdict = checkRequest(req.headers, options.hosts);
    if (verdict.ok) return next();
    refused++;
    logDebug(`refused socket request #${refused}: ${verdict.reason}`);
    next(new Error(verdict.reason));
  });

  io.use((socket, next) => {
    const given = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
    if (given === undefined) {
      socket.data.role = 'viewer';
      return next();
    }
    if (!tokensMatch(options.token, given)) {
      refused++;
      logDebug(`refused handshake #${refused}: wrong token`);
      return next(new Error('unauthorized: wrong token'));
    }
    socket.data.role = 'presenter';
    next();
  });

  const keyOf = (ref: DemoRef) => `${ref.deck}/${ref.id}`;

  /** The live demo for a ref, created from the catalog; null when no deck declares it. */
  async function demoFor(ref: DemoRef): Promise<LiveDemo | { error: { code: string; message: string } }> {
    const entry = await options.catalog.lookup(ref.deck, ref.id);
    if (!entry) return { error: { code: 'unknown-demo', message: `deck "${ref.deck}" has no demo "${ref.id}"` } };
    const existing = live.get(keyOf(ref));
    if (existing && existing.session.entry.hash === entry.hash && registry.get(ref.deck, ref.id) === existing.session) return existing;
    const opened = registry.open(entry);
    if (!opened.ok) return { error: opened.error };
    existing?.dispose();
    const demo = new LiveDemo(opened.session);
    live.set(keyOf(ref), demo);
    return demo;
  }

  function watched(ref: DemoRef, demo: LiveDemo): void {
    clearTimeout(unwatched.get(keyOf(ref)));
    unwatched.delete(keyOf(ref));
    if (demo.viewCount > 0) return;
    // Nobody watches: a reload re-attaches within the grace period; after it, clean up.
    unwatched.set(
      keyOf(ref),
      setTimeout(() => {
        unwatched.delete(keyOf(ref));
        if (demo.viewCount > 0) return;
        live.delete(keyOf(ref));
        demo.dispose();
        void registry.close(ref.deck, ref.id);
      }, UNWATCHED_DEMO_MS),
    );
  }

  io.on('connection', (socket: DemoSocket) => {
    socket.emit('session:role', { role: socket.data.role });
    const attached = new Map<string, { ref: DemoRef; demo: LiveDemo }>();
    const view = (ref: DemoRef) => ({
      id: `${socket.id}/${keyOf(ref)}`,
      output: (data: string, seq: number) => socket.emit('demo:output', { ...ref, data, seq }),
      state: (snapshot: Parameters<ServerToClientEvents['demo:state']>[0]) => socket.emit('demo:state', snapshot),
      drop: (reason: string) => {
        logDebug(`dropping a view of ${keyOf(ref)}: ${reason}`);
        socket.disconnect(true);
      },
    });
    const detach = (ref: DemoRef) => {
      const found = attached.get(keyOf(ref));
      if (!found) return;
      attached.delete(keyOf(ref));
      found.demo.detach(view(ref).id);
      watched(ref, found.demo);
    };
    const refuse = (code: string, message: string): Ack<never> => ({ ok: false, error: { code, message } });
    const guard = <T>(raw: unknown, ack: unknown, act: (ref: DemoRef, demo: LiveDemo) => Promise<Ack<T>> | Ack<T>) => {
      if (typeof ack !== 'function') return;
      const reply = ack as (r: Ack<T>) => void;
      const ref = parseDemoRef(raw);
      if (!ref) return reply(refuse('bad-request', 'expected { deck, id } naming a demo'));
      if (socket.data.role !== 'presenter') return reply(refuse('read-only', 'this view has no presenter token: it can watch, not act'));
      void demoFor(ref).then(
        (demo) => ('error' in demo ? reply({ ok: false, error: demo.error }) : Promise.resolve(act(ref, demo)).then(reply)),
        (error: unknown) => reply(refuse('internal', (error as Error).message)),
      );
    };

    socket.on('demo:attach', (raw, ack) => {
      if (typeof ack !== 'function') return;
      const ref = parseDemoRef(raw);
      if (!ref) return ack(refuse('bad-request', 'expected { deck, id } naming a demo'));
      void demoFor(ref).then(async (demo) => {
        if ('error' in demo) return ack({ ok: false, error: demo.error });
        detach(ref);
        attached.set(keyOf(ref), { ref, demo });
        watched(ref, demo);
        ack({ ok: true, snapshot: await demo.attach(view(ref)) });
      });
    });
    socket.on('demo:detach', (raw) => {
      const ref = parseDemoRef(raw);
      if (ref) detach(ref);
    });
    socket.on('output:ack', (raw) => {
      const ref = parseDemoRef(raw);
      const bytes = (raw as { bytes?: unknown } | null)?.bytes;
      if (ref && typeof bytes === 'number') attached.get(keyOf(ref))?.demo.acked(view(ref).id, bytes);
    });
    socket.on('demo:step', (raw, ack) =>
      guard<{ outcome: StepOutcome }>(raw, ack, async (_ref, demo) => {
        const done = await demo.session.step();
        if (!done.ok) return done;
        return { ok: true, outcome: toOutcome(done.result) };
      }),
    );
    socket.on('demo:run-all', (raw, ack) =>
      guard<{ outcomes: StepOutcome[] }>(raw, ack, async (_ref, demo) => {
        const done = await demo.session.runAll();
        if (!done.ok) return done;
        return { ok: true, outcomes: done.results.map(toOutcome) };
      }),
    );
    socket.on('demo:interrupt', (raw, ack) => guard<object>(raw, ack, (_ref, demo) => demo.session.interrupt()));
    socket.on('demo:reset', (raw, ack) =>
      guard<object>(raw, ack, async (_ref, demo) => {
        const done = await demo.session.reset();
        return done.ok ? { ok: true } : done;
      }),
    );
    socket.on('demo:input', (raw, ack) =>
      guard<object>(raw, ack, (_ref, demo) => {
        const data = (raw as { data?: unknown }).data;
        if (typeof data !== 'string' || data.length > WIRE_LIMITS.maxInputChars) {
          return refuse('bad-request', `input must be text of at most ${WIRE_LIMITS.maxInputChars} characters`);
        }
        return demo.session.write(data);
      }),
    );
    socket.on('disconnect', () => {
      for (const { ref } of [...attached.values()]) detach(ref);
    });
  });

  return {
    refused: () => refused,
    async close() {
      for (const timer of unwatched.values()) clearTimeout(timer);
      for (const demo of live.values()) demo.dispose();
      live.clear();
      io.disconnectSockets(true);
      await registry.disposeAll();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
