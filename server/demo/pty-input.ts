// Input to a demo's pty, written at once from the main thread.

import fs from 'node:fs';
import type { IPty } from 'node-pty';

/** O_NONBLOCK in the octal `flags:` line of /proc/self/fdinfo/<fd> (Linux, every architecture ptydeck runs on). */
const O_NONBLOCK = 0o4000;

/** How long to wait before writing again when the pty's input buffer is full (ms). */
const FULL_RETRY_MS = 2;

/** Whether `fd` is open non-blocking: a full pty then refuses a write (EAGAIN) rather than stalling the server. */
function isNonBlocking(fd: number): boolean {
  try {
    const flags = /^flags:\s*([0-7]+)$/m.exec(fs.readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))?.[1];
    return flags !== undefined && (parseInt(flags, 8) & O_NONBLOCK) !== 0;
  } catch {
    return false;
  }
}

/**
 * Writes typed commands, keystrokes and terminal replies to the pty synchronously. node-pty
 * queues every write to libuv's threadpool (fs.write): a thread woken, then the main loop woken
 * with the result. On two busy cores that hop was the slow part of a typed step's echo (bench
 * stage trace, 600 steps: p90 from request to echo 1.5 → 1.0 ms). Input is short, and the pty
 * takes it at once; when its buffer is full (a long paste into a program that does not read),
 * the rest waits here, in order, and is retried every FULL_RETRY_MS. Where the pty's descriptor
 * is not known or not non-blocking, node-pty's own write is used.
 */
export class PtyInput {
  private readonly fd: number | null;
  private readonly queue: Buffer[] = [];
  private retry: NodeJS.Timeout | null = null;

  constructor(private readonly pty: IPty) {
    // node-pty's UnixTerminal exposes its master descriptor as `fd` (not in its typings).
    const fd = (pty as unknown as { fd?: unknown }).fd;
    this.fd = typeof fd === 'number' && isNonBlocking(fd) ? fd : null;
  }

  /** Whether writes go straight to the descriptor (false: through node-pty). */
  get direct(): boolean {
    return this.fd !== null;
  }

  /** Bytes waiting for room in the pty. */
  get queuedBytes(): number {
    return this.queue.reduce((sum, buffer) => sum + buffer.length, 0);
  }

  write(data: string): void {
    if (this.fd === null) return this.pty.write(data);
    const buffer = Buffer.from(data, 'utf8');
    if (buffer.length === 0) return;
    this.queue.push(buffer);
    if (this.queue.length === 1) this.drain(this.fd);
  }

  /** Drops input not written yet (the shell is gone). */
  dispose(): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.queue.length = 0;
  }

  private drain(fd: number): void {
    this.retry = null;
    while (this.queue.length > 0) {
      const head = this.queue[0]!;
      let written: number;
      try {
        written = fs.writeSync(fd, head);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
          this.retry = setTimeout(() => this.drain(fd), FULL_RETRY_MS);
        } else {
          // EIO: the shell's side of the pty is closed; the input has nowhere to go.
          this.queue.length = 0;
        }
        return;
      }
      if (written < head.length) this.queue[0] = head.subarray(written);
      else this.queue.shift();
    }
  }
}
