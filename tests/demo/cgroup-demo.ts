// Builds a cgroup demo for whichever hierarchy this machine has: create, limit, join, read, leave, remove.

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoEntry } from '../../protocol/demo-manifest.ts';
import { cgroupHierarchies, probeCgroupWritable, v2SubtreeControllers } from '../../server/demo/cgroup-hierarchy.ts';
import { demoEntry } from './demo-entry.ts';

/** Where a cgroup demo runs, and which limit it sets. */
export interface CgroupTarget {
  readonly version: 1 | 2;
  readonly mountPoint: string;
  /** The limit file written and read back, and the value written. */
  readonly limitFile: string;
  readonly limitValue: string;
  /** The group this process (so the demo shell) is in now, to move back to. */
  readonly home: string;
}

/** The group this process is in on a hierarchy (`/` when /proc/self/cgroup does not say). */
function ownGroup(version: 1 | 2, controller: string): string {
  for (const line of readFileSync('/proc/self/cgroup', 'utf8').split('\n')) {
    const [id, controllers, path] = line.split(':');
    if (path === undefined) continue;
    if (version === 2 && id === '0' && controllers === '') return path;
    if (version === 1 && controllers?.split(',').includes(controller)) return path;
  }
  return '/';
}

/**
 * Finds a writable hierarchy of `version`: v1 uses the pids controller (pids.max); v2 uses
 * pids.max when the root passes the pids controller on, else cgroup.max.descendants, a limit
 * every v2 group has (a hybrid machine's v2 tree usually has no controllers). Returns the
 * target, or why there is none.
 */
export function findCgroupTarget(version: 1 | 2): CgroupTarget | string {
  for (const h of cgroupHierarchies()) {
    if (h.version !== version) continue;
    if (version === 1 && !h.controllers.includes('pids')) continue;
    const refused = probeCgroupWritable(h.mountPoint);
    if (refused) return refused;
    const pids = version === 1 || v2SubtreeControllers(h.mountPoint).includes('pids');
    return {
      version,
      mountPoint: h.mountPoint,
      limitFile: pids ? 'pids.max' : 'cgroup.max.descendants',
      limitValue: pids ? '20' : '2',
      home: ownGroup(version, 'pids'),
    };
  }
  return version === 1 ? 'no cgroup v1 pids hierarchy is mounted' : 'no cgroup v2 hierarchy is mounted';
}

/** A cgroup demo on `target`, with a fresh group name; `group` is the path it creates. */
export function cgroupDemo(target: CgroupTarget): { entry: DemoEntry; group: string } {
  const group = join(target.mountPoint, `ptydeck-test-${randomBytes(4).toString('hex')}`);
  const home = join(target.mountPoint, target.home, 'cgroup.procs');
  const entry = demoEntry(`cgroup-v${target.version}`, [
    `mkdir ${group}`,
    `echo ${target.limitValue} > ${group}/${target.limitFile}`,
    `echo $$ > ${group}/cgroup.procs`,
    `cat ${group}/${target.limitFile}`,
    'cat /proc/self/cgroup',
    `echo $$ > ${home}`,
    `rmdir ${group}`,
  ], {
    options: { requires: ['root', target.version === 1 ? 'cgroup-v1' : 'cgroup-v2'] },
    teardown: [`if [ -d ${group} ]; then rmdir ${group}; fi`],
  });
  return { entry, group };
}
