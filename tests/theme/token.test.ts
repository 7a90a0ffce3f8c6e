// The presenter token in the URL hash: found, taken out, and the slide part of the hash kept.
import { describe, expect, it } from 'vitest';
import { splitTokenFromHash } from '../../theme/demo/token.ts';

describe('splitTokenFromHash', () => {
  it('takes the token out of a hash that holds only it', () => {
    expect(splitTokenFromHash('#token=abc_DEF-123')).toEqual({ token: 'abc_DEF-123', hash: '' });
  });

  it('keeps the slide of a reveal hash before or after the token', () => {
    expect(splitTokenFromHash('#/2/1&token=abc')).toEqual({ token: 'abc', hash: '#/2/1' });
    expect(splitTokenFromHash('#token=abc&/2/1')).toEqual({ token: 'abc', hash: '#/2/1' });
  });

  it('leaves a hash without a token alone', () => {
    expect(splitTokenFromHash('#/3')).toEqual({ token: null, hash: '#/3' });
    expect(splitTokenFromHash('')).toEqual({ token: null, hash: '' });
  });

  it('decodes a percent-escaped token', () => {
    expect(splitTokenFromHash('#token=a%2Bb')).toEqual({ token: 'a+b', hash: '' });
  });

  it('strips but refuses an empty, malformed or non-printable token', () => {
    expect(splitTokenFromHash('#token=')).toEqual({ token: null, hash: '' });
    expect(splitTokenFromHash('#token=%E0%A4%A')).toEqual({ token: null, hash: '' });
    expect(splitTokenFromHash('#token=a%20b')).toEqual({ token: null, hash: '' });
    expect(splitTokenFromHash(`#token=${'x'.repeat(600)}`)).toEqual({ token: null, hash: '' });
  });

  it('reads a hash without its leading #', () => {
    expect(splitTokenFromHash('token=abc')).toEqual({ token: 'abc', hash: '' });
  });
});
