// A terminal buffer as plain text: the scripting API's `text()` and what tests compare.

/** The part of xterm.js's IBuffer this reads (so tests can hand in a fake). */
export interface TextBuffer {
  readonly length: number;
  getLine(y: number): { translateToString(trimRight?: boolean): string } | undefined;
}

/** Every line of `buffer`, right-trimmed, with trailing blank lines dropped. */
export function bufferText(buffer: TextBuffer): string {
  const lines: string[] = [];
  for (let y = 0; y < buffer.length; y += 1) lines.push(buffer.getLine(y)?.translateToString(true) ?? '');
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  return lines.join('\n');
}
