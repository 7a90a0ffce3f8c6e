// What injecting one fault into a running talk showed: what was promised and did not hold.
// Each fault-*.ts returns one; tests/reliability/faults.test.ts expects no problems, and
// bench/reliability/faults.ts turns them into rows.

export interface FaultOutcome {
  /** The fault, as a short sentence ("the demo's shell killed with SIGKILL from outside"). */
  readonly fault: string;
  /** Promises that did not hold, as sentences; empty when the talk survived as promised. */
  readonly problems: string[];
  /** Figures worth quoting: how long recovery took, what the slide said. */
  readonly notes: string;
}

/** Collects broken promises: `check(false, 'the server died')` records one. */
export class Promises {
  readonly problems: string[] = [];

  check(held: boolean, broken: string): boolean {
    if (!held) this.problems.push(broken);
    return held;
  }
}
