// The presenter's token: fresh and random at every start, required to act on a demo.
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** Bytes of randomness in a token (192 bits: unguessable, short enough for a URL). */
const TOKEN_BYTES = 24;

/** `PTYDECK_TOKEN` when set (for scripting), else a fresh random token. */
export function createToken(env: NodeJS.ProcessEnv = process.env): string {
  const fixed = env.PTYDECK_TOKEN;
  if (fixed !== undefined && fixed.length >= 16) return fixed;
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** Compares in constant time, so response timing does not leak the token. */
export function tokensMatch(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
