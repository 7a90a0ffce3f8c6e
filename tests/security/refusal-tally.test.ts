// The refusal count the live server logs, and the token comparison behind the 'bad token' cause.
import { describe, expect, it } from 'vitest';
import { RefusalTally } from '../../server/live/refusal-tally.ts';
import { parseRefusals } from './hostile-target.ts';
import { createToken, tokensMatch } from '../../server/live/access-token.ts';

describe('RefusalTally', () => {
  it('counts by channel and cause, and its summary reads back into the same counts', () => {
    const tally = new RefusalTally();
    expect(tally.summary()).toBe('refused 0 requests, 0 upgrades, 0 handshakes');
    tally.refuse('upgrade', 'bad origin', 'Origin "http://evil.example" is not this server');
    tally.refuse('upgrade', 'bad origin', 'again');
    tally.refuse('upgrade', 'bad host', 'Host "evil.example" is not this server');
    tally.refuse('handshake', 'bad token', 'wrong token');
    tally.refuse('request', 'bad host', 'rebinding');
    expect(tally.summary()).toBe('refused 1 request (bad host 1), 3 upgrades (bad host 1, bad origin 2), 1 handshake (bad token 1)');
    expect(tally.count()).toBe(5);
    expect(tally.count('upgrade')).toBe(3);
    expect(tally.count(undefined, 'bad host')).toBe(2);
    const parsed = parseRefusals(tally.summary()).counts;
    expect(Object.fromEntries(parsed)).toEqual({
      request: 1,
      'request/bad host': 1,
      upgrade: 3,
      'upgrade/bad host': 1,
      'upgrade/bad origin': 2,
      handshake: 1,
      'handshake/bad token': 1,
    });
  });
});

describe('tokensMatch', () => {
  it('accepts only the token itself, whatever the length, type or encoding of a wrong one', () => {
    const token = createToken({});
    expect(tokensMatch(token, token)).toBe(true);
    // Lengths other than the token's used to be refused before the comparison; now every
    // candidate goes through the same fixed-length comparison, and none of these may match.
    for (const wrong of ['', 'x', token.slice(0, -1), `${token}x`, token.toUpperCase(), `${token}\u0000`, 'é'.repeat(token.length), 'x'.repeat(10_000)]) {
      expect(tokensMatch(token, wrong), JSON.stringify(wrong.slice(0, 40))).toBe(false);
    }
    for (const wrong of [undefined, null, 0, 42, true, {}, [token], { toString: () => token }]) expect(tokensMatch(token, wrong)).toBe(false);
  });
});
