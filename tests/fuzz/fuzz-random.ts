// Random choices for the fuzzers, drawn from the soak's seeded PRNG (mulberry32): the same seed
// gives the same inputs, so a failure printed with its seed can be replayed exactly. No dependency: shrinking is done by
// saving the failing input, which for a socket message or a Markdown file is already small.
import { seededRandom } from '../reliability/seeded-random.ts';

/** Random choices drawn from one 32-bit seed. */
export class Random {
  private readonly generator: () => number;

  constructor(readonly seed: number) {
    this.generator = seededRandom(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    return this.generator();
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Random.pick: nothing to pick from');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A string of `length` characters drawn from `alphabet`. */
  string(length: number, alphabet: string): string {
    const chars = [...alphabet];
    let out = '';
    for (let i = 0; i < length; i++) out += this.pick(chars);
    return out;
  }

  /** Any UTF-16 code units, lone surrogates and control characters included. */
  codeUnits(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += String.fromCharCode(this.int(0, 0xffff));
    return out;
  }

  /** Random bytes. */
  bytes(length: number): Buffer {
    const out = Buffer.alloc(length);
    for (let i = 0; i < length; i++) out[i] = this.int(0, 255);
    return out;
  }

  /** An independent stream for a sub-task, so adding draws in one place does not shift another. */
  fork(): Random {
    return new Random(this.int(0, 0xffffffff));
  }
}

/** The seed CI uses: a run that passed there passes again; new seeds are explored locally and by the bench. */
const CI_SEED = 20261122;

/** A seed from the environment (FUZZ_SEED), CI's fixed one, or a fresh one; printed with the results. */
export function seedFromEnv(): number {
  const given = process.env.FUZZ_SEED;
  if (given !== undefined && /^\d+$/.test(given)) return Number(given) >>> 0;
  if (process.env.CI) return CI_SEED;
  return Math.floor(Math.random() * 0x100000000) >>> 0;
}
