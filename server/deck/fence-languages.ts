// Finds the languages a deck's code fences name, so their grammars load before rendering.

const FENCE = /^ {0,3}(?:`{3,}|~{3,})\s*([^\s`[{]+)/gm;

/** The first word of every fence's info string (including `demo`, which needs no grammar). */
export function fenceLanguages(markdown: string): Set<string> {
  const langs = new Set<string>();
  for (const match of markdown.matchAll(FENCE)) langs.add(match[1]!.toLowerCase());
  langs.delete('demo');
  return langs;
}
