// Starts the live server under fuzz as a child process (fuzz-server-child.ts) and watches it:
// whether it is alive, why it died, and its memory (VmRSS from /proc, heap after GC).
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChildMessage } from './fuzz-server-child.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const CHILD = path.join(import.meta.dirname, 'fuzz-server-child.ts');
/** Generous bound on the child's start (ms): loading tsx and socket.io takes about a second. */
const START_TIMEOUT_MS = 30_000;
/** Bound on a memory reply or a clean close (ms): a child that misses it is hung. */
const REPLY_TIMEOUT_MS = 30_000;

export interface MemoryFigures {
  /** VmRSS of the child from /proc/<pid>/status, in bytes. */
  readonly rss: number;
  /** V8 heap in use after two forced GCs, in bytes. */
  readonly heapUsed: number;
}

export interface FuzzServer {
  readonly pid: number;
  readonly port: number;
  readonly url: string;
  readonly token: string;
  /** null while running; else how it ended (a crash, for the fuzzer). */
  exit(): string | null;
  /** What the child wrote to stderr (the end of it): a crash's stack. */
  stderr(): string;
  memory(): Promise<MemoryFigures | { error: string }>;
  /** Closes the server (every demo torn down) and waits for the child to end. */
  close(): Promise<void>;
}

/** An empty HOME beside the slides (removed with the project): demo shells read no rc file. */
function emptyHome(slides: string): string {
  const home = path.join(path.dirname(path.resolve(slides)), 'home');
  fs.mkdirSync(home, { recursive: true });
  return home;
}

/** VmRSS of a process in bytes, or null when it is gone. */
export function vmRss(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
}

function nextMessage(child: ChildProcess, type: ChildMessage['type'], timeoutMs: number): Promise<ChildMessage | null> {
  return new Promise((resolve) => {
    const done = (value: ChildMessage | null) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(value);
    };
    const onMessage = (message: ChildMessage) => {
      if (message.type === type) done(message);
    };
    const onExit = () => done(null);
    const timer = setTimeout(() => done(null), timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Starts the server on `slides` in a child with --expose-gc; resolves once it listens. */
export async function startFuzzServer(slides: string): Promise<FuzzServer | { error: string }> {
  const child = fork(CHILD, [slides], {
    cwd: REPO_ROOT,
    execArgv: ['--expose-gc', '--import', 'tsx'],
    // Root's rc files must not run in demo shells (pyenv there can stall a shell).
    env: { ...process.env, HOME: emptyHome(slides) },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8192);
  });
  let exited: string | null = null;
  child.once('exit', (code, signal) => (exited = `exited with ${signal ?? `code ${code}`}`));
  const ready = await nextMessage(child, 'ready', START_TIMEOUT_MS);
  if (!ready || ready.type !== 'ready') {
    if (child.exitCode === null) child.kill('SIGKILL');
    return { error: `the server child did not start: ${exited ?? 'no reply'}\n${stderr}` };
  }
  const pid = child.pid!;
  return {
    pid,
    port: ready.port,
    url: `http://127.0.0.1:${ready.port}`,
    token: ready.token,
    exit: () => exited,
    stderr: () => stderr,
    async memory() {
      if (exited) return { error: `the server ${exited}` };
      const reply = nextMessage(child, 'memory', REPLY_TIMEOUT_MS);
      child.send({ type: 'memory' });
      const figures = await reply;
      // Read RSS after the GC, from outside, as the kernel counts it.
      const rss = vmRss(pid);
      if (!figures || figures.type !== 'memory' || rss === null) return { error: 'the server did not report its memory' };
      return { rss, heapUsed: figures.heapUsed };
    },
    async close() {
      if (exited) return;
      const closed = nextMessage(child, 'closed', REPLY_TIMEOUT_MS);
      child.send({ type: 'close' });
      await closed;
      if (child.exitCode === null && child.signalCode === null) {
        await Promise.race([new Promise((r) => child.once('exit', r)), sleep(5_000)]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    },
  };
}
