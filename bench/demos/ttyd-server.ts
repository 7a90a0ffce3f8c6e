// Starts ttyd (bench/peers/ttyd.sh builds it) as the demos bench's peer: on 127.0.0.1 only, on
// a port the kernel picks, writable, one `bash --noprofile --norc` per connection in the
// environment the stand-in gives its shells. Its RSS is ttyd's own process, not its shells'.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';
import { PEER_PROMPT } from './bench-config.ts';
import { residentBytes } from './child-server.ts';

export interface TtydServer {
  readonly port: number;
  /** ttyd's own start-up line, e.g. `ttyd 1.7.7-unknown (libwebsockets 4.1.6-)`. */
  readonly version: string;
  readonly pid: number;
  /** ttyd's resident set size now, in bytes. */
  rss(): number;
  stop(): Promise<void>;
}

/** How long ttyd may take to say where it listens (ms): it takes milliseconds; longer is a broken build. */
const LISTEN_TIMEOUT_MS = 10_000;
const SETPRIV = '/usr/bin/setpriv';
/** After SIGTERM, how long ttyd gets to hang up its shells and exit before SIGKILL (ms). */
const STOP_GRACE_MS = 3_000;

const VERSION_LINE = /N: (ttyd \S+ \(libwebsockets [^)]*\))/;
const LISTENING_LINE = /Listening on port: (\d+)/;
/** libwebsockets' log levels: E(rror) and W(arning) lines are worth passing on; N(otice) is chatter. */
const WORTH_SHOWING = /\] [EW]: /;

/** Runs `binary` and resolves once it listens; rejects if it exits or stays silent first. */
export async function startTtyd(binary: string, home: string): Promise<TtydServer> {
  // -p 0: the kernel picks the port, which ttyd logs. No -O (check origin): the bench page is
  // served from ptydeck's port, another origin.
  const ttyd = [binary, '-i', '127.0.0.1', '-p', '0', '-W', '/bin/bash', '--noprofile', '--norc'];
  // util-linux's setpriv asks the kernel to send ttyd SIGTERM when the bench dies, SIGKILL
  // included, then execs it (same pid). Without setpriv, only a bench that can still run its
  // teardown (bench/lib/teardown.mjs) stops ttyd.
  const argv = fs.existsSync(SETPRIV) ? [SETPRIV, '--pdeathsig', 'TERM', ...ttyd] : ttyd;
  const child = spawn(argv[0]!, argv.slice(1), {
    stdio: ['ignore', 'ignore', 'pipe'],
    // ttyd's shells inherit its environment (it adds TERM): an empty HOME, as for the stand-in.
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, TERM: 'xterm-256color', PS1: PEER_PROMPT },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Read ttyd's log to the end, or a full pipe would stall it.
  const lines = readline.createInterface({ input: child.stderr! });
  let version = '';
  const listening = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${binary} did not say it listens within ${LISTEN_TIMEOUT_MS} ms`)), LISTEN_TIMEOUT_MS);
    void exited.then(() => reject(new Error(`${binary} exited with ${child.exitCode ?? child.signalCode} before listening`)));
    child.once('error', reject); // could not be started at all
    lines.on('line', (line) => {
      version ||= VERSION_LINE.exec(line)?.[1] ?? '';
      const port = LISTENING_LINE.exec(line)?.[1];
      if (port !== undefined) {
        clearTimeout(timer);
        resolve(Number(port));
      }
      if (WORTH_SHOWING.test(line)) process.stderr.write(`ttyd: ${line}\n`);
    });
  });
  const stop = async (): Promise<void> => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(killer);
  };
  let port: number;
  try {
    port = await listening;
  } catch (error) {
    await stop();
    throw error;
  }
  const pid = child.pid!;
  return { port, version: version || 'ttyd (version unknown)', pid, rss: () => residentBytes(pid), stop };
}
