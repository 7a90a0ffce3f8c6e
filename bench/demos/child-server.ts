// Starts a bench server (ptydeck's or the peer's stand-in) in its own Node process, so its
// memory is its own, and samples its resident set size from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { compiledEntry } from '../../bin/compile-cache.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ChildServer<T> {
  readonly info: T;
  readonly pid: number;
  /** Resident set size now, in bytes. */
  rss(): number;
  stop(): Promise<void>;
}

/**
 * The command line that runs `script`: bundled by bin/compile-cache.mjs, as the ptydeck command
 * runs its server, or under tsx if it cannot be compiled. Under tsx's loader, esbuild's keepNames
 * wraps every closure made on the output path in a call of its own (`__name`), which the bundle
 * has not: the server measured would not be the one that ships.
 */
async function scriptArgs(script: string): Promise<string[]> {
  const source = path.join(import.meta.dirname, script);
  // PTYDECK_TSX=1 takes the tsx road, as it does for the ptydeck command.
  if (process.env.PTYDECK_TSX) return ['--import', 'tsx', source];
  const compiled = await compiledEntry(path.relative(ROOT, source), [path.relative(ROOT, import.meta.dirname)]);
  if (compiled !== null) return [compiled];
  process.stderr.write(`bench: ${script} could not be compiled; running it under tsx\n`);
  return ['--import', 'tsx', source];
}

/** Runs `script` (compiled, see scriptArgs) with `args` (and `nodeArgs`, e.g. --cpu-prof); resolves with the JSON line it prints once listening. */
export async function startChild<T>(script: string, args: string[], options: { readonly home: string; readonly nodeArgs?: string[] }): Promise<ChildServer<T>> {
  const nodeArgs = options.nodeArgs ?? [];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, ...(await scriptArgs(script)), ...args], {
    cwd: ROOT,
    // stdin is a pipe the child watches (ws-child.ts, onStopRequest): when the bench dies, even
    // by SIGKILL, the kernel closes it and the child stops itself.
    stdio: ['pipe', 'pipe', 'inherit'],
    // An empty HOME: no ~/.bashrc or pyenv start-up can stall a shell.
    env: { ...process.env, HOME: options.home },
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const info = await new Promise<T>((resolve, reject) => {
    lines.once('line', (line) => resolve(JSON.parse(line) as T));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before listening`)));
  });
  const pid = child.pid!;
  return {
    info,
    pid,
    rss: () => residentBytes(pid),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Resident set size of process `pid` now, in bytes (VmRSS of /proc/<pid>/status: that process alone, not its children). */
export function residentBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/** Samples `rss` every `everyMs` while `work` runs: the peak growth over the value at the start. */
export async function rssGrowth<T>(rss: () => number, work: () => Promise<T>, everyMs = 20): Promise<{ result: T; growth: number; before: number }> {
  const before = rss();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, rss())), everyMs);
  try {
    const result = await work();
    peak = Math.max(peak, rss());
    return { result, growth: peak - before, before };
  } finally {
    clearInterval(timer);
  }
}
