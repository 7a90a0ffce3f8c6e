// node-pty itself: a character split over two pty reads comes out whole, because it decodes as a stream.

import { spawn } from 'node-pty';
import { describe, expect, it } from 'vitest';
import { PTY_TEST_TIMEOUT_MS } from './session-harness.ts';

/** '한' (U+D55C) is ED 95 9C: print two bytes, pause longer than any read, then the third. */
const SPLIT_HAN = "printf '\\355\\225'; sleep 0.3; printf '\\234'";

function collect<T extends string | Buffer>(encoding: 'utf8' | null): Promise<T[]> {
  return new Promise((resolve) => {
    const pty = spawn('/bin/sh', ['-c', SPLIT_HAN], { cols: 80, rows: 4, cwd: '/', env: { PATH: '/usr/bin:/bin' }, encoding });
    const chunks: T[] = [];
    pty.onData((data) => chunks.push(data as unknown as T));
    pty.onExit(() => resolve(chunks));
  });
}

describe('node-pty output decoding', { timeout: PTY_TEST_TIMEOUT_MS }, () => {
  it('reads the bytes of one character in two reads when the writer pauses between them', async () => {
    const chunks = await collect<Buffer>(null);
    const bytes = Buffer.concat(chunks);
    expect(bytes.equals(Buffer.from([0xed, 0x95, 0x9c]))).toBe(true);
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    expect(chunks[0]?.equals(Buffer.from([0xed, 0x95]))).toBe(true);
  });

  it('still hands out the character whole in utf8 mode, the default the session uses', async () => {
    const chunks = await collect<string>('utf8');
    expect(chunks.join('')).toBe('한');
    expect(chunks.some((c) => c.includes('\uFFFD'))).toBe(false);
  });
});
