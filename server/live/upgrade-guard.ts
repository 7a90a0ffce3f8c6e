// WebSocket upgrades that nobody answers. Node hands an upgrade's socket to the 'upgrade'
// listeners and forgets it: socket.io answers its path, Vite its HMR socket, and any other path
// stays open, unread, for good. A page elsewhere could open such sockets without end, and one
// of them keeps the HTTP server from ever closing (its end is never read, so never seen).
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { checkRequest } from './request-guard.ts';
import type { RefusalTally } from './refusal-tally.ts';

/** How long an upgrade may go unanswered before it is closed (ms): socket.io and Vite answer in a moment. */
export const UNANSWERED_UPGRADE_MS = 10_000;

export interface UpgradeGuard {
  /** Closes every upgrade still unanswered (at shutdown); answered ones are their server's. */
  closeUnanswered(): void;
  dispose(): void;
}

/**
 * Refuses upgrades from a foreign Host or Origin on every path but `socketPath` (whose server
 * answers them itself), and closes the rest that nobody answers in time. Refusals count in `tally`.
 */
export function guardUpgrades(http: HttpServer, hosts: ReadonlySet<string>, socketPath: string, tally: RefusalTally): UpgradeGuard {
  const pending = new Set<Duplex>();
  const unanswered = (socket: Duplex) => !socket.destroyed && (socket as Duplex & { bytesWritten?: number }).bytesWritten === 0;
  const onUpgrade = (req: IncomingMessage, socket: Duplex) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const verdict = checkRequest(req.headers, hosts);
    if (!verdict.ok && !path.startsWith(socketPath)) {
      tally.refuse('upgrade', verdict.cause, verdict.reason);
      socket.on('error', () => {}); // the client may be gone already
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    pending.add(socket);
    const timer = setTimeout(() => {
      if (unanswered(socket)) socket.destroy();
    }, UNANSWERED_UPGRADE_MS);
    timer.unref();
    socket.once('close', () => {
      clearTimeout(timer);
      pending.delete(socket);
    });
  };
  http.on('upgrade', onUpgrade);
  return {
    closeUnanswered() {
      for (const socket of pending) if (unanswered(socket)) socket.destroy();
    },
    dispose() {
      http.off('upgrade', onUpgrade);
    },
  };
}
