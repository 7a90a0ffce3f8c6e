// A benchmark cut short stops what it started (bench/lib/teardown.mjs, bench/lib/dev-start.mjs,
// bench/demos/ws-child.ts): interrupted by a signal, left by the reader of its output, or killed
// outright, it leaves no server, process group or folder behind.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { isRunning } from '../process-running.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const lib = (name: string) => JSON.stringify(path.join(ROOT, 'bench/lib', name));

/**
 * A bench in miniature: a folder, a server in its own process group (`sleep`, spawned as the deck
 * bench spawns `ptydeck dev`), then one line naming both, then a line on stdout every 20 ms.
 */
const MINI_BENCH = `
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tearDownOnAbort } from ${lib('teardown.mjs')};
import { spawnServer, stopAllServers } from ${lib('dev-start.mjs')};
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-teardown-test-'));
const tearDown = tearDownOnAbort(async () => {
  await stopAllServers();
  fs.rmSync(dir, { recursive: true, force: true });
});
const server = spawnServer(['sleep', '600'], { stdio: 'ignore' });
process.stdout.write(JSON.stringify({ dir, server: server.pid }) + '\\n');
setInterval(() => process.stdout.write('working\\n'), 20);
`;

const started: ChildProcess[] = [];
const leftovers: Array<{ pid?: number; dir?: string }> = [];

afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const left of leftovers.splice(0)) {
    if (left.pid !== undefined && isRunning(left.pid)) process.kill(left.pid, 'SIGKILL');
    if (left.dir) fs.rmSync(left.dir, { recursive: true, force: true });
  }
});

async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && isRunning(pid); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  return !isRunning(pid);
}

function exited(child: ChildProcess): Promise<number | string> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode ?? child.signalCode!);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal!)));
}

/** Starts the mini bench; resolves with the process, its first line, and its stdout's lines. */
async function startMiniBench(): Promise<{ child: ChildProcess; dir: string; server: number; stderr: () => string }> {
  const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-teardown-script-')), 'bench.mjs');
  fs.writeFileSync(script, MINI_BENCH);
  leftovers.push({ dir: path.dirname(script) });
  const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const first = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the mini bench exited with ${code}: ${stderr}`)));
  });
  const { dir, server } = JSON.parse(first) as { dir: string; server: number };
  leftovers.push({ dir, pid: server });
  return { child, dir, server, stderr: () => stderr };
}

describe('a bench cut short (bench/lib/teardown.mjs)', () => {
  it('stops its servers and removes its folder on SIGTERM, and exits 143', async () => {
    const bench = await startMiniBench();
    expect(isRunning(bench.server)).toBe(true);
    expect(fs.existsSync(bench.dir)).toBe(true);
    bench.child.kill('SIGTERM');
    expect(await exited(bench.child)).toBe(143);
    expect(await gone(bench.server)).toBe(true);
    expect(fs.existsSync(bench.dir)).toBe(false);
    expect(bench.stderr()).toContain('SIGTERM; stopping what it started');
  });

  it('does the same when the reader of its output goes away (EPIPE), as `| head` does', async () => {
    const bench = await startMiniBench();
    bench.child.stdout!.destroy();
    expect(await exited(bench.child)).toBe(1);
    expect(await gone(bench.server)).toBe(true);
    expect(fs.existsSync(bench.dir)).toBe(false);
  });
});

describe("a bench server's end (bench/demos/ws-child.ts, onStopRequest)", () => {
  it('exits by itself when the bench holding its stdin dies, even by SIGKILL', async () => {
    // The echo server as child-server.ts starts it: stdin a pipe held by the bench (here, by
    // this test, which closes its end as the kernel would for a killed bench).
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/demos/echo-server.ts')], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    started.push(child);
    const line = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`echo-server.ts exited with ${code} before listening`)));
    });
    expect((JSON.parse(line) as { port: number }).port).toBeGreaterThan(0);
    expect(child.exitCode).toBe(null);
    child.stdin!.end();
    expect(await exited(child)).toBe(0);
  });
});
