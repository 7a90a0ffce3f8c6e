// Generates Markdown for the compiler fuzzer: mutations of the real decks (lines cut, doubled,
// moved, fences broken, line endings mixed, bytes spliced in) and decks built from nasty
// pieces (unclosed and nested fences, separators everywhere, huge lines, binary bytes, a BOM,
// deep nesting, front matter that never closes, demo blocks and comments with broken options,
// includes of missing files). Pure: a Random and the source decks in, Markdown out.
import type { Random } from './fuzz-random.ts';

/** Longest line a nasty piece makes (characters): big enough to find quadratic work, small enough for a quick run. */
const HUGE_LINE = 50_000;
/** Deepest nesting a piece makes: far past anything a deck needs, and past markdown-it's own nesting limit. */
const DEEP = 400;

/** Nasty pieces, each a function so sizes and names vary with the draw. */
const PIECES: ReadonlyArray<(r: Random) => string> = [
  () => '```js\nlet x = 1;',
  () => '~~~\n---\n~~~~~~~',
  () => '````md\n```js\n---\n```\n````',
  () => '```\n```\n```',
  (r) => '`'.repeat(r.int(3, 12)) + r.pick(['', 'js', 'demo', 'demo id=x', 'c file=missing.c']) + '\n' + '`'.repeat(r.int(3, 12)),
  (r) => Array.from({ length: r.int(1, 60) }, () => r.pick(['---', '--', '----', '---  ', ' ---', '-- ', 'Note:', ''])).join('\n'),
  (r) => 'a'.repeat(r.int(1, HUGE_LINE)),
  (r) => '```js\n' + 'x'.repeat(r.int(1, HUGE_LINE)) + '\n```',
  (r) => r.codeUnits(r.int(1, 200)),
  (r) => r.string(r.int(1, 200), '\u0000\u0001\u0007\u0008\u000b\u000c\u001b\u007f\u0085\u2028\u2029\uFEFF\uFFFD\uD800\uDFFF'),
  () => '\uFEFF',
  (r) => r.pick(['\r\n', '\r', '\n', '\r\r\n', '\n\r']).repeat(r.int(1, 5)),
  (r) => '>'.repeat(r.int(1, DEEP)) + ' deep',
  (r) => Array.from({ length: r.int(1, DEEP / 2) }, (_, i) => ' '.repeat(i * 2) + r.pick(['- ', '1. ', '* ', '+ ']) + 'item').join('\n'),
  (r) => Array.from({ length: r.int(1, 100) }, (_, i) => '> '.repeat(i) + '- ' + '```').join('\n'),
  () => '---\ntitle: never closed\ntheme: ptydeck-dark',
  () => '---\n- a\n- b\n---',
  () => '---\ntitle: [\n---',
  () => '---\nseparator: "("\nverticalSeparator: "[\n---',
  (r) => '---\nseparator: "' + r.pick(['', '^', '$', '.*', '(a+)+$', '\\\\', '---']) + '"\n---',
  (r) => '---\n' + r.pick(['reveal: 3', 'reveal: [1,2]', 'theme: ../../etc', 'fallback: sometimes', 'lang: 1', 'title: !!binary AAAA', 'a: &a [*a]', 'x: ' + '['.repeat(200)]) + '\n---',
  (r) => '```demo ' + r.pick(['', 'id=', 'id=a id=a', 'id=UPPER', 'id=' + 'x'.repeat(300), 'requires=,,,', 'timeout=-1', 'timeout=1e999', 'cols=abc rows=1e9', 'cwd=../../etc', 'title="unclosed', "title='x", 'interactive=maybe', '=', '==', '"', 'id=a b=c d']) + '\n' + r.pick(['', '$', '$ ', '$ echo \\', '>', 'teardown:', 'teardown:\n$ true', 'setup:\n$ false', '$ echo a\nout\n$ echo b']) + '\n```',
  (r) => '```demo id=d' + r.int(0, 3) + '\n$ echo same id\n```',
  (r) => '<!-- .slide: ' + r.pick(['', 'class="a"', 'onload="x()"', 'data-x=1 data-x=2', 'class="unclosed', '"="', 'data-' + 'a'.repeat(500) + '=1', '<script>']) + r.pick([' -->', '', ' --', '-->-->']),
  (r) => '<!-- .element: ' + r.pick(['', 'class="fragment"', 'style="x" onclick="y"', 'class=', "data-a='b"]) + r.pick([' -->', '']),
  () => '<!--',
  () => '-->',
  (r) => '```' + r.pick(['c', 'bash', 'python', '']) + ' file=' + r.pick(['missing.c', '../x', '/etc/passwd', '', '.', 'demos', 'demos/chroot/jail.py lines=9999-1', 'demos/chroot/jail.py lines=a-b', '"a b"', '%00']) + '\n```',
  (r) => '```js [' + r.pick(['', '1-', '|', 'a', '3-1', '99999999999', '1,,2', '0', '-5', '1-2|3|']) + ']\nx\ny\n```',
  (r) => '![' + r.pick(['', 'x']) + '](' + r.pick(['', 'missing.png', '../../../etc/passwd', '%E0%A4%A', 'javascript:alert(1)', 'data:text/html,x', 'https://example.invalid/x.png', 'images/' + 'a'.repeat(300)]) + ')',
  (r) => '*a **a'.repeat(r.int(1, 3000)),
  (r) => '['.repeat(r.int(1, 10_000)) + ']'.repeat(r.int(0, 10_000)),
  (r) => '<'.repeat(r.int(1, 5000)) + 'div>',
  (r) => '|a|b|\n|-|-|\n' + '|x|y|\n'.repeat(r.int(1, 500)),
  (r) => '<div><section><table>'.repeat(r.int(1, 50)),
  () => 'Note:',
  () => 'Note:\n---\nNote:\n--',
  (r) => '[a]: ' + r.pick(['<', 'http://x "', '']) + '\n[a]',
  (r) => '\\'.repeat(r.int(1, 1000)),
  (r) => '`'.repeat(r.int(1, 2000)),
  (r) => '$$\n' + 'x'.repeat(r.int(0, 100)),
  (r) => '# ' + '#'.repeat(r.int(0, 20)) + ' heading',
  (r) => '&' + r.pick(['#x110000;', '#0;', '#xD800;', 'amp', 'notanentity;', '#99999999999;']),
];

/** A deck made of nasty pieces, with a chance of real text between them. */
export function nastyDeck(random: Random): string {
  const parts: string[] = [];
  for (let i = random.int(1, 12); i > 0; i--) {
    parts.push(random.pick(PIECES)(random));
    if (random.chance(0.5)) parts.push(random.pick(['---', '--', '', '# Title', 'text', 'Note: a note']));
  }
  return parts.join(random.pick(['\n', '\n\n', '\r\n', '\r', '']));
}

/** One mutation of a deck's lines. */
function mutateLines(random: Random, lines: string[], donors: readonly string[]): void {
  const at = random.int(0, lines.length);
  const span = random.int(1, Math.min(40, Math.max(1, lines.length)));
  switch (random.int(0, 11)) {
    case 0:
      lines.splice(at, span);
      break;
    case 1:
      lines.splice(at, 0, ...lines.slice(at, at + span));
      break;
    case 2: {
      const moved = lines.splice(at, span);
      lines.splice(random.int(0, lines.length), 0, ...moved);
      break;
    }
    case 3:
      lines.splice(at, 0, ...random.pick(PIECES)(random).split('\n'));
      break;
    case 4:
      lines.length = Math.min(lines.length, at);
      break;
    case 5: {
      // A fence line changed: opened, closed, lengthened, turned to tildes.
      const fences = lines.flatMap((l, i) => (/^\s*(```|~~~)/.test(l) ? [i] : []));
      if (fences.length === 0) break;
      const i = random.pick(fences);
      lines[i] = random.pick(['', '````', '~~~', '```demo', '```js [1|', lines[i]!.replace(/`/g, '~'), lines[i] + ' id=x id=y', '  ' + lines[i]]);
      break;
    }
    case 6:
      lines[Math.min(at, lines.length - 1)] = (lines[Math.min(at, lines.length - 1)] ?? '') + random.pick(['\r', '\r\n', '\u0000', '\uFEFF', '\uD800', ' -->', ' <!--', '`', '\\']);
      break;
    case 7:
      lines.splice(at, 0, ...Array.from({ length: random.int(1, 8) }, () => random.pick(['---', '--', 'Note:', ''])));
      break;
    case 8: {
      // A piece of another deck spliced in.
      const donor = random.pick(donors).split('\n');
      const from = random.int(0, donor.length);
      lines.splice(at, 0, ...donor.slice(from, from + random.int(1, 80)));
      break;
    }
    case 9: {
      // Characters cut out of a line, or bytes inserted.
      const i = Math.min(at, lines.length - 1);
      const line = lines[i] ?? '';
      const cut = random.int(0, line.length);
      lines[i] = random.chance(0.5) ? line.slice(0, cut) + line.slice(cut + random.int(1, 10)) : line.slice(0, cut) + random.codeUnits(random.int(1, 8)) + line.slice(cut);
      break;
    }
    case 10:
      // The front matter's closing line removed, or a second opening added.
      if (random.chance(0.5)) {
        const close = lines.indexOf('---', 1);
        if (close > 0) lines.splice(close, 1);
      } else lines.unshift('---');
      break;
    default:
      for (let i = random.int(1, 3); i > 0 && lines.length > 0; i--) lines.splice(random.int(0, lines.length - 1), 1, random.pick(['```', '```demo id=fuzz', '<!-- .slide: class="x"', '$ echo \\']));
  }
}

/** Share of mutations made on a window of a deck rather than the whole (see mutatedDeck). */
const WINDOW_SHARE = 0.7;

/** A real deck (or a window of it) with 1–8 mutations. */
export function mutatedDeck(random: Random, decks: readonly string[]): string {
  const whole = random.pick(decks).split('\n');
  // Mostly a window of the deck: a whole deck takes a few hundred ms to highlight, a window tens.
  const from = random.chance(WINDOW_SHARE) ? random.int(0, whole.length - 1) : 0;
  const lines = from === 0 && random.chance(0.5) ? whole : whole.slice(from, from + random.int(10, 150));
  for (let i = random.int(1, 8); i > 0; i--) mutateLines(random, lines, decks);
  const joined = lines.join('\n');
  // Now and then the whole file's line endings changed, or a BOM put first.
  if (random.chance(0.1)) return joined.replace(/\n/g, random.pick(['\r\n', '\r']));
  if (random.chance(0.05)) return '\uFEFF' + joined;
  return joined;
}

/** The next input: half mutations of the real decks, half nasty decks. */
export function nextMarkdown(random: Random, decks: readonly string[]): { kind: 'mutated' | 'nasty'; markdown: string } {
  return random.chance(0.5) ? { kind: 'mutated', markdown: mutatedDeck(random, decks) } : { kind: 'nasty', markdown: nastyDeck(random) };
}

/** Lines of an input as the compiler counts them (\r\n, \r and \n each end a line). */
export function lineCount(markdown: string): number {
  return markdown.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).length;
}
