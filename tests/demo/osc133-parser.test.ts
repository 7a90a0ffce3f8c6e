// The OSC 133 parser: marks found and removed, in order, however the stream is cut into chunks.

import { describe, expect, it } from 'vitest';
import { Osc133Parser, OSC133_MAX_PENDING_CHARS, type Osc133Piece } from '../../server/demo/osc133-parser.ts';

const PROMPT = '\x1b]133;D;0\x07\x1b]133;A\x07$ \x1b]133;B\x07';
const STREAM = `${PROMPT}echo hi\r\n\x1b]133;C\x07hi\r\n\x1b]133;D;3\x1b\\\x1b]133;A\x07$ \x1b]133;B\x07`;

function parseAll(chunks: readonly string[]): Osc133Piece[] {
  const parser = new Osc133Parser();
  return merge([...chunks.flatMap((c) => parser.push(c)), ...parser.flush()]);
}

/** Joins adjacent text pieces, so results compare the same however the input was cut. */
function merge(pieces: Osc133Piece[]): Osc133Piece[] {
  const out: Osc133Piece[] = [];
  for (const piece of pieces) {
    const last = out[out.length - 1];
    if (piece.type === 'text' && last?.type === 'text') out[out.length - 1] = { type: 'text', text: last.text + piece.text };
    else out.push(piece);
  }
  return out;
}

const EXPECTED: Osc133Piece[] = [
  { type: 'mark', mark: { kind: 'command-finished', exitCode: 0 } },
  { type: 'mark', mark: { kind: 'prompt-start' } },
  { type: 'text', text: '$ ' },
  { type: 'mark', mark: { kind: 'prompt-end' } },
  { type: 'text', text: 'echo hi\r\n' },
  { type: 'mark', mark: { kind: 'output-start' } },
  { type: 'text', text: 'hi\r\n' },
  { type: 'mark', mark: { kind: 'command-finished', exitCode: 3 } },
  { type: 'mark', mark: { kind: 'prompt-start' } },
  { type: 'text', text: '$ ' },
  { type: 'mark', mark: { kind: 'prompt-end' } },
];

describe('Osc133Parser', () => {
  it('finds A, B, C and D marks with BEL or ST terminators and keeps the text between them', () => {
    expect(parseAll([STREAM])).toEqual(EXPECTED);
  });

  it('gives the same pieces when the stream is cut at every possible point', () => {
    for (let cut = 0; cut <= STREAM.length; cut++) {
      expect(parseAll([STREAM.slice(0, cut), STREAM.slice(cut)]), `cut at ${cut}`).toEqual(EXPECTED);
    }
  });

  it('gives the same pieces when the stream arrives one character at a time', () => {
    expect(parseAll([...STREAM])).toEqual(EXPECTED);
  });

  it('passes other escape sequences through as text, including ones that start like a mark', () => {
    const text = '\x1b[31mred\x1b[0m \x1b]0;title\x07 \x1b]1337;x\x07 \x1b]13;y\x07';
    expect(parseAll([text])).toEqual([{ type: 'text', text }]);
    expect(parseAll([text.slice(0, 20), text.slice(20)])).toEqual([{ type: 'text', text }]);
  });

  it('reads a D mark without a status, or with extra fields, and ignores unknown letters', () => {
    expect(parseAll(['\x1b]133;D\x07\x1b]133;D;130;aid=7\x07\x1b]133;P;k=v\x07x'])).toEqual([
      { type: 'mark', mark: { kind: 'command-finished', exitCode: null } },
      { type: 'mark', mark: { kind: 'command-finished', exitCode: 130 } },
      { type: 'text', text: 'x' },
    ]);
  });

  it('drops a mark cut short by another escape, as a terminal would', () => {
    expect(parseAll(['a\x1b]133;A\x1b[0mb'])).toEqual([{ type: 'text', text: 'a\x1b[0mb' }]);
  });

  it('holds back a split mark and nothing else: text before it comes out at once', () => {
    const parser = new Osc133Parser();
    expect(parser.push('hello \x1b]13')).toEqual([{ type: 'text', text: 'hello ' }]);
    expect(parser.push('3;B\x07world')).toEqual([
      { type: 'mark', mark: { kind: 'prompt-end' } },
      { type: 'text', text: 'world' },
    ]);
  });

  it('gives up on an unterminated prefix longer than any mark, so it cannot swallow the stream', () => {
    const junk = `\x1b]133;${'x'.repeat(OSC133_MAX_PENDING_CHARS)}`;
    expect(parseAll([junk, 'tail'])).toEqual([{ type: 'text', text: `${junk}tail` }]);
  });

  it('returns a partial sequence at the end of the stream as text on flush', () => {
    const parser = new Osc133Parser();
    expect(parser.push('x\x1b]133;')).toEqual([{ type: 'text', text: 'x' }]);
    expect(parser.flush()).toEqual([{ type: 'text', text: '\x1b]133;' }]);
  });
});
