// The Host/Origin/fetch-metadata guard as a pure function: what a browser's headers say about
// who asked, and the cause each refusal is counted under.
import { describe, expect, it } from 'vitest';
import { allowedHosts, checkRequest } from '../../server/live/request-guard.ts';

const hosts = allowedHosts('127.0.0.1', 3000);
const own = { host: '127.0.0.1:3000' };
const cause = (headers: Record<string, string>) => {
  const verdict = checkRequest(headers, hosts);
  return verdict.ok ? 'ok' : verdict.cause;
};

describe('checkRequest', () => {
  it('allows the deck own requests, a typed URL, a link from elsewhere and clients that send no metadata', () => {
    expect(cause(own)).toBe('ok');
    expect(cause({ ...own, 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' })).toBe('ok');
    expect(cause({ ...own, 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe' })).toBe('ok'); // the speaker view
    expect(cause({ ...own, 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' })).toBe('ok');
    expect(cause({ ...own, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' })).toBe('ok');
  });

  it('refuses another site framing, embedding or fetching the server, as cross-site', () => {
    for (const site of ['cross-site', 'same-site']) {
      expect(cause({ ...own, 'sec-fetch-site': site, 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe' })).toBe('cross-site');
      expect(cause({ ...own, 'sec-fetch-site': site, 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'script' })).toBe('cross-site');
      expect(cause({ ...own, 'sec-fetch-site': site, 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' })).toBe('cross-site');
      expect(cause({ ...own, 'sec-fetch-site': site, 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'embed' })).toBe('cross-site');
    }
  });

  it('counts a foreign Host before a foreign Origin, and a foreign Origin before fetch metadata', () => {
    expect(cause({ host: 'evil.test:3000', origin: 'http://evil.test:3000', 'sec-fetch-site': 'cross-site' })).toBe('bad host');
    expect(cause({ ...own, origin: 'http://127.0.0.2:4000', 'sec-fetch-site': 'cross-site' })).toBe('bad origin');
    expect(cause({ ...own, origin: 'null' })).toBe('bad origin');
  });

  it('quotes hostile header values in its reason, control characters escaped', () => {
    const verdict = checkRequest({ host: 'evil\u001b[2J.test' }, hosts);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toContain('\\u001b');
  });
});
