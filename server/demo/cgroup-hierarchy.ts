// Finds the cgroup hierarchies of this machine (v2, v1 per controller) and whether they are writable.

import { mkdirSync, readFileSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';

/** One mounted cgroup hierarchy. */
export interface CgroupHierarchy {
  readonly version: 1 | 2;
  readonly mountPoint: string;
  /** v1: the controllers bound to this mount (`name=systemd` excluded); v2: those available. */
  readonly controllers: readonly string[];
}

/** Parses /proc/self/mounts text into cgroup hierarchies, v2 first. */
export function parseCgroupMounts(mounts: string): CgroupHierarchy[] {
  const found: CgroupHierarchy[] = [];
  for (const line of mounts.split('\n')) {
    const [, mountPoint, type, options] = line.split(' ');
    if (!mountPoint || !options) continue;
    const path = mountPoint.replace(/\\040/g, ' ');
    if (type === 'cgroup2') found.push({ version: 2, mountPoint: path, controllers: v2Controllers(path) });
    if (type === 'cgroup') {
      const controllers = options.split(',').filter((o) => V1_CONTROLLERS.has(o));
      found.push({ version: 1, mountPoint: path, controllers });
    }
  }
  return found.sort((a, b) => b.version - a.version);
}

/** Controllers a v1 mount option may name (other options are mount flags). */
const V1_CONTROLLERS = new Set([
  'cpu', 'cpuacct', 'cpuset', 'memory', 'devices', 'freezer', 'net_cls', 'blkio', 'perf_event',
  'net_prio', 'hugetlb', 'pids', 'rdma', 'misc',
]);

function v2Controllers(mountPoint: string): string[] {
  try {
    return readFileSync(join(mountPoint, 'cgroup.controllers'), 'utf8').trim().split(/\s+/).filter(Boolean);
  } catch {
    return [];
  }
}

/** Lists this machine's cgroup hierarchies (from /proc/self/mounts), v2 first. */
export function cgroupHierarchies(): CgroupHierarchy[] {
  try {
    return parseCgroupMounts(readFileSync('/proc/self/mounts', 'utf8'));
  } catch {
    return [];
  }
}

/** The controllers a v2 hierarchy's root passes on to its children (cgroup.subtree_control). */
export function v2SubtreeControllers(mountPoint: string): string[] {
  try {
    return readFileSync(join(mountPoint, 'cgroup.subtree_control'), 'utf8').trim().split(/\s+/).filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * Whether a group can really be created under `mountPoint`: makes and removes a probe group
 * (a writable-looking mount may still refuse: read-only, delegated elsewhere, not root).
 * Returns null when it can, else the reason.
 */
export function probeCgroupWritable(mountPoint: string): string | null {
  const probe = join(mountPoint, `ptydeck-probe-${process.pid}-${Date.now()}`);
  try {
    mkdirSync(probe);
  } catch (error) {
    return `cannot create a group in ${mountPoint}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  }
  try {
    rmdirSync(probe);
  } catch {
    // a fresh, empty group is always removable; nothing sensible to do if not
  }
  return null;
}
