// Every heading and list item of each source talk appears in its deck (after the deck's
// declared typo fixes), and every link of the talk is kept.
import fs from 'node:fs';
import path from 'node:path';
import markdownit from 'markdown-it';
import type { Token } from 'markdown-it';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const TALKS = path.resolve(ROOT, '../shared/talks');
const MAPS = path.join(ROOT, 'tests/talks');

interface TalkMap {
  readonly source: string;
  readonly fixes: Readonly<Record<string, string>>;
}

/** Lower-cased words without Markdown punctuation, links reduced to their text. */
function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .toLowerCase()
    .replace(/[“”„‘’"'`*_#>|\\.,:;!?()[\]{}…–—-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function inlineText(token: Token): string {
  return (token.children ?? [])
    .map((c) => (c.type === 'text' || c.type === 'code_inline' ? c.content : c.type === 'softbreak' ? ' ' : ''))
    .join('');
}

/** Headings and list items of a Markdown talk, as plain text. */
function markdownItems(source: string): string[] {
  const tokens = markdownit().parse(source, {});
  const items: string[] = [];
  tokens.forEach((token, i) => {
    const next = tokens[i + 1];
    if (token.type === 'heading_open' && next?.type === 'inline') items.push(inlineText(next));
    if (token.type === 'list_item_open') {
      const inline = tokens.slice(i + 1).find((t) => t.type === 'inline' || t.type === 'list_item_close');
      if (inline?.type === 'inline') items.push(inlineText(inline));
    }
  });
  return items;
}

/** Headings (lines in capitals) and list items ("- …") of the plain-text talk. */
function textItems(source: string): string[] {
  return source
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => (/^-\s+\S/.test(l)) || (/[A-Z]{3}/.test(l) && l === l.toUpperCase()))
    .map((l) => l.replace(/^-\s+/, ''));
}

function links(source: string): string[] {
  return [...source.matchAll(/https?:\/\/[^\s)>\]]+/g)].map((m) => m[0].replace(/[.,]$/, ''));
}

const maps = fs.existsSync(MAPS) ? fs.readdirSync(MAPS).filter((f) => f.endsWith('.json')) : [];

describe('the five talks are in their decks', () => {
  it('has a map for each of the five talks', () => {
    const sources = maps.map((f) => (JSON.parse(fs.readFileSync(path.join(MAPS, f), 'utf8')) as TalkMap).source).sort();
    expect(sources).toEqual(fs.readdirSync(TALKS).sort());
  });

  for (const file of maps) {
    const deck = file.replace(/\.json$/, '');
    const map = JSON.parse(fs.readFileSync(path.join(MAPS, file), 'utf8')) as TalkMap;
    let source = fs.readFileSync(path.join(TALKS, map.source), 'utf8');
    for (const [wrong, right] of Object.entries(map.fixes)) source = source.split(wrong).join(right);
    const deckText = () => normalize(fs.readFileSync(path.join(ROOT, 'slides', `${deck}.md`), 'utf8'));

    it(`${deck} keeps every heading and list item of ${map.source}`, () => {
      const items = map.source.endsWith('.md') ? markdownItems(source) : textItems(source);
      expect(items.length).toBeGreaterThan(5);
      const text = deckText();
      const missing = items.map(normalize).filter((item) => item !== '' && !text.includes(item));
      expect(missing).toEqual([]);
    });

    it(`${deck} keeps every link of ${map.source}`, () => {
      const raw = fs.readFileSync(path.join(ROOT, 'slides', `${deck}.md`), 'utf8');
      const missing = links(source).filter((url) => !raw.includes(url));
      expect(missing).toEqual([]);
    });
  }
});
