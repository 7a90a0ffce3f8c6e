import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readAsciicast } from '../../protocol/asciicast/read.ts';
import { fixture } from './fixture.ts';

const FIXTURES = readdirSync(new URL('../fixtures/asciicast/', import.meta.url));

/** Inputs a careless caller or a damaged disk could hand the reader. */
const NASTY = [
  '', ' ', '\n', '\r\n', '\uFEFF', '#', '# only a comment\n', '{', '}', '[', ']', '[]', '{}', 'null', 'true', '0',
  '"text"', '{"version":3}', '{"version":"3","term":{"cols":80,"rows":24}}', '{"version":3,"term":null}',
  '{"version":3,"term":{"cols":1e400,"rows":24}}', '{"version":1,"width":80,"height":24}',
  '{"version":1,"width":80,"height":24,"stdout":[null,[1],["x","y"],[-1,"a"],[1e400,"b"],[1,2]]}',
  '{"version":2,"width":80,"height":24}\n[null, null, null]\n[1e999, "o", "x"]\n[-5, "o", "x"]\n[1, 7, "x"]',
  '{"version":3,"term":{"cols":80,"rows":24}}\n[1, "", ""]\n[1, "r", "80x"]\n[1, "x", "zero"]\n[1, "o", null]',
  '{"version":3,"term":{"cols":80,"rows":24},"env":[],"tags":"x","theme":1,"ptydeck":[]}\n',
  '{"__proto__":{"version":3},"version":3,"term":{"cols":80,"rows":24}}\n',
  '\u0000\u0001\u0002', '\ud800', '{"version":3,"term":{"cols":80,"rows":24}}\n["\ud800", "o", "\udc00"]',
];

describe('readAsciicast never throws', () => {
  it('on values a careless caller could pass', () => {
    for (const input of NASTY) expect(() => readAsciicast(input)).not.toThrow();
    expect(readAsciicast(undefined as unknown as string)).toMatchObject({ ok: false });
  });

  it('on any prefix of any fixture, as a recording cut off at every character would be', () => {
    for (const name of FIXTURES) {
      const text = fixture(name);
      for (let end = 0; end <= text.length; end++) {
        const result = readAsciicast(text.slice(0, end));
        expect(typeof result.ok).toBe('boolean');
      }
    }
  });

  it('on fixtures with characters swapped at random', () => {
    let state = 7;
    const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = '{}[]",:0123456789.-eE\\\n\r#xomir \ud83d\udc33';
    for (const name of FIXTURES) {
      const text = fixture(name);
      for (let round = 0; round < 200; round++) {
        const chars = [...text];
        for (let k = 0; k < 3; k++) {
          chars[Math.floor(random() * chars.length)] = alphabet[Math.floor(random() * alphabet.length)] ?? '';
        }
        expect(() => readAsciicast(chars.join(''))).not.toThrow();
      }
    }
  });
});
