// plainText: raw terminal output rendered as the text a person reads.

import { describe, expect, it } from 'vitest';
import { plainText } from '../../server/demo/plain-text.ts';

describe('plainText', () => {
  it('removes colours, modes and OSC strings and turns CRLF into LF', () => {
    expect(plainText('\x1b[?2004l\r\x1b[01;34mdir\x1b[0m\r\n\x1b]0;t\x07file\r\n')).toBe('dir\nfile');
  });

  it('lets a carriage return overwrite the line, as a progress bar does', () => {
    expect(plainText('10%\r50%\r100%\r\n')).toBe('100%');
    expect(plainText('abcdef\rXY\n')).toBe('XYcdef');
  });

  it('applies backspaces and trims trailing spaces and empty lines', () => {
    expect(plainText('ab\bc  \r\n\r\n\r\n')).toBe('ac');
  });

  it('keeps UTF-8 text and tabs', () => {
    expect(plainText('한글\tok\r\n')).toBe('한글\tok');
  });
});
