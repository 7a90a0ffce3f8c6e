// Pulls `<!-- .slide: … -->` comments out of a slide's Markdown and returns their attributes.
import type { Attributes } from './html-attributes.ts';
import { parseAttributes } from './html-attributes.ts';
import { FenceTracker } from './fence-tracker.ts';

const SLIDE_COMMENT = /<!--\s*\.slide:\s*([\s\S]*?)-->/g;

export interface SlideAttributes {
  readonly markdown: string;
  readonly attributes: Attributes;
  /** Refused attribute names with the 0-based line they were on. */
  readonly refused: ReadonlyArray<{ name: string; line: number }>;
}

/** Removes `.slide:` comments outside code fences, collecting their attributes. */
export function extractSlideAttributes(markdown: string): SlideAttributes {
  const lines = markdown.split('\n');
  const fences = new FenceTracker();
  const attributes: Array<readonly [string, string]> = [];
  const refused: Array<{ name: string; line: number }> = [];
  const out = lines.map((line, index) => {
    if (fences.feed(line, index) || !line.includes('.slide:')) return line;
    return line.replace(SLIDE_COMMENT, (_match, body: string) => {
      const parsed = parseAttributes(body);
      attributes.push(...parsed.attributes);
      for (const name of parsed.refused) refused.push({ name, line: index });
      return '';
    });
  });
  return { markdown: out.join('\n'), attributes, refused };
}
