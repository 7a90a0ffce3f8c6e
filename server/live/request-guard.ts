// Refuses requests that did not come from the deck's own pages: a Host header that is not the
// server's own name (DNS rebinding), or an Origin that is another site (a hostile page).
import type { IncomingHttpHeaders } from 'node:http';
import type { RefusalCause } from './refusal-tally.ts';

export type GuardVerdict = { readonly ok: true } | { readonly ok: false; readonly cause: RefusalCause; readonly reason: string };

const badHost = (reason: string): GuardVerdict => ({ ok: false, cause: 'bad host', reason });
const badOrigin = (reason: string): GuardVerdict => ({ ok: false, cause: 'bad origin', reason });

/**
 * Fetch metadata (Sec-Fetch-*, sent by browsers to loopback and https): another site may link
 * to a deck (a top-level navigation), but not frame it, embed or fetch its files, which a GET
 * without an Origin header would otherwise allow. Absent headers (other browsers, a LAN
 * address over http, non-browser clients) leave the decision to Host and Origin.
 */
function checkFetchSite(headers: IncomingHttpHeaders): GuardVerdict {
  const site = headers['sec-fetch-site'];
  if (site === undefined || site === 'same-origin' || site === 'none') return { ok: true };
  if (headers['sec-fetch-mode'] === 'navigate' && headers['sec-fetch-dest'] === 'document') return { ok: true };
  const dest = JSON.stringify(headers['sec-fetch-dest'] ?? '');
  return { ok: false, cause: 'cross-site', reason: `a ${JSON.stringify(site)} request for ${dest} (another site framing or fetching this server)` };
}

/** The names a browser may use for this server: loopback names, and --host when given. */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  if (host !== '0.0.0.0' && host !== '::') names.add(host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);
  return new Set([...names].map((name) => `${name}:${port}`));
}

/**
 * Checks Host, Origin and fetch metadata. A browser always sends Origin with a WebSocket and with cross-site
 * requests; a same-origin GET or a non-browser client may send none, which is allowed (acting
 * still needs the token). `socket.io`'s cors option does not protect WebSockets, so this runs
 * in allowRequest and on every HTTP request.
 */
export function checkRequest(headers: IncomingHttpHeaders, hosts: ReadonlySet<string>): GuardVerdict {
  const host = headers.host?.toLowerCase();
  if (!host || !hosts.has(host)) return badHost(`Host ${JSON.stringify(host ?? '')} is not this server`);
  const origin = headers.origin;
  if (origin !== undefined && origin !== 'null') {
    let originHost: string;
    try {
      const url = new URL(origin);
      if (url.protocol !== 'http:') return badOrigin(`Origin ${JSON.stringify(origin)} is not this server`);
      originHost = url.host.toLowerCase();
    } catch {
      return badOrigin(`Origin ${JSON.stringify(origin)} is malformed`);
    }
    if (!hosts.has(originHost)) return badOrigin(`Origin ${JSON.stringify(origin)} is not this server`);
  } else if (origin === 'null') {
    return badOrigin('Origin "null" (a sandboxed or file: page) is not this server');
  }
  return checkFetchSite(headers);
}
