// The socket.io side of live demos, attached to the HTTP server that serves the deck: who may
// connect (Host, Origin, token) and in which role. What a connection may ask is demo-connection.ts.
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol/socket-events.ts';
import { serverParser } from '../../protocol/output-frame.ts';
import { SOCKET_PATH, WIRE_LIMITS } from '../../protocol/socket-events.ts';
import type { DemoCatalog } from './demo-catalog.ts';
import { serveConnection, type DemoSocket, type Role } from './demo-connection.ts';
import type { PtySession } from '../demo/pty-session.ts';
import type { Disposable } from '../demo/disposable.ts';
import { LiveDemoSet } from './live-demo-set.ts';
import { checkRequest } from './request-guard.ts';
import { tokensMatch } from './access-token.ts';
import { RefusalTally } from './refusal-tally.ts';

/** Connections at once: a presenter, a speaker view, a few second screens; far below abuse. */
export const MAX_CONNECTIONS = 64;

export interface DemoServerOptions {
  readonly catalog: DemoCatalog;
  readonly projectRoot: string;
  readonly token: string;
  readonly hosts: ReadonlySet<string>;
  /** Called for every demo session opened (dev --record attaches a rehearsal recorder). */
  readonly watchSession?: (session: PtySession) => Disposable;
  /** Where refusals are counted (the live server shares one with its HTTP guard); else a new one. */
  readonly tally?: RefusalTally;
}

export interface DemoServer {
  /** Refused requests so far (wrong Host, Origin or token), this server's HTTP guard's included. */
  readonly refused: () => number;
  /** Kills every demo and runs every teardown; resolves when all are done. */
  close(): Promise<void>;
}

/** Attaches the demo socket to `http`. */
export function attachDemoServer(http: HttpServer, options: DemoServerOptions): DemoServer {
  const tally = options.tally ?? new RefusalTally();
  const demos = new LiveDemoSet(options.catalog, options.projectRoot, options.watchSession);
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { role: Role }>(http, {
    path: SOCKET_PATH,
    serveClient: false,
    // Vite's HMR socket shares this HTTP server: leave upgrades for other paths alone.
    destroyUpgrade: false,
    maxHttpBufferSize: WIRE_LIMITS.maxMessageBytes,
    // Output bytes in one frame each (output-frame.ts); clients' packets read as socket.io reads them.
    parser: serverParser,
    // Host and Origin are checked below, on every request; a handshake also needs a free slot.
    allowRequest: (_req, callback) => callback(null, io.engine.clientsCount < MAX_CONNECTIONS),
  });
  // allowRequest runs for handshakes only: a request naming an existing session id (a poll, a
  // POST of packets, the upgrade to WebSocket) skips it. Engine.io middlewares run for every
  // request, so a rebinding page that learnt a session id still cannot post into it.
  io.engine.use((req: IncomingMessage, _res: ServerResponse, next: (error?: Error) => void) => {
    const verdict = checkRequest(req.headers, options.hosts);
    if (verdict.ok) return next();
    tally.refuse(req.headers.upgrade ? 'upgrade' : 'request', verdict.cause, verdict.reason);
    next(new Error(verdict.reason));
  });

  io.use((socket, next) => {
    const given = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
    if (given === undefined) {
      socket.data.role = 'viewer';
      return next();
    }
    if (!tokensMatch(options.token, given)) {
      tally.refuse('handshake', 'bad token', 'wrong token');
      return next(new Error('unauthorized: wrong token'));
    }
    socket.data.role = 'presenter';
    next();
  });

  io.on('connection', (socket: DemoSocket) => serveConnection(socket, demos));

  return {
    refused: () => tally.count(),
    async close() {
      // Demos first (no new one may start), then the sockets, whose views then detach.
      const ended = demos.close();
      io.disconnectSockets(true);
      await ended;
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
