import { describe, expect, it } from 'vitest';
import { createAsciicastWriter, formatHeaderLine } from '../../protocol/asciicast/write.ts';

const SIZE = { cols: 80, rows: 24 } as const;

/** Whether a string holds a surrogate that is not half of a pair. */
function hasLoneSurrogate(text: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

describe('the v3 header line', () => {
  it('is one line of compact JSON with fields in the order asciinema writes them', () => {
    const line = formatHeaderLine({
      ...SIZE,
      termType: 'xterm-256color',
      timestamp: 1504467315.75,
      idleTimeLimit: 2,
      command: '/bin/bash',
      title: 'Demo',
      env: { SHELL: '/bin/bash' },
      tags: ['demo'],
    });
    expect(line).toBe(
      '{"version":3,"term":{"cols":80,"rows":24,"type":"xterm-256color"},"timestamp":1504467315,' +
        '"idle_time_limit":2,"command":"/bin/bash","title":"Demo","env":{"SHELL":"/bin/bash"},"tags":["demo"]}\n',
    );
  });

  it('leaves out absent fields and an empty env, like the minimal header of the specification', () => {
    expect(formatHeaderLine({ ...SIZE, env: {} })).toBe('{"version":3,"term":{"cols":80,"rows":24}}\n');
  });

  it('writes ptydeck\'s fields under their own key, last', () => {
    const ptydeck = {
      deck: 'talk',
      demo: 'pid-ns',
      hash: 'abc',
      version: '0.1.0',
      host: { kernel: '6.1.0', distro: 'Debian GNU/Linux 12 (bookworm)', docker: '20.10.24' },
    };
    const line = formatHeaderLine({ ...SIZE, title: 't', ptydeck });
    expect(line).toMatch(/"title":"t","ptydeck":\{"deck":"talk",.*"docker":"20.10.24"\}\}\}\n$/);
  });

  it('refuses a terminal size that is not two positive integers', () => {
    expect(() => formatHeaderLine({ cols: 0, rows: 24 })).toThrow(/terminal size/);
    expect(() => formatHeaderLine({ cols: 80.5, rows: 24 })).toThrow(/80.5x24/);
  });
});

describe('event lines', () => {
  it('write each interval relative to the previous event, trailing zeros trimmed', () => {
    const w = createAsciicastWriter(SIZE);
    const lines = [
      w.output(0.248, 'Hello'),
      w.marker(3.748),
      w.resize(5.798, 90, 30),
      w.input(7.798, 'q'),
      w.marker(8.0, 'Configuration'),
      w.exit(8.887, 0),
    ];
    expect(lines).toEqual([
      '[0.248, "o", "Hello"]\n',
      '[3.5, "m", ""]\n',
      '[2.05, "r", "90x30"]\n',
      '[2.0, "i", "q"]\n',
      '[0.202, "m", "Configuration"]\n',
      '[0.887, "x", "0"]\n',
    ]);
  });

  it('never write more than six decimals, nor a negative interval when the clock steps back', () => {
    const w = createAsciicastWriter(SIZE);
    expect(w.output(0.1 + 0.2, 'a')).toBe('[0.3, "o", "a"]\n');
    expect(w.output(1 / 7, 'b')).toBe('[0.0, "o", "b"]\n');
    expect(w.output(1 + 1 / 7, 'c')).toBe('[0.842857, "o", "c"]\n');
  });

  it('escape control characters, DEL and C1 controls as \\u escapes and keep printable Unicode raw', () => {
    const w = createAsciicastWriter(SIZE);
    const line = w.output(0, '\u001b[1m"quoted" \\ tab\t bell\u0007 del\u007f csi\u009b 안녕 🐳\r\n');
    expect(line).toBe(
      '[0.0, "o", "\\u001b[1m\\"quoted\\" \\\\ tab\\t bell\\u0007 del\\u007f csi\\u009b 안녕 🐳\\r\\n"]\n',
    );
    expect(JSON.parse(line)[2]).toBe('\u001b[1m"quoted" \\ tab\t bell\u0007 del\u007f csi\u009b 안녕 🐳\r\n');
  });

  it('hold back a first surrogate half at the end of a chunk until the rest arrives', () => {
    const w = createAsciicastWriter(SIZE);
    const [high, low] = ['\ud83d', '\udc33'];
    expect(w.output(0.1, `whale ${high}`)).toBe('[0.1, "o", "whale "]\n');
    expect(w.output(0.3, `${low}!`)).toBe('[0.2, "o", "\ud83d\udc33!"]\n');
    expect(w.output(0.4, high)).toBe('');
    expect(w.output(0.5, low)).toBe('[0.2, "o", "\ud83d\udc33"]\n');
  });

  it('never write a lone surrogate: an unpaired half becomes U+FFFD', () => {
    const w = createAsciicastWriter(SIZE);
    const lines = [w.output(0, 'a\udc33b'), w.output(1, 'c\ud83d'), w.output(2, 'd'), w.input(3, '\ud83d')];
    const flushed = w.exit(4, 1);
    expect(lines).toEqual(['[0.0, "o", "a\uFFFDb"]\n', '[1.0, "o", "c"]\n', '[1.0, "o", "\uFFFDd"]\n', '']);
    expect(flushed).toBe('[2.0, "i", "\uFFFD"]\n[0.0, "x", "1"]\n');
    expect(lines.concat(flushed).some(hasLoneSurrogate)).toBe(false);
  });

  it('keep output and input halves apart', () => {
    const w = createAsciicastWriter(SIZE);
    expect(w.output(0, '\ud83d') + w.input(1, '\ud83c') + w.input(2, '\udf89') + w.output(3, '\udc33')).toBe(
      '[2.0, "i", "🎉"]\n[1.0, "o", "🐳"]\n',
    );
  });

  it('write intervals in milliseconds with the rounding carried when asked for three decimals', () => {
    const w = createAsciicastWriter(SIZE, { decimals: 3 });
    const lines = [1, 2, 3].map((k) => w.output(k / 3, 'x'));
    expect(lines).toEqual(['[0.333, "o", "x"]\n', '[0.334, "o", "x"]\n', '[0.333, "o", "x"]\n']);
  });

  it('throw on a time, size, status or precision the caller should never pass', () => {
    const w = createAsciicastWriter(SIZE);
    expect(() => w.output(-1, 'x')).toThrow(/event time/);
    expect(() => w.output(Number.NaN, 'x')).toThrow(/event time/);
    expect(() => w.resize(1, 0, 24)).toThrow(/terminal size/);
    expect(() => w.exit(1, 1.5)).toThrow(/exit status/);
    expect(() => createAsciicastWriter(SIZE, { decimals: 7 })).toThrow(/decimals/);
  });
});
