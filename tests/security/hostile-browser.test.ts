// A hostile web page against a real `ptydeck present` (a child process, PTYDECK_DEBUG on), in
// real Chromium: from another loopback origin it opens the demo socket, fetches, posts forms and
// frames the deck; as a DNS-rebinding page (evil.test → 127.0.0.1) it does the same with a
// foreign Host; as the deck's own page without the right token it tries to act. Every attempt is
// refused, the server's log counts the refusals, and no demo command ever runs (every command of
// the target deck leaves a marker file). bench/reliability/hostile-browser.ts runs the same
// attacks (the hostile-*.ts files here), so the bench measures what this file asserts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipReason } from '../skip-reason.ts';
import { chromiumMissing } from './hostile-chromium.ts';
import { hostileSetup } from './hostile-setup.ts';
import type { AttackContext, AttackResult } from './hostile-attack.ts';
import { socketFromForeignOrigin } from './hostile-socket-attack.ts';
import { fetchFromForeignOrigin } from './hostile-fetch-attack.ts';
import { frameFromForeignOrigin } from './hostile-frame-attack.ts';
import { dnsRebinding } from './hostile-rebinding-attack.ts';
import { viewerWithoutToken } from './hostile-viewer-attack.ts';

const missing = skipReason(chromiumMissing());
/** Guessed tokens per attack; the seed makes them the same at every run. */
const GUESSES = 3;
const SEED = 7;
/** Pages load the deck's demo part and reach the server: slow on a loaded 2-core machine. */
const ATTACK_TIMEOUT_MS = 120_000;

describe.skipIf(missing !== null)('a hostile browser against a real ptydeck present', { timeout: ATTACK_TIMEOUT_MS }, () => {
  let setup: AttackContext & { close(): Promise<void> };
  const refused = (result: AttackResult, key: string) => result.refusals.get(key) ?? 0;

  beforeAll(async () => {
    setup = await hostileSetup(SEED, GUESSES);
  }, 120_000);
  afterAll(async () => {
    await setup?.close();
  });

  it('refuses the demo socket to a page on another origin: no token, guessed tokens, the right token, raw WebSockets', async () => {
    const result = await socketFromForeignOrigin(setup);
    expect(result.breaches).toEqual([]);
    // Per transport: no token, each guess, the right token; then four raw WebSockets.
    expect(result.row.tried).toBe(2 * (GUESSES + 2) + 4);
    // Every WebSocket attempt reached the server and was counted as a foreign Origin.
    expect(refused(result, 'upgrade/bad origin')).toBeGreaterThanOrEqual(GUESSES + 2 + 4);
    expect(refused(result, 'request/bad origin')).toBeGreaterThanOrEqual(1);
    expect(setup.project.strayFiles()).toEqual([]);
  });

  it('gives a page on another origin nothing readable from fetch, and runs nothing for its POSTs and forms', async () => {
    const result = await fetchFromForeignOrigin(setup);
    expect(result.breaches).toEqual([]);
    expect(result.row.tried).toBeGreaterThan(0);
    expect(refused(result, 'request/bad origin')).toBeGreaterThanOrEqual(1);
    expect(setup.project.strayFiles()).toEqual([]);
  });

  it('lets no page on another origin frame the deck or its index', async () => {
    const result = await frameFromForeignOrigin(setup);
    expect(result.breaches).toEqual([]);
    expect(result.row.tried).toBe(4);
    // Refused by the server (the browser says, in Sec-Fetch-*, that another site frames it)…
    expect(refused(result, 'request/cross-site')).toBe(4);
    // …and by the browser on the server's word, for browsers that send no fetch metadata.
    const res = await fetch(`${setup.target.url}/target/`);
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'/);
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('refuses a DNS-rebinding page its pages, handshakes and WebSockets, and counts them as a foreign Host', async () => {
    const result = await dnsRebinding(setup);
    expect(result.breaches).toEqual([]);
    expect(refused(result, 'request/bad host')).toBeGreaterThanOrEqual(5);
    expect(refused(result, 'upgrade/bad host')).toBe(2);
    expect(setup.project.strayFiles()).toEqual([]);
  });

  it('lets the deck page without the token watch but not act, and fails the handshake of a guessed token', async () => {
    const result = await viewerWithoutToken(setup);
    expect(result.breaches).toEqual([]);
    expect(refused(result, 'handshake/bad token')).toBe(2);
    expect(setup.project.strayFiles()).toEqual([]);
  });

  it('logs the running count of refusals by cause at debug level, and never the token', () => {
    const { line, counts } = setup.target.refusals();
    expect(line).toMatch(/^refused \d+ requests \(bad host \d+, bad origin \d+, cross-site \d+\), \d+ upgrades \(bad host \d+, bad origin \d+\), 2 handshakes \(bad token 2\)$/);
    expect(counts.get('handshake/bad token')).toBe(2);
    expect(setup.target.log()).not.toContain(setup.target.token);
    for (const guess of setup.guesses) expect(setup.target.log()).not.toContain(guess);
  });
});
