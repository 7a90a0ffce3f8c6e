// Inputs that must never throw, never blank the deck, and whose diagnostics point inside them.
import { describe, expect, it } from 'vitest';
import { compileFixture } from './compile-helpers.ts';

const NASTY: Record<string, string> = {
  empty: '',
  'only whitespace': '   \n\n\t\n',
  'only separators': '---\n---\n--\n---\n',
  'front matter never closed': '---\ntitle: x\n# Slide',
  'front matter not a mapping': '---\n- a\n- b\n---\n# x',
  'front matter with tabs': '---\ntitle:\t"x\n\tbad: [\n---\n# x',
  'unclosed fence': '# a\n```js\nlet x;\n---\n# b',
  'unclosed fence at the end': '```',
  'nested fences': '````md\n```js\n---\n```\n````\n---\n# after',
  'tilde fence unclosed': '~~~\n---\n~~~~~~~',
  'fence with backticks in info': '``` a`b\ncode\n```',
  'separators everywhere': Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? '---' : i % 3 === 1 ? '--' : 'x')).join('\n'),
  'huge line': 'a'.repeat(200_000),
  'huge code line': '```js\n' + 'x'.repeat(100_000) + '\n```',
  // Found by the compiler fuzzer: the Markdown grammar spends time polynomial in this line's
  // length (900 backticks: 9.5 s; 1,500: past the 30 s test time-out) unless lines past 200
  // characters stay plain, as they do now.
  'grammar-slow line in an unclosed Markdown block': '````md\n```js\n---\n```\n````\ufefftext<!-- .slide: "=" --># #### heading<!-- .slide: <script>' + '`'.repeat(1_500),
  'binary bytes': '\u0000\u0001\u0002\u001b[31m\uFFFD\uD800 stray surrogate\n---\n\u0007',
  'mixed line endings': '# a\r\n---\r# b\n--\r\n# c\r',
  bom: '\uFEFF---\ntitle: bom\n---\n# x',
  'deep nesting': '>'.repeat(500) + ' deep\n' + Array.from({ length: 200 }, (_, i) => ' '.repeat(i * 2) + '- item').join('\n'),
  'element comment with nothing before': '<!-- .element: class="x" -->',
  'slide comment with script': '<!-- .slide: onload="x()" data-a=1 --><!-- .slide: -->',
  'unterminated comments': '<!-- .slide: class="a"\n# x\n<!-- .element: class=',
  'bad line spec': '```js [1-|a|3-1|99999999999]\nx\n```',
  'demo with nothing': '```demo\n```',
  'demo with garbage keys': '```demo id=a id=b requires=,,, timeout=-1 cols=abc rows=1e9 cwd=../../etc\n$\n$ \n>\n\\\n```',
  'demo continuation at end': '```demo id=x\n$ echo \\\n```',
  'include escaping the project': '```c file=../../../../etc/passwd\n```',
  'include of a folder': '```c file=.\n```',
  'image outside the deck': '![x](../../../etc/passwd)',
  'image with odd URL': '![x](%E0%A4%A)',
  // Found by the compiler fuzzer (seed 1, input 100): decodeURI threw and the slide was lost.
  'image with a malformed escape and no alt': '![](%E0%A4%A)\n\n<!-- .element: class=',
  'remote image': '![x](https://example.invalid/x.png)',
  'note only': 'Note:',
  'html that never closes': '<div><section><table>\n---\n# x',
  'invalid separator regex': '---\nseparator: "("\nverticalSeparator: "["\n---\n# x',
  'theme that does not exist': '---\ntheme: comic-sans\nreveal: 3\n---\n# x',
};

describe('compiler on nasty input', () => {
  for (const [name, markdown] of Object.entries(NASTY)) {
    it(`survives ${name}`, async () => {
      const compiled = await compileFixture(markdown, 'nasty');
      expect(typeof compiled.html).toBe('string');
      const lines = markdown.split(/\r\n|\r|\n/).length;
      for (const d of compiled.diagnostics) {
        expect(d.line, `${d.code} at line ${d.line} of ${lines}`).toBeGreaterThanOrEqual(1);
        expect(d.line, `${d.code} at line ${d.line} of ${lines}`).toBeLessThanOrEqual(Math.max(lines, 1));
        expect(d.message.length).toBeGreaterThan(10);
        // A render-failed diagnostic means one of our rules threw and a slide was lost.
        expect(d.code, d.message).not.toBe('render-failed');
      }
    });
  }

  it('reports an unclosed fence and still renders the slides after it', async () => {
    const compiled = await compileFixture('# a\n```js\nlet x;\n---\n# b', 'nasty');
    expect(compiled.diagnostics.map((d) => [d.code, d.line])).toContainEqual(['fence-unclosed', 2]);
    expect(compiled.html).toContain('<h1>b</h1>');
  });

  it('renders an error slide first and the other slides after it', async () => {
    const compiled = await compileFixture('---\ntitle: [\n---\n# kept\n---\n# also kept', 'nasty');
    expect(compiled.html.indexOf('ptydeck-error')).toBeLessThan(compiled.html.indexOf('kept'));
    expect(compiled.html).toContain('<h1>also kept</h1>');
    expect(compiled.slideCount).toBe(2);
  });

  it('drops event handlers from slide attributes', async () => {
    const compiled = await compileFixture('<!-- .slide: onload="x()" class="a" -->\n# x', 'nasty');
    expect(compiled.html).not.toContain('onload');
    expect(compiled.html).toContain('class="a"');
  });

  it('reports an image whose URL has a malformed escape as missing, and renders its slide', async () => {
    const compiled = await compileFixture('# kept\n\n![x](%E0%A4%A)', 'nasty');
    expect(compiled.diagnostics.map((d) => [d.code, d.line])).toEqual([['image-missing', 3]]);
    expect(compiled.html).toContain('<h1>kept</h1>');
  });

  it('refuses includes and images outside the project', async () => {
    const compiled = await compileFixture('```c file=../../../../etc/passwd\n```\n\n![x](../../../etc/passwd)', 'nasty');
    expect(compiled.html).not.toContain('root:');
    expect(compiled.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['include-outside', 'image-outside']));
  });
});
