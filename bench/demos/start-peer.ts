// Chooses and starts the demos bench's web-terminal peer. The peer is Debian's ttyd: it
// runs when one is found (env TTYD, then `ttyd` on PATH, then where bench/peers/ttyd.sh builds
// it); otherwise the stand-in, peer-server.ts, runs, and the report says so.
import fs from 'node:fs';
import path from 'node:path';
import { startChild } from './child-server.ts';
import { TTYD_PATH, type PeerTarget } from './peer-protocol.ts';
import { startTtyd } from './ttyd-server.ts';

export interface RunningPeer {
  readonly target: PeerTarget;
  /** Which peer ran, as the report's column names it: ttyd's version line, or the stand-in. */
  readonly label: string;
  /** The peer server's pid (ttyd's, or the stand-in's Node process). */
  readonly pid: number;
  /** The peer server's resident set size now, in bytes. */
  rss(): number;
  stop(): Promise<void>;
}

export const STAND_IN_LABEL = 'minimal node-pty+ws terminal (stand-in for ttyd)';
/** Where bench/peers/ttyd.sh puts ttyd when given no folder. */
const BUILT_TTYD = '/tmp/peers/ttyd/ttyd';
/** TTYD=none runs the stand-in even where a ttyd is found. */
const NO_TTYD = 'none';

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The ttyd to run, or null for the stand-in. A TTYD that names no executable is a mistake, and throws. */
export function findTtyd(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.TTYD === NO_TTYD) return null;
  if (env.TTYD) {
    if (!isExecutable(env.TTYD)) throw new Error(`TTYD=${env.TTYD} is not an executable file (bench/peers/ttyd.sh builds one; TTYD=${NO_TTYD} runs the stand-in)`);
    return env.TTYD;
  }
  const onPath = (env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, 'ttyd'));
  return [...onPath, BUILT_TTYD].find(isExecutable) ?? null;
}

/** Starts ttyd if one is found, else the stand-in, as a process of its own on 127.0.0.1. */
export async function startPeer(home: string): Promise<RunningPeer> {
  const ttyd = findTtyd();
  if (ttyd !== null) {
    const server = await startTtyd(ttyd, home);
    return { target: { kind: 'ttyd', url: `ws://127.0.0.1:${server.port}${TTYD_PATH}` }, label: server.version, pid: server.pid, rss: server.rss, stop: server.stop };
  }
  const standIn = await startChild<{ port: number }>('peer-server.ts', [], { home });
  return { target: { kind: 'stand-in', url: `ws://127.0.0.1:${standIn.info.port}` }, label: STAND_IN_LABEL, pid: standIn.pid, rss: standIn.rss, stop: standIn.stop };
}
