// One line of the reliability table (docs/reliability.md): what was tried against ptydeck and
// how much of it ptydeck survived. Every part of bench/reliability returns these rows.

export interface ReliabilityRow {
  /** The category: 'hostile browser', 'protocol fuzz', 'compiler fuzz', 'soak', 'load', 'fault', 'terminal input'. */
  readonly category: string;
  /** What was tried, as a short sentence ("socket handshake from a foreign origin with a guessed token"). */
  readonly attack: string;
  /** How many attempts, inputs, runs or faults. */
  readonly tried: number;
  /** How many of them ptydeck did not survive as promised (0 is the goal). */
  readonly failed: number;
  /** Figures worth quoting: leaks found, memory before/after, seed, worst time. */
  readonly notes: string;
}

/** Options every part accepts: `quick` is the seconds-long size that also runs in `npm test`. */
export interface ReliabilityOptions {
  readonly quick: boolean;
  /** Seed of every random choice, printed with the table so a failure can be replayed. */
  readonly seed: number;
}

/** A part of the reliability bench: bench/reliability/<name>.ts exports `run` of this type. */
export type ReliabilityPart = (options: ReliabilityOptions) => Promise<readonly ReliabilityRow[]>;
