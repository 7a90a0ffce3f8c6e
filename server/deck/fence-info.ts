// Parses a fence's info string: `c [1-2|3] file=demos/x.c lines=10-20` or `demo id=x …`.
import { parseAttributes } from './html-attributes.ts';

export interface FenceInfo {
  /** The first word (the language, or `demo`), lower-cased; "" when absent. */
  readonly lang: string;
  /** The `[…]` line-number spec without brackets, or null when there is none. */
  readonly lines: string | null;
  /** `key=value` pairs after the language, in order; bare keys have the value "". */
  readonly keys: ReadonlyArray<readonly [string, string]>;
}

const BRACKETS = /\[([^\]]*)\]/;

/** Splits an info string into language, reveal line spec and keys. */
export function parseFenceInfo(info: string): FenceInfo {
  let rest = info.trim();
  let lines: string | null = null;
  const bracket = BRACKETS.exec(rest);
  if (bracket) {
    lines = bracket[1]!.trim();
    rest = (rest.slice(0, bracket.index) + ' ' + rest.slice(bracket.index + bracket[0].length)).trim();
  }
  const first = /^[^\s=]+(?=\s|$)/.exec(rest);
  const lang = first ? first[0].toLowerCase() : '';
  if (first) rest = rest.slice(first[0].length);
  const { attributes } = parseAttributes(rest);
  return { lang, lines, keys: attributes };
}

/** Line highlight steps: each step is the set of 1-based block lines to emphasise. */
export interface LineSpec {
  /** Number shown on the first line when numbering (reveal's `[25: …]`). */
  readonly startFrom: number;
  /** Empty when lines are numbered but nothing is highlighted (`[]`). */
  readonly steps: ReadonlyArray<ReadonlySet<number>>;
}

/** Parses reveal's `25: 1-2,4|6` spec; returns an error message for malformed input. */
export function parseLineSpec(spec: string): LineSpec | { error: string } {
  let body = spec;
  let startFrom = 1;
  const offset = /^\s*(\d+)\s*:(.*)$/.exec(spec);
  if (offset) {
    startFrom = Number(offset[1]);
    body = offset[2]!;
  }
  if (body.trim() === '') return { startFrom, steps: [] };
  const steps: Set<number>[] = [];
  for (const step of body.split('|')) {
    const set = new Set<number>();
    for (const part of step.split(',')) {
      const range = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
      if (!range) return { error: `"${part.trim()}" is not a line or range (use [1-2|3,5])` };
      const from = Number(range[1]);
      const to = range[2] === undefined ? from : Number(range[2]);
      if (to < from || to - from > 10_000) return { error: `range ${part.trim()} runs backwards or is too long` };
      for (let n = from; n <= to; n++) set.add(n);
    }
    steps.push(set);
  }
  return { startFrom, steps };
}
