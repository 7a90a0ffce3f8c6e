// Compares a step's output with the lines its deck's transcript expects under it.

/** Whitespace runs collapsed to one space, ends trimmed: terminals pad and tab as they like. */
export function normalizeLine(line: string): string {
  return line.replace(/\s+/g, ' ').trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A matcher for one expected line. Without digits it must appear exactly (after normalizing):
 * such lines carry the point of a demo (`incontainer`, `---> Using cache`). With digits, every
 * number and every hex id may differ from the transcript (pids, sizes, times, image ids vary by
 * machine and run), the words around them may not.
 */
export function expectedLineMatcher(expected: string): (line: string) => boolean {
  const want = normalizeLine(expected);
  if (!/\d/.test(want)) return (line) => normalizeLine(line) === want;
  const pattern = want
    .split(/(\b[0-9a-f]*\d[0-9a-f]*\b|\d+)/)
    .map((part, i) => (i % 2 === 1 ? (/^\d+$/.test(part) ? '\\d+' : '[0-9a-f]+') : escapeRegExp(part).replace(/ /g, '\\s+')))
    .join('');
  const regexp = new RegExp(`^${pattern}$`);
  return (line) => regexp.test(normalizeLine(line));
}

/** The expected lines that no line of `output` matches (empty when the step shows them all). */
export function missingExpectedLines(expected: readonly string[], output: string): string[] {
  const lines = output.split('\n');
  return expected.filter((e) => normalizeLine(e) !== '').filter((e) => !lines.some(expectedLineMatcher(e)));
}
