// A docker daemon of the fault test's own, in a temporary folder, so stopping it mid-demo
// disturbs nothing else (CI's dockerd, another test's containers). No bridge, no iptables:
// containers run with --network none here anyway.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { isRunning } from '../process-running.ts';

/** How long dockerd may take to answer `docker info` after it starts (ms): it sets up containerd first. */
const START_TIMEOUT_MS = 60_000;
/** How long SIGTERM may take to stop it (ms): it stops containerd and its containers first. */
const STOP_TIMEOUT_MS = 30_000;

export interface PrivateDockerd {
  readonly pid: number;
  /** unix:///…/docker.sock, for DOCKER_HOST. */
  readonly host: string;
  /** SIGTERM, as `systemctl stop docker` does; resolves once it has exited. */
  stop(): Promise<void>;
  /** Stops it if still running, unmounts what it left under its folder and removes the folder; returns mounts it could not remove. */
  remove(): Promise<string[]>;
}

/** Why no private dockerd can start here, or null. */
export function dockerdMissing(): string | null {
  if (process.getuid?.() !== 0) return 'a docker daemon needs root';
  const onPath = (name: string) => (process.env.PATH ?? '').split(':').some((dir) => fs.existsSync(path.join(dir, name)));
  return onPath('dockerd') && onPath('docker') ? null : 'dockerd and docker are not installed (apt-get install docker.io)';
}

function mountsUnder(dir: string): string[] {
  return fs
    .readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4] ?? '')
    .filter((point) => point.startsWith(dir))
    .sort((a, b) => b.length - a.length); // deepest first, for umount
}

export async function startPrivateDockerd(): Promise<PrivateDockerd> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-docker-fault-'));
  const host = `unix://${dir}/docker.sock`;
  const log = fs.openSync(path.join(dir, 'log'), 'w');
  const child = spawn(
    'dockerd',
    ['--bridge=none', '--iptables=false', '--ip6tables=false', '--data-root', `${dir}/data`, '--exec-root', `${dir}/exec`, '--pidfile', `${dir}/docker.pid`, '-H', host],
    { stdio: ['ignore', log, log], detached: false },
  );
  fs.closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pid = child.pid!;
  const stop = async () => {
    if (!isRunning(pid)) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
  const remove = async () => {
    await stop();
    for (const point of mountsUnder(dir)) await promisify(execFile)('umount', ['-l', point]).catch(() => undefined);
    const left = mountsUnder(dir);
    if (left.length === 0) fs.rmSync(dir, { recursive: true, force: true });
    return left;
  };
  const end = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const info = await promisify(execFile)('docker', ['info', '--format', '{{.ServerVersion}}'], { env: { ...process.env, DOCKER_HOST: host } }).then(
      () => true,
      () => false,
    );
    if (info) break;
    if (Date.now() > end || !isRunning(pid)) {
      await remove();
      throw new Error(`the private dockerd did not answer within ${START_TIMEOUT_MS} ms`);
    }
    await sleep(200);
  }
  return { pid, host, stop, remove };
}
