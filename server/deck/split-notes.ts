// Separates a slide's speaker notes (after a `Note:` line) from its content, fence-aware.
import { FenceTracker } from './fence-tracker.ts';

export interface SlideParts {
  readonly content: string;
  /** Notes Markdown (the text after `Note:` on its line included), or null. */
  readonly notes: string | null;
  /** Line offset of the notes' first line inside the slide. */
  readonly notesLine: number;
}

const NOTES = /^\s*notes?:\s?/i;

/** Splits at the first `Note:`/`Notes:` line outside a code fence, as reveal.js does. */
export function splitNotes(markdown: string): SlideParts {
  const lines = markdown.split('\n');
  const fences = new FenceTracker();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (fences.feed(line, i)) continue;
    if (NOTES.test(line)) {
      const first = line.replace(NOTES, '');
      return {
        content: lines.slice(0, i).join('\n'),
        notes: [first, ...lines.slice(i + 1)].join('\n'),
        notesLine: i,
      };
    }
  }
  return { content: markdown, notes: null, notesLine: 0 };
}
