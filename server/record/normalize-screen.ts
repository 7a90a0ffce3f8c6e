// What legitimately varies between two runs of the same demo, replaced by placeholders so two
// screens can be compared: the hostname, timestamps, durations, container ids, PIDs and numbers.

/** One rewrite; the order of NORMALIZE_RULES matters (a timestamp before its digits become N). */
interface Rule {
  readonly pattern: RegExp;
  readonly replacement: string;
}

const WEEKDAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*';
const UNITS = 'ns|µs|us|ms|s|secs?|seconds?|m|mins?|minutes?|h|hours?|days?|weeks?|months?|years?';

/** Every rewrite, in the one order they apply. */
export const NORMALIZE_RULES: readonly Rule[] = [
  // ISO and syslog-style stamps: `2025-11-22T00:16:03.123Z`, `2025-11-22 00:16`.
  { pattern: /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/g, replacement: '<time>' },
  // `date` and `ls -l`: `Sat Nov 22`, `Nov 22` (day and month names vary from run to run).
  { pattern: new RegExp(`\\b${WEEKDAY},? +${MONTH}\\b`, 'g'), replacement: '<date>' },
  { pattern: new RegExp(`\\b${MONTH}(?= +\\d)`, 'g'), replacement: '<date>' },
  { pattern: /\b\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\b/g, replacement: '<time>' },
  // docker ps ages and uptimes, where a unit changes along with the number.
  { pattern: /\b(?:About an? (?:minute|hour)|Less than a second|an? (?:minute|hour|day|week|month|year))\b/gi, replacement: '<duration>' },
  { pattern: new RegExp(`\\b\\d+(?:\\.\\d+)?(?:m\\d+(?:\\.\\d+)?)?\\s?(?:${UNITS})\\b`, 'g'), replacement: '<duration>' },
  // Container and image ids (12 or 64 hex digits), commit hashes, pointers.
  { pattern: /\b0x[0-9a-f]+\b/gi, replacement: 'N' },
  { pattern: /\b[0-9a-f]{12,}\b/g, replacement: '<id>' },
  // PIDs, namespace inode numbers, sizes, counters.
  { pattern: /\d+/g, replacement: 'N' },
];

/** Escapes a literal for a regular expression. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Normalizes a screen: each hostname (a whole word) becomes `<host>`, then NORMALIZE_RULES apply,
 * then runs of spaces collapse (a PID one digit longer shifts a column) and empty trailing rows
 * go. Applied to both sides of a comparison alike, so over-eager rules cannot cause a mismatch.
 */
export function normalizeScreen(screen: string, hostnames: readonly string[] = []): string {
  let text = screen;
  for (const host of hostnames.filter((h) => h !== '')) {
    text = text.replace(new RegExp(`(?<![\\w.-])${literal(host)}(?![\\w-])`, 'g'), '<host>');
  }
  for (const rule of NORMALIZE_RULES) text = text.replace(rule.pattern, rule.replacement);
  const lines = text.split('\n').map((line) => line.replace(/[ \t]+/g, ' ').trim());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}
