// Counts the requests the live server refused, by how they came and why, and logs each one with
// the totals so far: a hostile page probing the server shows up in the debug log as a growing
// count ("refused 3 upgrades (bad origin 2, bad host 1)"), not as a scatter of lone 403s.
import { logDebug } from './debug-log.ts';

/** How a refused request came in: a plain HTTP request, a WebSocket upgrade, a socket.io handshake. */
export type RefusalChannel = 'request' | 'upgrade' | 'handshake';
/**
 * Why it was refused: a foreign Host (DNS rebinding), a foreign Origin (another site), a browser
 * saying another site frames or fetches it (Sec-Fetch-Site), a wrong token.
 */
export type RefusalCause = 'bad host' | 'bad origin' | 'cross-site' | 'bad token';

/** The order channels and causes are listed in the summary, so log lines compare line by line. */
const CHANNELS: readonly RefusalChannel[] = ['request', 'upgrade', 'handshake'];
const CAUSES: readonly RefusalCause[] = ['bad host', 'bad origin', 'cross-site', 'bad token'];

/** One server's refusals: created with the server, so two servers in one process count apart. */
export class RefusalTally {
  private readonly counts = new Map<string, number>();

  /** Counts one refusal and logs its reason with the totals (the reason never holds the token). */
  refuse(channel: RefusalChannel, cause: RefusalCause, reason: string): void {
    const key = `${channel}/${cause}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    logDebug(`refused ${channel}: ${reason}; so far ${this.summary()}`);
  }

  /** Refusals so far, of one channel and/or cause, or all of them. */
  count(channel?: RefusalChannel, cause?: RefusalCause): number {
    let total = 0;
    for (const c of CHANNELS) {
      for (const why of CAUSES) {
        if ((channel === undefined || c === channel) && (cause === undefined || why === cause)) total += this.counts.get(`${c}/${why}`) ?? 0;
      }
    }
    return total;
  }

  /** "refused 2 requests (bad host 2), 3 upgrades (bad origin 2, bad host 1), 0 handshakes". */
  summary(): string {
    const parts = CHANNELS.map((channel) => {
      const n = this.count(channel);
      const causes = CAUSES.filter((cause) => this.count(channel, cause) > 0).map((cause) => `${cause} ${this.count(channel, cause)}`);
      return `${n} ${channel}${n === 1 ? '' : 's'}${causes.length ? ` (${causes.join(', ')})` : ''}`;
    });
    return `refused ${parts.join(', ')}`;
  }
}
