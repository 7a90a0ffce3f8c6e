// A soak: seeded random runs of demo steps, interrupts, resets, disconnects and reloads against
// `ptydeck dev` in its own process, then an account of what is left: processes tagged with a
// demo session, namespaces, cgroups, mounts, the server's file descriptors, and its memory
// sampled along the way. tests/reliability/soak.test.ts runs it small, the bench large.
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { emitAny, tryConnect } from '../live/client-helpers.ts';
import { tempProject } from '../live/fixture-helpers.ts';
import { added, cgroupFolders, DemoProcessWatch, liveNamespaces, markOwnDemoProcesses, mounts, ownDemoProcesses, settle } from '../live/host-state-helpers.ts';
import type { ClientSocket } from '../live/live-harness.ts';
import { pick, seededRandom } from './seeded-random.ts';
import { freePort, startServerProcess, type ServerProcess } from './server-process.ts';

export interface SoakOptions {
  readonly runs: number;
  readonly seed: number;
  /** Clients acting at once, each from its own seeded sequence. */
  readonly lanes: number;
  /** How many RSS samples to take over the soak (one every runs/samples runs). */
  readonly samples: number;
  /** Extra environment for the server (NODE_OPTIONS to bound its heap, when hunting a leak). */
  readonly serverEnv?: NodeJS.ProcessEnv;
}

export interface SoakReport {
  readonly runs: number;
  readonly seconds: number;
  readonly actions: Record<string, number>;
  /** Reply codes: ok, busy, confirm-next, cancelled, …; `internal` or `no-reply` are failures. */
  readonly replies: Record<string, number>;
  /** Replies the server should never give: an internal error, or none at all. */
  readonly failures: string[];
  /** The server's RSS (bytes) after warm-up and every runs/samples runs after that. */
  readonly rss: number[];
  /** The server's open file descriptors after warm-up, and at the end in the same state. */
  readonly fds: { readonly baseline: number; readonly after: number };
  readonly leftovers: { readonly processes: string[]; readonly cgroups: string[]; readonly namespaces: string[]; readonly mounts: string[]; readonly containers: string[] | null };
  readonly namespacesCreated: number;
  readonly teardowns: number;
  readonly serverExit: number | null;
}

const hasV2 = fs.readFileSync('/proc/mounts', 'utf8').split('\n').some((l) => l.split(' ')[2] === 'cgroup2');
const hasV1Pids = fs.existsSync('/sys/fs/cgroup/pids/tasks');
/** The image the docker demo runs (`ptydeck prepare` builds it) and the label its containers carry. */
const SOAK_IMAGE = 'ptydeck/busybox';
const SOAK_LABEL = 'ptydeck-soak=1';

/** A docker engine answers (DOCKER_HOST or the default socket) and has the demo image. */
function dockerReady(): boolean {
  try {
    execFileSync('docker', ['image', 'inspect', SOAK_IMAGE], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/** Containers of the docker demo still there, running or not. */
function soakContainers(): string[] {
  const out = execFileSync('docker', ['ps', '-aq', '--filter', `label=${SOAK_LABEL}`], { encoding: 'utf8', timeout: 10_000 });
  return out.split('\n').filter(Boolean);
}

/** Whether the soak runs the docker demo, and so counts leftover containers: said in every report. */
export const SOAK_DOCKER = dockerReady();
/** Demos of tests/fixtures/live-security/slides/soak.md: namespaces, cgroups, a flood, docker. */
export const SOAK_DEMOS = ['uts', 'pid', 'flood', ...(hasV2 ? ['cgroup-v2'] : []), ...(hasV1Pids ? ['cgroup-v1'] : []), ...(SOAK_DOCKER ? ['docker'] : [])];
const ACTIONS = ['step', 'steps', 'run-all', 'interrupt', 'reset', 'disconnect', 'reset-mid-step', 'disconnect-mid-step', 'reload'] as const;
/** A reply slower than this is a hang, not a slow step (ms): steps time out at 10 s in soak.md. */
const REPLY_TIMEOUT_MS = 60_000;
/** How long the server's descriptors may take to come back to their baseline (ms): sockets close asynchronously. */
const FD_SETTLE_MS = 15_000;
/** A pause before the baseline is read (ms), for the warm-up's closed socket to be closed on the server too. */
const FD_QUIET_MS = 1_000;

type Reply = { ok: true } | { ok: false; error: { code: string; message: string } };

async function connect(server: ServerProcess): Promise<ClientSocket> {
  const connected = await tryConnect(server.url, { auth: { token: server.token } });
  if ('error' in connected) throw new Error(`could not connect: ${connected.error}`);
  const { socket } = connected;
  // Acknowledge output as a page does, so flow control never holds the demos back.
  socket.on('demo:output', ({ deck, id, data }) => socket.emit('output:ack', { deck, id, bytes: data.length }));
  return socket;
}

/** Brings every soak demo to a fresh shell at its prompt: the same state before and after. */
async function resetAll(server: ServerProcess, request: (s: ClientSocket, e: string, id: string) => Promise<Reply | 'no-reply'>): Promise<void> {
  const socket = await connect(server);
  for (const id of SOAK_DEMOS) {
    await request(socket, 'demo:attach', id);
    await request(socket, 'demo:reset', id);
  }
  socket.close();
}

async function settledFds(server: ServerProcess, baseline: number): Promise<number> {
  const end = Date.now() + FD_SETTLE_MS;
  let count = server.fdCount();
  while (count > baseline && Date.now() < end) {
    await sleep(100);
    count = server.fdCount();
  }
  return count;
}

/** Runs the soak and reports; throws only when the server cannot be started or reached at all. */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const marker = markOwnDemoProcesses();
  const project = tempProject(['soak.md']);
  const baseline = { namespaces: liveNamespaces(), mounts: mounts(project.root) };
  const server = await startServerProcess(project.slides, await freePort(), randomBytes(16).toString('hex'), options.serverEnv);
  const watch = new DemoProcessWatch(marker, 50);
  const actions: Record<string, number> = {};
  const replies: Record<string, number> = {};
  const failures: string[] = [];
  const tally = (counts: Record<string, number>, key: string) => (counts[key] = (counts[key] ?? 0) + 1);
  const request = async (socket: ClientSocket, event: string, id: string): Promise<Reply | 'no-reply'> => {
    const reply = (await emitAny(socket, event, { deck: 'soak', id }, REPLY_TIMEOUT_MS)) as Reply | 'no-reply';
    const code = reply === 'no-reply' ? 'no-reply' : reply.ok ? 'ok' : reply.error.code;
    tally(replies, code);
    if (code === 'internal' || code === 'no-reply') failures.push(`${event} ${id}: ${JSON.stringify(reply)}`);
    return reply;
  };
  const every = Math.max(1, Math.floor(options.runs / options.samples));
  const started = Date.now();
  let runs = 0;
  let serverExit: number | null = null;
  let fds = { baseline: 0, after: 0 };
  const rss: number[] = [];
  try {
    // Warm-up: one shell into a new UTS namespace, held until the watch has seen it, so the
    // namespace count does not hang on a 50 ms sample catching a random run's short-lived one.
    const warm = await connect(server);
    await request(warm, 'demo:attach', 'uts');
    await request(warm, 'demo:step', 'uts');
    await settle(() => (added(baseline.namespaces, watch.namespaces()).length > 0 ? [] : ['none seen yet']));
    warm.close();
    await resetAll(server, request);
    await sleep(FD_QUIET_MS);
    fds = { baseline: server.fdCount(), after: 0 };
    rss.push(server.rss());

    const lane = async (index: number): Promise<void> => {
      const random = seededRandom(options.seed + index);
      let socket = await connect(server);
      try {
        while (runs < options.runs) {
          if (++runs % every === 0) rss.push(server.rss());
          const id = pick(random, SOAK_DEMOS);
          const action = pick(random, ACTIONS);
          tally(actions, action);
          await request(socket, 'demo:attach', id);
          // The flood never ends by itself: it is always interrupted (or reset, or left).
          const endless = id === 'flood' && (action === 'step' || action === 'steps' || action === 'run-all');
          switch (endless ? 'interrupt' : action) {
            case 'step':
              await request(socket, 'demo:step', id);
              break;
            case 'steps':
              for (let i = 0; i < 3; i++) await request(socket, 'demo:step', id);
              break;
            case 'run-all':
              await request(socket, 'demo:run-all', id);
              break;
            case 'interrupt':
            case 'reset-mid-step': {
              const step = request(socket, 'demo:step', id);
              await sleep(random() * 300);
              await request(socket, action === 'reset-mid-step' ? 'demo:reset' : 'demo:interrupt', id);
              await step;
              break;
            }
            case 'reset':
              await request(socket, 'demo:reset', id);
              break;
            case 'disconnect':
            case 'disconnect-mid-step':
            case 'reload':
              if (action === 'disconnect-mid-step') {
                socket.emit('demo:step', { deck: 'soak', id }, () => undefined);
                await sleep(random() * 200);
              }
              // The page goes away; a new one (a reload) takes its place and attaches again.
              socket.close();
              socket = await connect(server);
              if (action === 'reload') await request(socket, 'demo:attach', id);
              break;
          }
          // A demo left at its end or in a namespace is reset now and then, as a presenter would.
          if (random() < 0.3) await request(socket, 'demo:reset', id);
        }
      } finally {
        socket.close();
      }
    };
    await Promise.all(Array.from({ length: options.lanes }, (_, index) => lane(index)));
    await resetAll(server, request);
    fds = { ...fds, after: await settledFds(server, fds.baseline) };
    rss.push(server.rss());
  } finally {
    serverExit = await server.stop();
    watch.stop();
  }
  const processes = (await settle(() => ownDemoProcesses(marker))).map((p) => `${p.pid} ${p.command}`);
  const cgroups = await settle(() => cgroupFolders('ptydeck-live-'));
  const created = added(baseline.namespaces, watch.namespaces());
  const namespaces = await settle(() => {
    const alive = liveNamespaces();
    return created.filter((ns) => alive.has(ns));
  });
  const leftMounts = await settle(() => added(baseline.mounts, mounts(project.root)));
  const containers = SOAK_DOCKER ? await settle(soakContainers) : null;
  const teardowns = project.read('teardowns').split('\n').filter(Boolean).length;
  project.remove();
  return {
    runs,
    seconds: (Date.now() - started) / 1000,
    actions,
    replies,
    failures,
    rss,
    fds,
    leftovers: { processes, cgroups, namespaces, mounts: leftMounts, containers },
    namespacesCreated: created.length,
    teardowns,
    serverExit,
  };
}

/** The report's leaks, as sentences; empty when the host is as the soak found it. */
export function soakLeaks(report: SoakReport): string[] {
  const { processes, cgroups, namespaces, mounts: leftMounts, containers } = report.leftovers;
  return [
    ...processes.map((p) => `process ${p}`),
    ...cgroups.map((c) => `cgroup ${c}`),
    ...namespaces.map((n) => `namespace ${n}`),
    ...leftMounts.map((m) => `mount ${m}`),
    ...(containers ?? []).map((c) => `container ${c}`),
    ...(report.fds.after > report.fds.baseline ? [`${report.fds.after - report.fds.baseline} file descriptors`] : []),
  ];
}

/**
 * RSS growth (bytes) from the first sample after warm-up to the last: the first flood sets the
 * high-water mark of malloc's arenas and V8's pages once (RSS is seldom given back); a leak is
 * growth after that.
 */
export function rssGrowth(rss: readonly number[]): number {
  return rss.at(-1)! - rss[Math.min(1, rss.length - 1)]!;
}

/** RSS samples as `52→55→54 MB`. */
export function rssCurve(rss: readonly number[]): string {
  return rss.map((bytes) => Math.round(bytes / (1024 * 1024))).join('→') + ' MB';
}
