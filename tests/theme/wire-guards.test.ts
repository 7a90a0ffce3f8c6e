import { describe, expect, it } from 'vitest';
import { outputOf } from '../../theme/demo/wire-guards.ts';

const ref = { deck: 'd', id: 'x', seq: 3 };

describe('outputOf (what the page takes from a demo:output payload)', () => {
  it('hands ASCII text on as the same string: xterm.js writes it as it is, with no UTF-8 round trip', () => {
    const text = 'echo m1x\r\n$ ';
    const output = outputOf({ ...ref, data: text });
    expect(output).toEqual({ ...ref, data: text });
    expect(output?.data).toBe(text);
  });

  it('takes binary output as bytes: a browser ArrayBuffer wrapped, a Node Buffer as it is', () => {
    const bytes = new TextEncoder().encode('caf\u00e9');
    const fromBrowser = outputOf({ ...ref, data: bytes.buffer });
    expect(fromBrowser?.data).toBeInstanceOf(Uint8Array);
    expect([...(fromBrowser!.data as Uint8Array)]).toEqual([...bytes]);
    const buffer = Buffer.from(bytes);
    expect(outputOf({ ...ref, data: buffer })?.data).toBe(buffer);
  });

  it('refuses a payload without a deck, id, seq or data of a known kind', () => {
    expect(outputOf({ ...ref, data: 42 })).toBeNull();
    expect(outputOf({ ...ref, data: null })).toBeNull();
    expect(outputOf({ deck: 'd', id: 'x', data: 'a' })).toBeNull();
    expect(outputOf({ ...ref, deck: 1, data: 'a' })).toBeNull();
    expect(outputOf('demo')).toBeNull();
  });
});
