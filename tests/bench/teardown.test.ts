// A benchmark cut short stops what it started (bench/lib/teardown.mjs, bench/lib/dev-start.mjs,
// bench/demos/ws-child.ts, bench/demos/socketio-pty-server.ts): interrupted by a signal, left by
// the reader of its output, or killed outright, it leaves no server, shell, process group or
// folder behind.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { clientParser } from '../../protocol/output-frame.ts';
import { SOCKET_PATH } from '../../protocol/socket-events.ts';
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

  it("ends the socket.io terminal's shell when its client goes, and itself when the bench does (socketio-pty-server.ts)", async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/demos/socketio-pty-server.ts')], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    started.push(child);
    const line = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`socketio-pty-server.ts exited with ${code} before listening`)));
    });
    const url = `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`;
    const socket = io(url, { path: SOCKET_PATH, transports: ['websocket'], parser: clientParser, reconnection: false });
    try {
      // The connection's shell says its pid; a closed connection must take its shell with it
      // (the bench opens one per round), and the server must then end when told.
      let output = '';
      const shellPid = new Promise<number>((resolve) =>
        socket.on('out', (data: string) => {
          output += data;
          const pid = /pid=(\d+)\./.exec(output)?.[1];
          if (pid) resolve(Number(pid));
        }),
      );
      socket.emit('type', 'echo pid=$$.\r');
      const pid = await shellPid;
      expect(isRunning(pid)).toBe(true);
      leftovers.push({ pid });
      socket.close();
      expect(await gone(pid)).toBe(true);
      expect(child.exitCode).toBe(null);
      child.stdin!.end();
      expect(await exited(child)).toBe(0);
    } finally {
      socket.close();
    }
  });
});

/**
 * Writes `files(dir)` (path → text, which may name the folder) under a new temporary folder,
 * removed after the test; returns the folder.
 */
function scratch(files: (dir: string) => Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-teardown-test-'));
  leftovers.push({ dir });
  for (const [name, text] of Object.entries(files(dir))) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/**
 * Runs `node <script>` (`detached`: leading a process group of its own, as a command a terminal
 * runs does); resolves once `file` exists (the script's sign that it is under way).
 */
async function startScript(script: string, file: string, detached = false): Promise<{ child: ChildProcess; stderr: () => string }> {
  const child = spawn(process.execPath, [script], { stdio: ['ignore', 'ignore', 'pipe'], detached });
  started.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  for (let i = 0; i < 200 && !fs.existsSync(file); i++) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  if (!fs.existsSync(file)) throw new Error(`${script} did not write ${file}: ${stderr}`);
  return { child, stderr: () => stderr };
}

describe('the peer benchmark under the deck bench (bench/lib/peers.mjs)', () => {
  it('is stopped, with what it started, when the deck bench is told to stop', async () => {
    // A stand-in for ../shared/peer-bench/run.sh that runs for minutes, as the real one does,
    // with a child of its own (the real one runs each peer's build, server and browser).
    const dir = scratch((dir) => ({
      'shared/peer-bench/run.sh': `sleep 600 & echo "$$ $!" > "$PEERS/pids.tmp" && mv "$PEERS/pids.tmp" "$PEERS/pids"; wait\n`,
      'root/deck-bench.mjs': `
import { tearDownOnAbort } from ${lib('teardown.mjs')};
import { stopAllServers } from ${lib('dev-start.mjs')};
import { peerFigures } from ${lib('peers.mjs')};
tearDownOnAbort(stopAllServers);
await peerFigures(${JSON.stringify(path.join(dir, 'root'))}, 'run', { log: () => {}, env: { ...process.env, PEERS: ${JSON.stringify(path.join(dir, 'peers'))} } });
`,
    }));
    const peers = path.join(dir, 'peers');
    const script = path.join(dir, 'root', 'deck-bench.mjs');
    const bench = await startScript(script, path.join(peers, 'pids'));
    const [shell, sleeper] = fs.readFileSync(path.join(peers, 'pids'), 'utf8').trim().split(' ').map(Number) as [number, number];
    leftovers.push({ pid: shell }, { pid: sleeper });
    expect(isRunning(shell) && isRunning(sleeper)).toBe(true);
    bench.child.kill('SIGTERM');
    // Before, run.sh ran under spawnSync: the signal waited for it, minutes.
    expect(await exited(bench.child)).toBe(143);
    expect(await gone(shell)).toBe(true);
    expect(await gone(sleeper)).toBe(true);
  });
});

describe("npm run bench's runner (bench/lib/run-parts.mjs)", () => {
  it('passes a signal on to the running part once, waits for its teardown and starts no other part', async () => {
    // Two parts: the first a bench with a teardown that takes a while and counts the signals it
    // got; the second must never start.
    const dir = scratch((dir) => ({
      'first.mjs': `
import fs from 'node:fs';
import { tearDownOnAbort } from ${lib('teardown.mjs')};
const here = ${JSON.stringify(dir)};
let signals = 0;
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => signals++);
tearDownOnAbort(async () => {
  await new Promise((resolve) => setTimeout(resolve, 300));
  fs.writeFileSync(here + '/first-torn-down', String(signals));
});
fs.writeFileSync(here + '/first-started', '');
setInterval(() => {}, 1000);
`,
      'second.mjs': `import fs from 'node:fs'; fs.writeFileSync(${JSON.stringify(dir)} + '/second-started', '');\n`,
      'runner.mjs': `
import { runParts } from ${lib('run-parts.mjs')};
const here = ${JSON.stringify(dir)};
const run = await runParts([{ script: 'first.mjs', args: [] }, { script: 'second.mjs', args: [] }], { root: here, tmp: here, log: (line) => process.stderr.write(line + '\\n') });
process.stderr.write(JSON.stringify(run.stoppedBy) + '\\n');
process.exit(run.stoppedBy ? run.stoppedBy.status : 0);
`,
    }));
    const runner = await startScript(path.join(dir, 'runner.mjs'), path.join(dir, 'first-started'), true);
    // As a terminal's Ctrl-C: to the runner's process group, which the part is not in.
    process.kill(-runner.child.pid!, 'SIGINT');
    expect(await exited(runner.child)).toBe(130);
    // The part's teardown ran to its end, after one signal (a second would have cut it short).
    expect(fs.readFileSync(path.join(dir, 'first-torn-down'), 'utf8')).toBe('1');
    expect(fs.existsSync(path.join(dir, 'second-started'))).toBe(false);
    expect(runner.stderr()).toContain('SIGINT: stopping the running part');
  });
});
