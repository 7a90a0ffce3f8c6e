// Finds every process a demo session started, wherever it went, and kills them all.

import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { SESSION_ENV_NAME } from './shell-env.ts';

/** The fields of /proc/<pid>/stat that matter here. */
export interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  readonly sid: number;
  /** One letter: R running, S sleeping, Z zombie, T stopped… */
  readonly state: string;
  /** Start time in clock ticks since boot: tells a pid apart from a later reuse of it. */
  readonly startTime: number;
}

/**
 * How long processes get after SIGHUP + SIGTERM before SIGKILL, in ms. Long enough for a
 * program to clean up (unmount, remove its pid file); short enough that reset feels instant.
 */
export const KILL_GRACE_MS = 500;
/** How long to wait for SIGKILL to take effect before reporting survivors, in ms. */
export const KILL_CONFIRM_MS = 2_000;
/** How often /proc is scanned while waiting, in ms. */
const KILL_POLL_MS = 25;

/** Parses /proc/<pid>/stat text (the command name may hold spaces and parentheses). */
export function parseProcStat(text: string): ProcessInfo | null {
  const close = text.lastIndexOf(')');
  const open = text.indexOf('(');
  if (open < 0 || close < 0) return null;
  const fields = text.slice(close + 2).split(' ');
  const num = (i: number): number => Number(fields[i]);
  // After the name: state(0) ppid(1) pgrp(2) session(3) … starttime(19)
  const info = {
    pid: Number(text.slice(0, open).trim()),
    state: fields[0] ?? '?',
    ppid: num(1),
    pgid: num(2),
    sid: num(3),
    startTime: num(19),
  };
  return Number.isInteger(info.pid) && Number.isInteger(info.ppid) ? info : null;
}

/** Reads one process's stat, or null when it is gone. */
export function readProcess(pid: number): ProcessInfo | null {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

/** Lists every process visible in /proc (host pids, whatever namespace a process is in). */
export function listProcesses(): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const info = readProcess(Number(name));
    if (info) out.push(info);
  }
  return out;
}

function carriesTag(pid: number, tag: Buffer): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`).includes(tag);
  } catch {
    return false; // gone, or not ours to read
  }
}

/**
 * Every live (non-zombie) process of a session: the descendants of `rootPid` by the ppid
 * chain, plus any process whose environment carries the session's tag, with their descendants.
 * The tag catches what the chain misses: `setsid cmd &` forks and its parent exits, so the
 * command is re-parented to init and no longer descends from the shell.
 */
export function sessionProcesses(rootPid: number, sessionId: string): ProcessInfo[] {
  const all = listProcesses().filter((p) => p.state !== 'Z');
  const tag = Buffer.from(`${SESSION_ENV_NAME}=${sessionId}\0`);
  const children = new Map<number, ProcessInfo[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const found = new Map<number, ProcessInfo>();
  const queue = all.filter((p) => p.pid === rootPid || carriesTag(p.pid, tag));
  while (queue.length > 0) {
    const p = queue.pop()!;
    if (found.has(p.pid) || p.pid === process.pid || p.pid <= 1) continue;
    found.set(p.pid, p);
    queue.push(...(children.get(p.pid) ?? []));
  }
  return [...found.values()];
}

/** What a kill did: how many processes it signalled and which (if any) outlived SIGKILL. */
export interface KillReport {
  readonly signalled: number;
  readonly survivors: readonly number[];
}

/**
 * Kills a session's whole tree: SIGHUP + SIGTERM to every process and process group found
 * (HUP because an interactive bash ignores TERM but exits on a hang-up, passing it on to its
 * jobs), then after KILL_GRACE_MS SIGKILL to whatever is left, rescanning each round for
 * processes forked meanwhile. Never signals this process, its group, or pid 1.
 */
export async function killSessionTree(rootPid: number, sessionId: string): Promise<KillReport> {
  const ownPgid = readProcess(process.pid)?.pgid ?? process.pid;
  const seen = new Set<number>();
  const signalAll = (procs: ProcessInfo[], signals: NodeJS.Signals[]): void => {
    const groups = new Set(procs.map((p) => p.pgid));
    for (const signal of signals) {
      for (const pgid of groups) if (pgid > 1 && pgid !== ownPgid) trySignal(-pgid, signal);
      for (const p of procs) trySignal(p.pid, signal);
    }
    for (const p of procs) seen.add(p.pid);
  };
  const scan = (): ProcessInfo[] => sessionProcesses(rootPid, sessionId);

  let live = scan();
  signalAll(live, ['SIGHUP', 'SIGTERM']);
  const graceEnd = Date.now() + KILL_GRACE_MS;
  while (live.length > 0 && Date.now() < graceEnd) {
    await sleep(KILL_POLL_MS);
    live = scan();
    signalAll(live.filter((p) => !seen.has(p.pid)), ['SIGHUP', 'SIGTERM']);
  }
  const confirmEnd = Date.now() + KILL_CONFIRM_MS;
  while (live.length > 0 && Date.now() < confirmEnd) {
    signalAll(live, ['SIGKILL']);
    await sleep(KILL_POLL_MS);
    live = scan();
  }
  return { signalled: seen.size, survivors: live.map((p) => p.pid) };
}

function trySignal(target: number, signal: NodeJS.Signals): void {
  try {
    process.kill(target, signal);
  } catch {
    // already gone (ESRCH) or not ours (EPERM): nothing more to do here
  }
}
