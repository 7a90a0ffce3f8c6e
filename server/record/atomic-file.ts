// A file written under a temporary name in its own folder and renamed into place only when whole,
// so a failed, full-disk or interrupted run never leaves a truncated file and the old one stays.

import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** An expected failure to write (ENOSPC, EACCES, EROFS…), as a sentence; never thrown. */
export type WriteResult = { readonly ok: true } | { readonly ok: false; readonly message: string };

/** Mode of a new recording: readable by everyone, as any file a repository holds. */
const FILE_MODE = 0o644;

/** `could not write …: ENOSPC: no space left on device, write` (Node's messages lead with the code). */
function describe(error: unknown, what: string): string {
  return `could not ${what}: ${error instanceof Error ? error.message : String(error)}`;
}

/** A file being written: append as you go, then commit (rename into place) or abort (remove). */
export class AtomicFile {
  private fd: number | null;
  private failure: string | null = null;
  private done = false;

  /** Creates the folder and a fresh temporary file beside `target`. */
  static open(target: string): { ok: true; file: AtomicFile } | { ok: false; message: string } {
    const dir = path.dirname(target);
    // Hidden and unique, so a player listing *.cast never picks it up and two runs never collide.
    const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      fs.mkdirSync(dir, { recursive: true });
      return { ok: true, file: new AtomicFile(target, temp, fs.openSync(temp, 'wx', FILE_MODE)) };
    } catch (error) {
      return { ok: false, message: describe(error, `create ${temp}`) };
    }
  }

  private constructor(
    readonly target: string,
    readonly tempPath: string,
    fd: number,
  ) {
    this.fd = fd;
  }

  /** The first write error, if any: later appends are dropped, and commit will refuse. */
  get error(): string | null {
    return this.failure;
  }

  /** Appends text now (synchronously, so a full disk is noticed at the event that hit it). */
  append(text: string): void {
    if (this.fd === null || this.failure !== null || text === '') return;
    try {
      fs.writeSync(this.fd, text);
    } catch (error) {
      this.failure = describe(error, `write ${this.target}`);
    }
  }

  /** Flushes to disk and renames over the target; on any failure removes the temporary file. */
  commit(): WriteResult {
    if (this.done) return { ok: false, message: `${this.target}: already committed or aborted` };
    if (this.failure !== null) {
      const message = this.failure;
      this.abort();
      return { ok: false, message };
    }
    try {
      // fsync before rename: after a crash the new name must not point at unwritten blocks.
      fs.fsyncSync(this.fd!);
      fs.closeSync(this.fd!);
      this.fd = null;
      fs.renameSync(this.tempPath, this.target);
      this.done = true;
      return { ok: true };
    } catch (error) {
      const message = describe(error, `save ${this.target}`);
      this.abort();
      return { ok: false, message };
    }
  }

  /** Closes and removes the temporary file; the target is left as it was. Harmless twice. */
  abort(): void {
    if (this.done) return;
    this.done = true;
    if (this.fd !== null) {
      try {
        fs.closeSync(this.fd);
      } catch {
        // already closed by a failed commit: nothing left to release
      }
      this.fd = null;
    }
    fs.rmSync(this.tempPath, { force: true });
  }
}
