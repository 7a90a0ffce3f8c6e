// What every hostile-browser attack gets and returns: the real server under attack, the hostile
// site, a Chromium, and a row of the reliability table (bench/reliability/hostile-browser.ts) saying how many attempts got through.
import type { Browser, Page } from 'playwright-core';
import type { HostileProject } from './hostile-project.ts';
import type { HostilePageServer } from './hostile-page-server.ts';
import type { Target } from './hostile-target.ts';

export const CATEGORY = 'hostile browser';

/** A row of the reliability table (bench/reliability/row.ts, which tests cannot import: bench imports tests). */
export interface AttackRow {
  readonly category: string;
  readonly attack: string;
  readonly tried: number;
  readonly failed: number;
  readonly notes: string;
}
/** The target deck's name and its demos (see hostile-project.ts). */
export const DECK = 'target';
export const MARK_DEMO = 'mark';
export const CHAT_DEMO = 'chat';

export interface AttackContext {
  readonly browser: Browser;
  readonly target: Target;
  readonly hostile: HostilePageServer;
  readonly project: HostileProject;
  /** Tokens to guess: random ones of the real token's shape (see guessTokens). */
  readonly guesses: readonly string[];
}

/** One attack's outcome: the row, and how the server's refusal counts moved while it ran. */
export interface AttackResult {
  readonly row: AttackRow;
  /** Refusals the server logged during the attack, `channel/cause` → count (see hostile-target.ts). */
  readonly refusals: ReadonlyMap<string, number>;
  /** What got through, one line each: empty when the attack failed, as it must. */
  readonly breaches: readonly string[];
}

export type Attack = (context: AttackContext) => Promise<AttackResult>;

/**
 * Runs `attempt` on a fresh page of the hostile site and turns its breaches into a row. A file a
 * demo command wrote during the attack is a breach too: a refused request must run nothing.
 */
export async function runAttack(
  context: AttackContext,
  attack: string,
  attempt: (page: Page, breach: (what: string) => void) => Promise<number>,
): Promise<AttackResult> {
  const before = context.target.refusals().counts;
  const breaches: string[] = [];
  const page = await context.browser.newPage();
  let tried = 0;
  try {
    tried = await attempt(page, (what) => breaches.push(what));
  } finally {
    await page.close();
  }
  for (const file of context.project.strayFiles()) breaches.push(`a demo command ran: ${file} exists`);
  const after = context.target.refusals().counts;
  const refusals = new Map([...after].map(([key, n]) => [key, n - (before.get(key) ?? 0)] as const).filter(([, n]) => n > 0));
  const notes = [...refusals].filter(([key]) => key.includes('/')).map(([key, n]) => `${key} ${n}`).join(', ');
  return {
    row: { category: CATEGORY, attack, tried, failed: breaches.length, notes: `server refused: ${notes || 'nothing'}${breaches.length ? `; got through: ${breaches.join('; ')}` : ''}` },
    refusals,
    breaches,
  };
}

/** `count` random tokens shaped like real ones (24 random bytes, base64url), from `seed`. */
export function guessTokens(count: number, seed: number): string[] {
  let state = seed >>> 0 || 1;
  const byte = () => {
    // xorshift32: seeded, so a run's guesses can be replayed; quality is beside the point.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state & 0xff;
  };
  return Array.from({ length: count }, () => Buffer.from(Array.from({ length: 24 }, byte)).toString('base64url'));
}
