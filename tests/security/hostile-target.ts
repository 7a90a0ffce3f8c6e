// The server a hostile page attacks: the real `ptydeck present` command in a child process,
// with PTYDECK_DEBUG on, so what it refused is read back from its own log.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { once } from 'node:events';

const CLI = path.resolve(import.meta.dirname, '../../bin/ptydeck.mjs');
/** How long `present` may take to build and listen (it takes about a second on an idle box). */
const START_TIMEOUT_MS = 60_000;
/** How long a SIGTERM'd server may take to run its teardowns before it is killed outright. */
const STOP_TIMEOUT_MS = 15_000;

/** Refusal counts from the server's last "so far refused …" debug line (see refusal-tally.ts). */
export interface RefusalCounts {
  /** The summary as logged: "refused 2 requests (bad host 2), 1 upgrade (bad origin 1), 0 handshakes". */
  readonly line: string;
  /** `channel/cause` → count, e.g. `upgrade/bad origin` → 1; and `channel` → that channel's total. */
  readonly counts: ReadonlyMap<string, number>;
}

export interface Target {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** Everything the server wrote on stderr so far. */
  log(): string;
  /** The refusals the server logged so far (all zero before the first). */
  refusals(): RefusalCounts;
  stop(): Promise<void>;
}

const SUMMARY = /so far (refused .*)$/;

/** Reads "refused 2 requests (bad host 2), 1 upgrade (bad origin 1), 0 handshakes". */
export function parseRefusals(line: string): RefusalCounts {
  const counts = new Map<string, number>();
  for (const part of line.replace(/^refused /, '').split(/, (?=\d)/)) {
    const m = /^(\d+) (request|upgrade|handshake)s?(?: \((.*)\))?$/.exec(part);
    if (!m) continue;
    counts.set(m[2]!, Number(m[1]));
    for (const cause of (m[3] ?? '').split(', ').filter(Boolean)) {
      const c = /^(.*) (\d+)$/.exec(cause);
      if (c) counts.set(`${m[2]}/${c[1]}`, Number(c[2]));
    }
  }
  return { line, counts };
}

/** Starts `ptydeck present <slides>` on 127.0.0.1, a free port, with `root` as its working folder. */
export async function startTarget(root: string, slides: string, options: { readonly offline?: boolean } = {}): Promise<Target> {
  const args = [CLI, 'present', slides, '--host', '127.0.0.1', '--port', '0', ...(options.offline ? ['--offline'] : [])];
  const { PTYDECK_TOKEN: _fixed, ...env } = process.env; // a fresh token, as at a talk
  const child: ChildProcess = spawn(process.execPath, args, { cwd: root, env: { ...env, PTYDECK_DEBUG: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = once(child, 'exit');
  const presenter = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => fail(`did not print its presenter URL in ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`ptydeck present ${why}:\n${stdout}${stderr}`));
    };
    const look = () => {
      const m = /presenter: (http:\/\/127\.0\.0\.1:(\d+))\/#token=(\S+)/.exec(stdout);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', look);
      resolve(m);
    };
    child.stdout!.on('data', look);
    void exited.then(() => fail('exited'));
  });
  return {
    url: presenter[1]!,
    port: Number(presenter[2]),
    token: presenter[3]!,
    log: () => stderr,
    refusals() {
      const lines = stderr.split('\n').map((l) => SUMMARY.exec(l)?.[1]).filter((l): l is string => l !== undefined);
      return parseRefusals(lines.at(-1) ?? 'refused 0 requests, 0 upgrades, 0 handshakes');
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM'); // the CLI stops its demos and runs their teardown first
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
