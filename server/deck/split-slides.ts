// Splits a deck's Markdown into horizontal slides and their vertical stacks, fence-aware.
import type { Diagnostic } from '../../protocol/diagnostic.ts';
import { FenceTracker } from './fence-tracker.ts';

/** One slide's Markdown and the file line its first line has. */
export interface SlideSource {
  readonly markdown: string;
  /** 1-based line in the deck file of the slide's first line. */
  readonly line: number;
}

export interface SplitResult {
  /** Horizontal slides; each is a stack of one or more vertical slides. */
  readonly stacks: readonly (readonly SlideSource[])[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface SplitOptions {
  readonly separator: RegExp;
  readonly verticalSeparator: RegExp | null;
  /** File line of the body's first line, minus one. */
  readonly lineOffset: number;
  readonly file: string;
}

/**
 * Splits on separator lines outside code fences. A fence never closed is reported, and from
 * its opening line on separators split again, so one missing ``` does not swallow the deck.
 */
export function splitSlides(body: string, options: SplitOptions): SplitResult {
  const lines = body.split('\n');
  const diagnostics: Diagnostic[] = [];
  const ignoredFences = new Set<number>();
  for (;;) {
    const result = trySplit(lines, options, ignoredFences);
    if (result.unclosedAt === null) return { stacks: result.stacks, diagnostics };
    ignoredFences.add(result.unclosedAt);
    diagnostics.push({
      severity: 'error',
      code: 'fence-unclosed',
      message: 'code fence is never closed: add a closing ``` line (the slide separators after it still split)',
      file: options.file,
      line: result.unclosedAt + options.lineOffset + 1,
    });
  }
}

function trySplit(
  lines: readonly string[],
  options: SplitOptions,
  ignoredFences: ReadonlySet<number>,
): { stacks: SlideSource[][]; unclosedAt: number | null } {
  const fences = new FenceTracker();
  const stacks: SlideSource[][] = [];
  let stack: SlideSource[] = [];
  let current: string[] = [];
  let startIndex = 0;
  const flush = (nextStart: number) => {
    stack.push({ markdown: current.join('\n'), line: startIndex + options.lineOffset + 1 });
    current = [];
    startIndex = nextStart;
  };
  lines.forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    const wasOpen = fences.open;
    const inFence = fences.feed(line, index);
    if (!wasOpen && fences.open && ignoredFences.has(index)) fences.reset();
    if (!inFence || (!wasOpen && !fences.open && ignoredFences.has(index))) {
      if (options.separator.test(line)) {
        flush(index + 1);
        stacks.push(stack);
        stack = [];
        return;
      }
      if (options.verticalSeparator?.test(line)) {
        flush(index + 1);
        return;
      }
    }
    current.push(raw);
  });
  flush(lines.length);
  stacks.push(stack);
  return { stacks, unclosedAt: fences.open ? fences.open.line : null };
}
