// A built deck page holds its stylesheets (build-site.ts, INLINE_STYLE_MAX_BYTES): slide 1 waits
// for no request but the page's. A theme too big to repeat in every page (a reveal.js theme with
// its fonts embedded) stays a linked file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILES } from '../../protocol/browser-bundle.ts';
import { buildSite, INLINE_STYLE_MAX_BYTES } from '../../server/site/build-site.ts';
import { findDecks } from '../../server/site/find-decks.ts';
import { renderDeckPage } from '../../server/site/render-page.ts';
import { loadDeck } from '../../server/site/load-deck.ts';
import { themeCss } from '../../server/site/theme-css.ts';

/** The <link rel="stylesheet"> and <style> elements of a page's head, in order, bodies left out. */
function styleElements(html: string): string[] {
  const head = html.slice(0, html.indexOf('</head>'));
  return [...head.matchAll(/<link rel="stylesheet"[^>]*>|<style[^>]*>/g)].map((m) => m[0]);
}

/** The text of the page's <style> elements, in order. */
function styleTexts(html: string): string[] {
  return [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
}

describe('a built deck page and its stylesheets', () => {
  let root: string;
  let out: string;
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-inline-styles-'));
    fs.mkdirSync(path.join(root, 'slides'));
    fs.writeFileSync(path.join(root, 'package.json'), '{}');
    fs.writeFileSync(path.join(root, 'slides/own.md'), '---\ntheme: ptydeck-dark\n---\n# Own theme\n');
    fs.writeFileSync(path.join(root, 'slides/reveal.md'), '---\ntheme: white\n---\n# A reveal.js theme\n');
    const set = findDecks(path.join(root, 'slides'));
    if ('error' in set) throw new Error(set.error);
    out = path.join(root, 'site');
    await buildSite(set, out);
  }, 120_000);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  const page = (deck: string) => fs.readFileSync(path.join(out, deck, 'index.html'), 'utf8');

  it("holds the bundle's styles and a ptydeck theme, theme last, and the site has no file of either", () => {
    const html = page('own');
    expect(styleElements(html)).toEqual(['<style>', '<style data-ptydeck-theme>']);
    const [bundle, theme] = styleTexts(html);
    expect(bundle).toContain('.reveal'); // reveal.js's layout, in the bundle
    expect(theme).toBe(themeCss('ptydeck-dark'));
    expect(fs.existsSync(path.join(out, 'assets', BUNDLE_FILES.style))).toBe(false);
    expect(fs.existsSync(path.join(out, 'assets/themes/ptydeck-dark.css'))).toBe(false);
    // The part loaded later keeps its file: it is not on slide 1's way.
    expect(fs.existsSync(path.join(out, 'assets', BUNDLE_FILES.demosStyle))).toBe(true);
  });

  it('links a theme bigger than the limit, and writes its file once for every deck that uses it', () => {
    const file = path.join(out, 'assets/themes/white.css');
    expect(fs.statSync(file).size).toBeGreaterThan(INLINE_STYLE_MAX_BYTES);
    expect(fs.readFileSync(file, 'utf8')).toBe(themeCss('white'));
    expect(styleElements(page('reveal'))).toEqual(['<style>', '<link rel="stylesheet" data-ptydeck-theme href="../assets/themes/white.css">']);
  });

  it('keeps `</style` inside a stylesheet from ending its element', async () => {
    const set = findDecks(path.join(root, 'slides'));
    if ('error' in set) throw new Error(set.error);
    const compiled = await loadDeck(set, set.decks[0]!, 'none');
    const css = '.a::after { content: "</style><script>alert(1)</script>"; } .b { color: red }';
    const html = renderDeckPage(compiled, { styles: [{ css }], scripts: [] });
    // An HTML parser ends a <style> at its first `</style`: the whole rule must come before it.
    expect(styleTexts(html)).toEqual(['.a::after { content: "<\\/style><script>alert(1)</script>"; } .b { color: red }']);
  });
});
