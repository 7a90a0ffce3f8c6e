// Input written straight to the pty: at once when there is room, whole and in order when there is not.

import { createHash } from 'node:crypto';
import { spawn } from 'node-pty';
import { describe, expect, it } from 'vitest';
import { PtyInput } from '../../server/demo/pty-input.ts';
import { PTY_TEST_TIMEOUT_MS } from './session-harness.ts';

/** More than a pty's input buffer holds (a few KB in the line discipline, ~64 KB in the kernel's queue). */
const PASTE_BYTES = 300_000;

/** Raw mode (no line editing, no 4 KB line limit), no echo; reads nothing until `sleep` is over. */
function reader(script: string) {
  const pty = spawn('/bin/sh', ['-c', `stty raw -echo; ${script}`], { cols: 80, rows: 4, cwd: '/', env: { PATH: '/usr/bin:/bin' } });
  let output = '';
  pty.onData((data) => (output += data));
  const exited = new Promise<void>((resolve) => pty.onExit(() => resolve()));
  return { pty, exited, output: () => output };
}

describe('typing into a demo pty', { timeout: PTY_TEST_TIMEOUT_MS }, () => {
  it('writes on the main thread, to a descriptor that refuses rather than blocks when full', async () => {
    const { pty, exited, output } = reader('head -c 3 | od -An -c');
    const input = new PtyInput(pty);
    try {
      expect(input.direct).toBe(true);
      input.write('abc');
      // Written before write() returned: nothing waits in a queue.
      expect(input.queuedBytes).toBe(0);
      await exited;
      // (The tty may echo 'abc' first: the write can come before `stty -echo` runs.)
      expect(output()).toMatch(/a +b +c\s*$/);
    } finally {
      input.dispose();
    }
  });

  it('keeps a paste larger than the pty holds, and what is typed after it, whole and in order', async () => {
    const { pty, exited, output } = reader(`sleep 0.5; head -c ${PASTE_BYTES + 4} | sha256sum`);
    const input = new PtyInput(pty);
    try {
      const paste = Array.from({ length: PASTE_BYTES }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
      input.write(paste.slice(0, PASTE_BYTES / 2));
      input.write(paste.slice(PASTE_BYTES / 2));
      input.write('tail');
      // The reader sleeps: the pty filled up and the rest waits here, not in a blocked write.
      expect(input.queuedBytes).toBeGreaterThan(0);
      await exited;
      expect(input.queuedBytes).toBe(0);
      const expected = createHash('sha256').update(paste + 'tail').digest('hex');
      expect(output()).toContain(expected);
    } finally {
      input.dispose();
    }
  });
});
