// One real check per requirement name a demo may declare: what `requires=` means on this machine.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { release } from 'node:os';
import type { KnownRequirement } from '../../protocol/demo-manifest.ts';
import { cgroupHierarchies, probeCgroupWritable, v2SubtreeControllers } from './cgroup-hierarchy.ts';
import { findCommand } from './find-command.ts';
import { runCommand } from './run-command.ts';

/** Whether a requirement holds, with a sentence a presenter can act on. */
export interface ProbeResult {
  readonly ok: boolean;
  readonly detail: string;
}

/** What probes may use: the PATH and environment demo shells get. */
export interface ProbeContext {
  readonly env: NodeJS.ProcessEnv;
}

/** How long a probe command (unshare, ip) may take, in ms: these answer in milliseconds. */
export const PROBE_TIMEOUT_MS = 3_000;
/** How long `docker info` may take, in ms: a daemon that needs longer will not serve a talk. */
export const DOCKER_INFO_TIMEOUT_MS = 3_000;

const SUDO_HINT = 'run ptydeck with sudo';

function isRoot(): boolean {
  return process.geteuid?.() === 0;
}

/** Checks that `name` is an executable on the demo PATH. */
export function probeCommand(name: string, ctx: ProbeContext, what = name): ProbeResult {
  const found = findCommand(name, ctx.env.PATH ?? '');
  return found
    ? { ok: true, detail: `${what}: ${found}` }
    : { ok: false, detail: `needs ${what}: \`${name}\` is not on PATH; install it or replay the recording` };
}

/** Runs a command that must exit 0 for the requirement to hold. */
async function probeRun(file: string, args: string[], ctx: ProbeContext, what: string): Promise<ProbeResult> {
  const found = probeCommand(file, ctx, what);
  if (!found.ok) return found;
  const run = await runCommand(file, args, { timeoutMs: PROBE_TIMEOUT_MS, env: ctx.env });
  const shown = `\`${[file, ...args].join(' ')}\``;
  if (run.code === 0) return { ok: true, detail: `${what}: ${shown} works` };
  const why = run.timedOut ? `took over ${PROBE_TIMEOUT_MS} ms` : (run.stderr.trim() || run.startError || `exit ${run.code}`);
  const hint = isRoot() ? '' : `; ${SUDO_HINT}`;
  return { ok: false, detail: `needs ${what}: ${shown} failed (${why})${hint}` };
}

function probeCgroup(version: 1 | 2 | 'any'): ProbeResult {
  const all = cgroupHierarchies().filter((h) => version === 'any' || h.version === version);
  const label = version === 'any' ? 'a cgroup hierarchy' : `cgroup v${version}`;
  if (all.length === 0) return { ok: false, detail: `needs ${label}: none is mounted` };
  const reasons: string[] = [];
  for (const h of all) {
    if (h.version === 1 && h.controllers.length === 0) continue; // name=systemd and the like
    const refused = probeCgroupWritable(h.mountPoint);
    if (refused) {
      reasons.push(refused);
      continue;
    }
    const controllers = h.controllers.join(' ') || 'none';
    const detail =
      h.version === 2
        ? `cgroup v2 at ${h.mountPoint} is writable; controllers available: ${controllers}; ` +
          `enabled for child groups: ${v2SubtreeControllers(h.mountPoint).join(' ') || 'none'}`
        : `cgroup v1 at ${h.mountPoint} (${controllers}) is writable`;
    return { ok: true, detail };
  }
  const hint = isRoot() ? '' : `; ${SUDO_HINT}`;
  return { ok: false, detail: `needs ${label} writable: ${reasons.join('; ') || 'no controller is mounted'}${hint}` };
}

function probeOverlay(): ProbeResult {
  try {
    if (/\toverlay$/m.test(readFileSync('/proc/filesystems', 'utf8'))) {
      return { ok: true, detail: 'overlayfs: in /proc/filesystems' };
    }
  } catch {
    // no /proc/filesystems: fall through to the module check
  }
  // Not loaded yet: mounting an overlay loads the module on demand, if it is installed.
  const dir = `/lib/modules/${release()}/kernel/fs/overlayfs`;
  if (existsSync(dir) && readdirSync(dir).some((f) => f.startsWith('overlay.ko'))) {
    return { ok: true, detail: `overlayfs: module in ${dir}, loaded on first mount` };
  }
  return { ok: false, detail: 'needs overlayfs: the kernel lists no overlay file system (modprobe overlay)' };
}

async function probeDocker(ctx: ProbeContext): Promise<ProbeResult> {
  const found = probeCommand('docker', ctx, 'the docker CLI');
  if (!found.ok) return found;
  const run = await runCommand('docker', ['info', '--format', '{{.ServerVersion}}'], {
    timeoutMs: DOCKER_INFO_TIMEOUT_MS,
    env: ctx.env,
  });
  const where = ctx.env.DOCKER_HOST ? ` at ${ctx.env.DOCKER_HOST}` : '';
  if (run.code === 0) return { ok: true, detail: `docker: engine ${run.stdout.trim()}${where} answers` };
  const why = run.timedOut
    ? `no answer within ${DOCKER_INFO_TIMEOUT_MS} ms`
    : (run.stderr.trim().split('\n')[0] ?? `exit ${run.code}`);
  return { ok: false, detail: `needs a running docker engine${where}: \`docker info\` failed (${why})` };
}

/** The probe for each known requirement: one entry per name, in KNOWN_REQUIREMENTS order. */
export const REQUIREMENT_PROBES: Record<KnownRequirement, (ctx: ProbeContext) => ProbeResult | Promise<ProbeResult>> = {
  linux: () =>
    process.platform === 'linux'
      ? { ok: true, detail: `Linux ${release()}` }
      : { ok: false, detail: `needs Linux (this is ${process.platform}): the demo replays its recording` },
  root: () => (isRoot() ? { ok: true, detail: 'running as root' } : { ok: false, detail: `needs root: ${SUDO_HINT}` }),
  unshare: (ctx) => probeRun('unshare', ['--uts', 'true'], ctx, 'unshare (UTS namespaces)'),
  userns: (ctx) => probeRun('unshare', ['--user', 'true'], ctx, 'user namespaces'),
  nsenter: (ctx) => probeCommand('nsenter', ctx),
  netns: (ctx) => probeRun('ip', ['netns', 'list'], ctx, 'network namespaces (ip netns)'),
  cgroup: () => probeCgroup('any'),
  'cgroup-v1': () => probeCgroup(1),
  'cgroup-v2': () => probeCgroup(2),
  overlayfs: () => probeOverlay(),
  docker: (ctx) => probeDocker(ctx),
  cc: (ctx) => probeCommand('cc', ctx, 'a C compiler (cc)'),
  python3: (ctx) => probeCommand('python3', ctx),
  strace: (ctx) => probeCommand('strace', ctx),
  busybox: (ctx) => probeCommand('busybox', ctx),
  curl: (ctx) => probeCommand('curl', ctx),
};
