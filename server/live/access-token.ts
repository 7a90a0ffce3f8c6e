// The presenter's token: fresh and random at every start, required to act on a demo.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Bytes of randomness in a token (192 bits: unguessable, short enough for a URL). */
const TOKEN_BYTES = 24;

/** `PTYDECK_TOKEN` when set (for scripting), else a fresh random token. */
export function createToken(env: NodeJS.ProcessEnv = process.env): string {
  const fixed = env.PTYDECK_TOKEN;
  if (fixed !== undefined && fixed.length >= 16) return fixed;
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** A fixed-length digest: comparing digests takes the same time whatever the lengths. */
const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Compares in constant time, so response timing leaks neither the token nor its length: both
 * sides are hashed to 32 bytes first (timingSafeEqual alone would throw or return early on a
 * length mismatch).
 */
export function tokensMatch(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  return timingSafeEqual(digest(expected), digest(given));
}
