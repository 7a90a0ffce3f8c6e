// What a live demo may leave behind on the host, read from /proc and /sys: processes carrying a
// session tag, namespaces, cgroup folders and mounts. Tests take these before and after.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SESSION_ENV_NAME } from '../../server/demo/shell-env.ts';

/**
 * Marks every demo process this test file will start, so they can be told apart from those of
 * test files running beside it: demo shells get a clean environment, but keep the absolute
 * entries of the server's PATH (see demoPath), so an extra entry that names no folder travels
 * into every process a demo starts, `unshare`d, `setsid`'d or re-parented alike.
 */
export function markOwnDemoProcesses(): string {
  const marker = `/nonexistent/ptydeck-test-${randomBytes(6).toString('hex')}`;
  process.env.PATH = `${marker}:${process.env.PATH ?? ''}`;
  return marker;
}

export interface TaggedProcess {
  readonly pid: number;
  /** The PTYDECK_SESSION value: the session id, or `<id>-teardown`. */
  readonly session: string;
  /** Whether the process carries this file's PATH marker (see markOwnDemoProcesses). */
  readonly own: boolean;
  readonly command: string;
}

function pids(): number[] {
  return fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number);
}

function readOr<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback; // the process is gone, or not ours to read
  }
}

/** Every live process whose environment carries a PTYDECK_SESSION tag. */
export function taggedProcesses(marker: string): TaggedProcess[] {
  const found: TaggedProcess[] = [];
  const tag = `${SESSION_ENV_NAME}=`;
  for (const pid of pids()) {
    if (pid === process.pid) continue;
    const environ = readOr(() => fs.readFileSync(`/proc/${pid}/environ`, 'utf8'), '').split('\0');
    const session = environ.find((v) => v.startsWith(tag))?.slice(tag.length);
    if (session === undefined) continue;
    const own = environ.some((v) => v.startsWith('PATH=') && v.slice('PATH='.length).split(':').includes(marker));
    const command = readOr(() => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim(), '?');
    found.push({ pid, session, own, command });
  }
  return found;
}

/** The demo processes this test file started that are still alive. */
export function ownDemoProcesses(marker: string): TaggedProcess[] {
  return taggedProcesses(marker).filter((p) => p.own);
}

/**
 * Samples /proc while something runs, and remembers every demo process of this file it saw:
 * catches a shell that a refused request started and that died again between two checks.
 */
export class DemoProcessWatch {
  private readonly found = new Map<number, TaggedProcess>();
  private readonly held = new Set<string>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly marker: string,
    everyMs = 20,
  ) {
    this.timer = setInterval(() => this.sample(), everyMs);
    this.sample();
  }

  private sample(): void {
    for (const p of ownDemoProcesses(this.marker)) {
      this.found.set(p.pid, p);
      for (const ns of namespacesOf(p.pid)) this.held.add(ns);
    }
  }

  /** Every namespace a demo process of this file was seen in (the host's own included). */
  namespaces(): Set<string> {
    return new Set(this.held);
  }

  /** Every demo process of this file seen so far. */
  seen(): TaggedProcess[] {
    this.sample();
    return [...this.found.values()];
  }

  /** Stops sampling (after one last sample) and returns what was seen. */
  stop(): TaggedProcess[] {
    clearInterval(this.timer);
    this.sample();
    return [...this.found.values()];
  }
}

/** Namespace kinds a demo can create with unshare. */
const NS_KINDS = ['uts', 'pid', 'mnt', 'net', 'ipc'] as const;

/** The namespaces a process is in, as `uts:[4026531838]`. */
function namespacesOf(pid: number): string[] {
  return NS_KINDS.map((kind) => readOr(() => fs.readlinkSync(`/proc/${pid}/ns/${kind}`), '')).filter(Boolean);
}

/**
 * Every namespace alive on the host: one a process is in, or one a bind mount keeps (`ip netns
 * add`; mountinfo names it in its root field). Other test files and programs on the machine
 * create namespaces too: compare only ones this file's demos were seen in (DemoProcessWatch).
 */
export function liveNamespaces(): Set<string> {
  const found = new Set<string>();
  for (const pid of pids()) for (const ns of namespacesOf(pid)) found.add(ns);
  for (const line of fs.readFileSync('/proc/self/mountinfo', 'utf8').trim().split('\n')) {
    const [pre, post] = line.split(' - ');
    if (post?.startsWith('nsfs ')) found.add(pre?.split(' ')[3] ?? '');
  }
  return found;
}

/** Folders under /sys/fs/cgroup, to depth 3, whose name starts with `prefix`, in any hierarchy. */
export function cgroupFolders(prefix: string, root = '/sys/fs/cgroup', depth = 3): string[] {
  if (depth === 0) return [];
  const found: string[] = [];
  for (const entry of readOr(() => fs.readdirSync(root, { withFileTypes: true }), [] as fs.Dirent[])) {
    if (!entry.isDirectory()) continue; // v1 controller aliases (cpu -> cpu,cpuacct) are symlinks
    const full = path.join(root, entry.name);
    if (entry.name.startsWith(prefix)) found.push(full);
    found.push(...cgroupFolders(prefix, full, depth - 1));
  }
  return found;
}

/** File system types a demo here may mount: proc (--mount-proc), cgroups, a kept namespace, a tmpfs. */
const DEMO_MOUNT_TYPES = new Set(['proc', 'sysfs', 'cgroup', 'cgroup2', 'nsfs', 'tmpfs', 'overlay']);

/** Mount points a container engine owns: a dockerd started beside the tests mounts there meanwhile. */
const ENGINE_MOUNTS = /docker|containerd|overlay2/;

/**
 * This process's mounts, as `mount point fs-type source` lines, of the kinds a demo may leave
 * (see DEMO_MOUNT_TYPES) or under `root`, leaving out a container engine's own.
 */
export function mounts(root: string): Set<string> {
  const lines = fs.readFileSync('/proc/self/mountinfo', 'utf8').trim().split('\n');
  const found = new Set<string>();
  for (const line of lines) {
    const [pre, post] = line.split(' - ');
    const point = pre?.split(' ')[4] ?? '';
    const [type = '', source = ''] = post?.split(' ') ?? [];
    if (ENGINE_MOUNTS.test(point)) continue;
    if (DEMO_MOUNT_TYPES.has(type) || point.startsWith(root)) found.add(`${point} ${type} ${source}`);
  }
  return found;
}

/** Items of `now` missing from `before`. */
export function added<T>(before: ReadonlySet<T>, now: ReadonlySet<T>): T[] {
  return [...now].filter((x) => !before.has(x));
}

/**
 * Polls `probe` until it returns an empty list or `timeoutMs` passes, and returns its last
 * answer: what the host holds settles asynchronously (a killed process is reaped, a namespace
 * freed) and other test files' demos come and go meanwhile.
 */
export async function settle<T>(probe: () => T[], timeoutMs = 15_000): Promise<T[]> {
  const end = Date.now() + timeoutMs;
  let last = probe();
  while (last.length > 0 && Date.now() < end) {
    await sleep(100);
    last = probe();
  }
  return last;
}
