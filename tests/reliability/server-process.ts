// `ptydeck dev` in a process of its own, as a presenter runs it: its memory and file
// descriptors are its own to measure, and it can be killed with SIGKILL and started again on
// the same port. Shared by tests/reliability and bench/reliability.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const BIN = path.resolve(import.meta.dirname, '../../bin/ptydeck.mjs');

/**
 * How long the server may take to print its URL (ms): tsx compiles the CLI on first start and
 * Vite starts its dev server; on a loaded 2-core box that is several seconds.
 */
const START_TIMEOUT_MS = 60_000;

/** How long Ctrl-C may take to kill every demo and run its teardown (ms). */
const STOP_TIMEOUT_MS = 30_000;

export interface ServerProcess {
  readonly pid: number;
  readonly port: number;
  readonly url: string;
  readonly token: string;
  /** Resident memory of the server process now (bytes). */
  rss(): number;
  /** Open file descriptors of the server process now. */
  fdCount(): number;
  /** Ctrl-C, as a presenter stops it: demos are killed and torn down; resolves on exit. */
  stop(): Promise<number | null>;
  /** SIGKILL: no teardown, no goodbye; resolves once the process is gone. */
  kill(): Promise<void>;
  /** What it printed on stderr. */
  readonly stderr: () => string;
}

/** A loopback port free now (the OS picks it), to start and later restart a server on. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/**
 * Starts `ptydeck dev <slides> --port <port>` with a fixed token. The child inherits this
 * process's environment, so a PATH marker (markOwnDemoProcesses) reaches every demo it runs.
 */
export async function startServerProcess(
  slides: string,
  port: number,
  token: string,
  env: NodeJS.ProcessEnv = {},
  args: readonly string[] = [],
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [BIN, 'dev', slides, '--port', String(port), '--host', '127.0.0.1', ...args], {
    cwd: path.dirname(slides),
    env: { ...process.env, ...env, PTYDECK_TOKEN: token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-16_384)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(`printed no URL within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`ptydeck dev ${why}: ${stderr}`));
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const found = /presenter: (http:\/\/[^/]+)\//.exec(stdout);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    child.once('exit', (code) => fail(`exited ${code}`));
  });
  child.stdout!.resume(); // keep draining: a full pipe would block the server
  const actualPort = Number(new URL(url).port);
  if (actualPort !== port) {
    child.kill('SIGKILL');
    throw new Error(`ptydeck dev took port ${actualPort}, not ${port} (was it still held?)`);
  }
  const pid = child.pid!;
  return {
    pid,
    port,
    url,
    token,
    rss: () => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024,
    fdCount: () => fs.readdirSync(`/proc/${pid}/fd`).length,
    stop: async () => {
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      const code = await exited(child);
      clearTimeout(timer);
      return code;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
    stderr: () => stderr,
  };
}
