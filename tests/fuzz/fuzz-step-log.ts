// Checks the fuzz deck's steps.log against the valid requests that were made: every line is a
// step of a demo, no demo ran more steps than valid requests asked for, and every step a reply
// says finished with exit 0 is in the log, in order. Typed input that ran would show as a line
// that is not a step.
import { FUZZ_DEMOS, STEPS_PER_DEMO, type FuzzDemoId } from './fuzz-deck.ts';
import { isAck } from './fuzz-socket-messages.ts';

/** Refusals after which no step command was typed into the shell. */
const NOTHING_RAN = new Set(['busy', 'no-more-steps', 'not-running', 'bad-request', 'read-only', 'unknown-demo', 'unknown-deck']);

interface DemoLedger {
  /** Most log lines valid requests can explain (a reply that says nothing may hide a step). */
  allowed: number;
  /** Step indexes that must be in the log, in order (exit 0). */
  readonly required: number[];
  /** What each required step's reply said (output size and tail), to explain a missing one. */
  readonly evidence: string[];
}

export class StepLedger {
  private readonly demos = new Map<FuzzDemoId, DemoLedger>();

  private ledger(demo: FuzzDemoId): DemoLedger {
    let found = this.demos.get(demo);
    if (!found) this.demos.set(demo, (found = { allowed: 0, required: [], evidence: [] }));
    return found;
  }

  /** Records the reply (or 'no-reply' / 'disconnected') to a valid step or run-all request. */
  record(demo: FuzzDemoId, all: boolean, reply: unknown): void {
    const ledger = this.ledger(demo);
    if (!isAck(reply)) {
      ledger.allowed += all ? STEPS_PER_DEMO : 1;
      return;
    }
    if (!reply.ok) {
      if (!NOTHING_RAN.has(reply.error.code)) ledger.allowed += all ? STEPS_PER_DEMO : 1;
      return;
    }
    const outcomes = all ? (reply as { outcomes?: unknown }).outcomes : [(reply as { outcome?: unknown }).outcome];
    if (!Array.isArray(outcomes)) {
      ledger.allowed += STEPS_PER_DEMO;
      return;
    }
    for (const outcome of outcomes as Array<{ index: number; exitCode: number | null; output: string }>) {
      ledger.allowed++;
      if (outcome.exitCode !== 0) continue;
      ledger.required.push(outcome.index);
      ledger.evidence.push(`${all ? 'run-all' : 'step'} reply #${ledger.required.length}: ${outcome.output.length} characters of output ending ${JSON.stringify(outcome.output.slice(-80))}`);
    }
  }

  /** Steps valid requests finished with exit 0. */
  get finished(): number {
    return [...this.demos.values()].reduce((n, d) => n + d.required.length, 0);
  }

  /**
   * Compares the log with the requests. `unrequested`: lines no valid request explains (a
   * command ran that nobody asked for). `lost`: steps replied as run with exit 0 whose command
   * never ran (the reply lied). Both empty when all is well.
   */
  check(lines: readonly string[]): { unrequested: string[]; lost: string[] } {
    const problems: string[] = [];
    const lost: string[] = [];
    const seen = new Map<FuzzDemoId, number[]>();
    for (const [i, line] of lines.entries()) {
      const match = /^([a-z]+):(\d+):\d+$/.exec(line);
      const demo = match?.[1] as FuzzDemoId | undefined;
      const index = Number(match?.[2]);
      if (!demo || !(demo in FUZZ_DEMOS) || index >= STEPS_PER_DEMO) {
        problems.push(`steps.log line ${i + 1} is no step of the deck: ${JSON.stringify(line.slice(0, 200))}`);
        continue;
      }
      seen.set(demo, [...(seen.get(demo) ?? []), index]);
    }
    for (const demo of Object.keys(FUZZ_DEMOS) as FuzzDemoId[]) {
      const ran = seen.get(demo) ?? [];
      const ledger = this.ledger(demo);
      if (ran.length > ledger.allowed) problems.push(`${demo} ran ${ran.length} steps; valid requests account for at most ${ledger.allowed}`);
      // The required indexes must be a subsequence of what ran.
      let at = 0;
      for (const index of ran) if (at < ledger.required.length && ledger.required[at] === index) at++;
      if (at < ledger.required.length) {
        lost.push(
          `${demo}: ${ledger.required.length - at} of ${ledger.required.length} steps replied as run with exit 0 are missing from the log ` +
            `(log: ${ran.join('')}; replies: ${ledger.required.join('')}; first missing: step ${ledger.required[at]}, ${ledger.evidence[at]})`,
        );
      }
    }
    return { unrequested: problems, lost };
  }
}
