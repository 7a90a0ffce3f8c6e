// A terminal buffer as the scripting API's text(): lines right-trimmed, trailing blanks gone.
import { describe, expect, it } from 'vitest';
import { bufferText, type TextBuffer } from '../../theme/demo/screen-text.ts';

function buffer(lines: string[]): TextBuffer {
  return {
    length: lines.length,
    getLine: (y) => (y < lines.length ? { translateToString: (trim) => (trim ? lines[y]!.replace(/\s+$/, '') : lines[y]!) } : undefined),
  };
}

describe('bufferText', () => {
  it('joins right-trimmed lines and drops trailing blank ones', () => {
    expect(bufferText(buffer(['$ hostname   ', 'vm', '$ ', '', '   ']))).toBe('$ hostname\nvm\n$');
  });

  it('keeps blank lines between output', () => {
    expect(bufferText(buffer(['a', '', 'b']))).toBe('a\n\nb');
  });

  it('is empty for an empty screen', () => {
    expect(bufferText(buffer(['', '', '']))).toBe('');
  });
});
