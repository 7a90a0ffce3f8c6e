// `ptydeck present` as a child process, the way a presenter runs it, so a test can kill it
// with SIGKILL (by its pid) and start it again on the same port with the same token.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../server/site/package-paths.ts';

/** How long a build and start may take before the test gives up (ms). */
const START_TIMEOUT_MS = 60_000;

export interface PresentChild {
  readonly child: ChildProcess;
  readonly port: number;
  readonly url: string;
  /** Resolves once the process has exited. */
  readonly exited: Promise<void>;
}

/**
 * Starts `ptydeck present <decks> --port <port>` with PTYDECK_TOKEN set; resolves once it serves.
 * Its TMPDIR is `tmpdir` when given (the caller's to remove), or a folder of its own.
 */
export function startPresent(decks: string, port: number, token: string, tmpdir?: string): Promise<PresentChild> {
  // The child builds into its temporary folder; a SIGKILL gives it no chance to remove it, so
  // it gets a folder of the test's own, removed once it has exited.
  const tmp = tmpdir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-present-child-'));
  const child = spawn(process.execPath, [path.join(PACKAGE_ROOT, 'bin/ptydeck.mjs'), 'present', decks, '--port', String(port)], {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, PTYDECK_TOKEN: token, TMPDIR: tmp },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      if (!tmpdir) fs.rmSync(tmp, { recursive: true, force: true });
      resolve();
    }),
  );
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => fail(new Error(`ptydeck present did not start in time:\n${out}${err}`)), START_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const onExit = (code: number | null) => fail(new Error(`ptydeck present exited with ${code}:\n${out}${err}`));
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const serving = /presenter: (http:\/\/127\.0\.0\.1:(\d+))\//.exec(out);
      if (!serving) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve({ child, port: Number(serving[2]), url: serving[1]!, exited });
    });
    child.once('exit', onExit);
  });
}

/** Ends a child started here: SIGTERM (its demos' teardown runs), then SIGKILL if it lingers. */
export async function stopPresent(present: PresentChild | undefined): Promise<void> {
  if (!present || present.child.exitCode !== null || present.child.signalCode !== null) return;
  present.child.kill('SIGTERM');
  const timer = setTimeout(() => present.child.kill('SIGKILL'), 10_000);
  await present.exited;
  clearTimeout(timer);
}
