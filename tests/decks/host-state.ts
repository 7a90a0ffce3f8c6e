// What a demo may leave behind on the host, taken before and after it runs: network namespaces,
// mounts, cgroups, network links, System V IPC objects, /tmp entries, the hostname, and
// docker's containers, images and volumes.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DemoEntry } from '../../protocol/demo-manifest.ts';
import { cgroupHierarchies } from '../../server/demo/cgroup-hierarchy.ts';

/** One sample of the host: each set holds one line per thing, readable in a failure message. */
export interface HostState {
  readonly things: ReadonlySet<string>;
  readonly tmp: ReadonlySet<string>;
}

/** How deep cgroup folders are listed: docker's groups sit at <hierarchy>/docker/<id>. */
const CGROUP_DEPTH = 3;
/** How long one docker listing may take, in ms (the engine answers in milliseconds). */
const DOCKER_LIST_TIMEOUT_MS = 10_000;
/**
 * Cgroup names other test files create and remove while this one runs (requirement probes, the
 * cgroup and live tests), and docker's per-container groups, which the container check covers.
 */
const FOREIGN_CGROUP = /^(ptydeck-probe-|ptydeck-test-|ptydeck-live-)|^[0-9a-f]{64}$/;

function readOr<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback; // absent on this machine, or gone meanwhile
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The groups above this process's own, in every hierarchy (`/user.slice`, `/process_api`…):
 * whoever manages the machine starts and ends groups below them all the time (a systemd
 * session, a sandbox per command), so their children are not listed. Demos make theirs at a
 * hierarchy's top, or under docker's group.
 */
function ownAncestors(): Set<string> {
  const ancestors = new Set<string>();
  for (const line of readOr(() => fs.readFileSync('/proc/self/cgroup', 'utf8'), '').split('\n')) {
    const own = line.split(':').slice(2).join(':');
    for (let dir = path.posix.dirname(own); dir !== '/' && dir !== '.'; dir = path.posix.dirname(dir)) ancestors.add(dir);
  }
  return ancestors;
}

function cgroupFolders(root: string, rel: string, depth: number, skip: ReadonlySet<string>, out: string[]): void {
  if (depth === 0 || skip.has(rel)) return;
  for (const entry of readOr(() => fs.readdirSync(path.join(root, rel), { withFileTypes: true }), [] as fs.Dirent[])) {
    if (!entry.isDirectory() || FOREIGN_CGROUP.test(entry.name)) continue;
    const child = path.posix.join(rel, entry.name);
    out.push(`cgroup ${path.join(root, child)}`);
    cgroupFolders(root, child, depth - 1, skip, out);
  }
}

function cgroups(): string[] {
  const out: string[] = [];
  const skip = ownAncestors();
  for (const h of cgroupHierarchies()) {
    cgroupFolders(h.mountPoint, '/', CGROUP_DEPTH, skip, out);
    if (h.version === 2) {
      const control = readOr(() => fs.readFileSync(path.join(h.mountPoint, 'cgroup.subtree_control'), 'utf8').trim(), '');
      out.push(`cgroup ${h.mountPoint}/cgroup.subtree_control = ${control}`);
    }
  }
  return out;
}

function mounts(): string[] {
  return fs
    .readFileSync('/proc/self/mountinfo', 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [pre, post] = line.split(' - ');
      return `mount ${pre?.split(' ')[4]} ${post?.split(' ').slice(0, 2).join(' ')}`;
    });
}

function sysvIpc(): string[] {
  const out: string[] = [];
  for (const kind of ['msg', 'sem', 'shm']) {
    const lines = readOr(() => fs.readFileSync(`/proc/sysvipc/${kind}`, 'utf8').trim().split('\n').slice(1), []);
    for (const line of lines) out.push(`ipc ${kind} id ${line.trim().split(/\s+/)[1]}`);
  }
  return out;
}

function docker(): string[] {
  const list = (args: string[], what: string): string[] =>
    execFileSync('docker', args, { encoding: 'utf8', timeout: DOCKER_LIST_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'] })
      .split('\n')
      .filter(Boolean)
      .map((id) => `docker ${what} ${id}`);
  return [
    ...list(['ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.Names}} {{.Image}}'], 'container'),
    ...list(['images', '-a', '--no-trunc', '--format', '{{.ID}} {{.Repository}}:{{.Tag}}'], 'image'),
    ...list(['volume', 'ls', '-q'], 'volume'),
  ];
}

/** Samples the host; docker's objects too when `withDocker` (its engine answers). */
export function hostState(withDocker: boolean): HostState {
  const things = [
    ...readOr(() => fs.readdirSync('/run/netns'), [] as string[]).map((n) => `netns ${n}`),
    ...mounts(),
    ...cgroups(),
    ...readOr(() => fs.readdirSync('/sys/class/net'), [] as string[]).map((n) => `link ${n}`),
    ...sysvIpc(),
    `hostname ${hostname()}`,
    ...(withDocker ? docker() : []),
  ];
  return { things: new Set(things), tmp: new Set(fs.readdirSync('/tmp')) };
}

/** Every command the demo types, hidden ones included. */
function demoText(entry: DemoEntry): string {
  return [...entry.setup, ...entry.steps.map((s) => s.command), ...entry.teardown].join('\n');
}

/**
 * Whether a new /tmp entry is the demo's: its name is in the demo's text, or the demo makes
 * it with mktemp (`/tmp/ptydeck-qa-layers.XXXXXX` in the text, `ptydeck-qa-layers.a1B2c3` here).
 * Other test files create /tmp entries meanwhile; those are not this demo's to remove.
 */
function isDemosTmp(name: string, entry: DemoEntry): boolean {
  const text = demoText(entry);
  if (text.includes(`/tmp/${name}`)) return true;
  const template = /^(.*[.-])[A-Za-z0-9]{6,}$/.exec(name);
  return template !== null && text.includes(`/tmp/${template[1]}XXXXXX`);
}

/** The /tmp folder docker keeps its data in, if any (a private engine's, as in .ci/run). */
function dockerTmpFolder(): string | null {
  try {
    const root = execFileSync('docker', ['info', '--format', '{{.DockerRootDir}}'], { encoding: 'utf8', timeout: DOCKER_LIST_TIMEOUT_MS });
    return /^\/tmp\/[^/]+/.exec(root.trim())?.[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * Whether a new line of the host's state may be the demo's. Other test files run beside this
 * one and mount things under /tmp, and one of them may rename the host: a mount under /tmp
 * counts when it lies in a folder the demo names (or docker's), a new hostname when the demo
 * sets that name. /run/netns becoming a mount point is iproute2's (see below). Everything else
 * new (a netns, a link, a cgroup, an IPC object…) counts.
 */
function mayBeDemos(thing: string, entry: DemoEntry, dockerTmp: string | null): boolean {
  // iproute2's own: the first `ip netns add` after boot makes /run/netns a mount point of its
  // own (a bind mount of itself, so namespaces mounted in it propagate), and keeps it for every
  // later `ip netns`; `ip netns delete` leaves it, as it should. Only the folder itself: a
  // namespace left in it shows as `netns <name>` and as a mount below it, and counts.
  if (/^mount \/run\/netns /.test(thing)) return false;
  const text = demoText(entry);
  const mount = /^mount (\/tmp\/([^/ ]+))/.exec(thing);
  if (mount) return isDemosTmp(mount[2] ?? '', entry) || (dockerTmp !== null && mount[1]?.startsWith(dockerTmp) === true);
  const name = /^hostname (.*)$/.exec(thing);
  if (name) return new RegExp(`hostname ${escapeRegExp(name[1] ?? '')}\\b`).test(text);
  return true;
}

/** What `after` holds that `before` did not: lines such as `netns qa-red` or `tmp /tmp/uts`. */
export function leftovers(before: HostState, after: HostState, entry: DemoEntry, dockerTmp: string | null = null): string[] {
  const found = [...after.things].filter((t) => !before.things.has(t) && mayBeDemos(t, entry, dockerTmp));
  // A v2 root that hands down other controllers than before shows with its old value too.
  const changed = [...before.things].filter((t) => !after.things.has(t) && /^cgroup \S+ =/.test(t));
  const tmp = [...after.tmp].filter((n) => !before.tmp.has(n) && isDemosTmp(n, entry)).map((n) => `tmp /tmp/${n}`);
  return [...found, ...changed.map((t) => `was: ${t}`), ...tmp];
}

/** How long the host may take to settle after a teardown, in ms (docker removes asynchronously). */
export const SETTLE_MS = 5_000;

/**
 * Samples the host until nothing is left over or SETTLE_MS passes, and returns the last answer:
 * a killed process frees its namespace, and docker removes a container, a moment later.
 */
export async function settledLeftovers(before: HostState, entry: DemoEntry, withDocker: boolean): Promise<string[]> {
  const end = Date.now() + SETTLE_MS;
  const dockerTmp = withDocker ? dockerTmpFolder() : null;
  let left = leftovers(before, hostState(withDocker), entry, dockerTmp);
  while (left.length > 0 && Date.now() < end) {
    await sleep(100);
    left = leftovers(before, hostState(withDocker), entry, dockerTmp);
  }
  return left;
}
