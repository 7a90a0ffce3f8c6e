// Everything a server with live demos adds to its HTTP server: the token, the Host/Origin
// guard and security headers on every request and upgrade, and the demo socket.
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DeckSet } from '../site/find-decks.ts';
import path from 'node:path';
import type { PtySession } from '../demo/pty-session.ts';
import { RehearsalRecorder } from '../record/rehearsal-recorder.ts';
import { attachDemoServer, type DemoServer } from './demo-socket-server.ts';
import { DemoCatalog } from './demo-catalog.ts';
import { allowedHosts, checkRequest } from './request-guard.ts';
import { applySecurityHeaders } from './security-headers.ts';
import { createToken } from './access-token.ts';
import { RefusalTally } from './refusal-tally.ts';
import { guardUpgrades } from './upgrade-guard.ts';
import { SOCKET_PATH } from '../../protocol/socket-events.ts';

export interface LiveServer {
  readonly token: string;
  readonly demos: DemoServer;
  /** Every refused request, upgrade and handshake, counted (and logged under PTYDECK_DEBUG). */
  readonly refusals: RefusalTally;
  /** Connect-style middleware: refuses foreign Host/Origin (the headers are already set). */
  readonly guard: (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  close(): Promise<void>;
}

/** Adds live demos to `http`, which must already be listening (its port names the server). */
export interface LiveServerOptions {
  /** Record every completed rehearsal run into demos/recordings (ptydeck dev --record). */
  readonly record?: boolean;
}

export function attachLiveServer(http: HttpServer, set: DeckSet, host: string, options: LiveServerOptions = {}): LiveServer {
  const { port } = http.address() as AddressInfo;
  const hosts = allowedHosts(host, port);
  const token = createToken();
  const refusals = new RefusalTally();
  const watchSession = options.record
    ? (session: PtySession) =>
        new RehearsalRecorder(
          session,
          set.projectRoot,
          (entry, file) => process.stdout.write(`ptydeck: recorded ${entry.deck}/${entry.id} → ${path.relative(process.cwd(), file)}\n`),
          (entry, message) => process.stderr.write(`ptydeck: warning: could not save the rehearsal of ${entry.deck}/${entry.id} (the old recording is kept): ${message}\n`),
        )
    : undefined;
  const demos = attachDemoServer(http, { catalog: new DemoCatalog(set), projectRoot: set.projectRoot, token, hosts, tally: refusals, ...(watchSession ? { watchSession } : {}) });
  // First of all request listeners, so every response carries the headers: pages, the guard's
  // refusals, and socket.io's own answers (engine.io takes its requests before any other listener).
  const secure = (_req: IncomingMessage, res: ServerResponse) => applySecurityHeaders(res);
  http.prependListener('request', secure);
  const upgrades = guardUpgrades(http, hosts, SOCKET_PATH, refusals);
  return {
    token,
    demos,
    refusals,
    guard(req, res, next) {
      const verdict = checkRequest(req.headers, hosts);
      if (!verdict.ok) {
        refusals.refuse('request', verdict.cause, verdict.reason);
        res.statusCode = 403;
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        res.end('Forbidden: this server answers only its own pages.\n');
        return;
      }
      next();
    },
    async close() {
      http.off('request', secure);
      // Before socket.io closes the HTTP server, which waits for every socket to end.
      upgrades.closeUnanswered();
      upgrades.dispose();
      await demos.close();
    },
  };
}
