// What each deck demo must show besides exit codes: the point the talk makes with it (the
// hostname inside a UTS namespace, PID 1, the OOM kill, copy-up and whiteout, the layer cache),
// and the few steps that fail on purpose.

import { hostname } from 'node:os';
import { expect } from 'vitest';
import type { StepResult } from '../../server/demo/demo-result.ts';

/** The step results of one run, by index; `out(i)` is step i's output, trimmed. */
export interface RunView {
  readonly results: readonly StepResult[];
  out(index: number): string;
}

export interface DemoCheck {
  /** Steps that exit non-zero on purpose, index → exit code; `why` says what the audience learns. */
  readonly exits?: Readonly<Record<number, number>>;
  readonly why?: string;
  /** Assertions on the outputs: the demo's point, as the speaker notes state it. */
  readonly essential?: (run: RunView) => void;
}

/** Matches a whole line of output. */
function line(pattern: string): RegExp {
  return new RegExp(`^${pattern}$`, 'm');
}

/** How often `needle` occurs in `text`. */
function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** A nested shell set the hostname inside its UTS namespace, and the host kept its own. */
function utsChecks(setAt: number, inside: string, hostAt: readonly number[]): (run: RunView) => void {
  return ({ out }) => {
    expect(out(setAt)).toBe(inside);
    for (const i of hostAt) expect(out(i), `step ${i} runs on the host`).toBe(hostname());
  };
}

/** The memory cgroup demo: 32 MiB fit under 64 MiB, 128 MiB get the process OOM-killed. */
function oomChecks(fits: number, killed: number): (run: RunView) => void {
  return ({ out }) => {
    expect(out(fits)).toContain('exited normally');
    expect(out(fits)).toMatch(/oom_kill 0$/m);
    expect(out(killed)).toContain('killed: SIGKILL from the OOM killer');
    expect(out(killed)).toMatch(/oom_kill [1-9]\d*$/m);
  };
}

/** A veth pair between two namespaces carries pings. */
function pingChecks(at: number, sent: number): (run: RunView) => void {
  return ({ out }) => expect(out(at)).toMatch(new RegExp(`${sent} packets transmitted, ${sent} received`));
}

/** --restart=always: after kill -9 the daemon started a new process. */
function restartChecks(first: number, again: number): (run: RunView) => void {
  return ({ out }) => {
    expect(out(first)).toMatch(/^pid \d+, restarts 0$/);
    expect(out(again)).toMatch(/^pid \d+, restarts [1-9]\d*$/);
    expect(out(again).split(',')[0]).not.toBe(out(first).split(',')[0]);
  };
}

/** A whiteout: the character device 0,0 an overlay leaves in the upper layer for a deleted file. */
function whiteout(name: string): RegExp {
  return line(`c-+\\s+\\d+\\s+\\S+\\s+\\S+\\s+0,\\s*0\\s.*\\s${name}`);
}

/** Keyed `deck/id`. A demo without an entry must exit 0 at every step and match its transcript. */
export const DEMO_CHECKS: Readonly<Record<string, DemoCheck>> = {
  'computer-architecture/container-processes': {
    essential: ({ out }) => expect(out(2)).toMatch(line('NSpid:\\s+\\d+\\s+1')),
  },
  'computer-architecture/container-lab': { essential: utsChecks(3, 'incontainer', [5]) },
  'computer-architecture/docker-run': {
    essential: ({ out }) => {
      expect(out(1)).toBe('hello from a container');
      expect(out(2)).toMatch(line('\\s*1 root\\s+ps'));
      expect(out(4)).toBe(out(3));
    },
  },
  'container-basics/chroot-jail': {
    essential: ({ out }) => {
      expect(out(1)).toContain("/ is now: ['etc', 'tmp']");
      expect(out(1)).toContain('chroot again: Operation not permitted');
      expect(out(2)).toMatch(/^-rw------- 1 nobody \S+ .* secret$/m);
    },
  },
  'container-basics/cgroup-charlie': {
    essential: ({ out }) => {
      expect(out(1)).toMatch(/^Charlie is \S+\/Charlie \(cgroup v[12]\)/);
      expect(out(2)).toMatch(line('\\d+:(cpuset)?:/Charlie'));
      expect(out(4)).toMatch(/^removed \S+\/Charlie$/m);
      expect(out(5)).not.toContain('Charlie');
    },
  },
  'container-basics/pid-namespace': {
    essential: ({ out }) => {
      expect(out(2)).toBe('1');
      expect(out(3)).toMatch(line('\\s*1 \\S+\\s+\\S+ bash'));
    },
  },
  'container-basics/net-namespace': { essential: pingChecks(4, 1) },
  'container-basics/uts-namespace': { essential: utsChecks(3, 'incontainer', [0, 5]) },
  'container-basics/mount-namespace': {
    essential: ({ out }) => {
      expect(out(2)).toMatch(line('/tmp/ptydeck-cb-mnt\\s+cb-demo\\s+tmpfs\\s.*'));
      expect(out(4), 'the host sees neither the mount nor the file').toBe('');
    },
  },
  'container-basics/clone-uts': { essential: utsChecks(3, 'incontainer', [1, 5]) },
  'container-basics/docker-all-of-this': {
    essential: ({ out }) => {
      expect(out(0)).toBe('incontainer');
      expect(out(1)).toMatch(line('\\s*1 root\\s+ps'));
      expect(out(2)).toMatch(line('Cpus_allowed_list:\\s+0'));
    },
  },
  'containers-qa/sandbox': {
    essential: ({ out }) => {
      expect(out(2)).toBe('sandbox');
      expect(out(3)).toMatch(line('root\\s+1\\s+0\\s.*bash'));
    },
  },
  'containers-qa/ephemeral': {
    exits: { 1: 1 },
    why: 'the second container starts from the image and cannot find the file the first one wrote',
    essential: ({ out }) => {
      expect(out(0)).toBe('hello');
      expect(out(1)).toContain("can't open '/state'");
      expect(out(4)).toBe('kept');
    },
  },
  'containers-qa/image-layers': {
    essential: ({ out }) => {
      expect(out(3).split('\n').at(-1), 'the upper image layer wins').toBe('v2');
      expect(out(4).split('\n'), 'copy-up: the edit lands in the container layer, the image layer is unchanged').toEqual(['app.conf', 'v2']);
      expect(out(5)).toMatch(whiteout('os-release'));
    },
  },
  'containers-qa/docker-image': {
    essential: ({ out }) => {
      expect(out(3)).toMatch(line('\\s*1 root\\s+ps'));
      expect(out(4)).toMatch(/^[0-9a-f]{12}$/);
    },
  },
  'containers-qa/build-cache': {
    essential: ({ out }) => {
      expect(count(out(1), 'Running in')).toBeGreaterThan(0);
      expect(count(out(2), 'Using cache'), 'the second build is all cache hits').toBe(4);
      expect(out(2)).not.toContain('Running in');
      expect(count(out(4), 'Using cache'), 'the steps before the new line come from the cache').toBe(4);
      expect(count(out(4), 'Running in'), 'only the added line runs').toBe(1);
      expect(out(5).split('\n')[1]).toContain('one more line');
      expect(out(6)).toBe('hello from a layered image');
    },
  },
  'containers-qa/net-namespace': { essential: pingChecks(4, 3) },
  'containers-qa/cgroup-memory': { essential: oomChecks(2, 3) },
  'containers-qa/restart-policy': { essential: restartChecks(1, 3) },
  'existential-crisis/namespaces': {
    essential: ({ out }) => {
      const ns = (text: string, kind: string): string | undefined => text.split('\n').find((l) => l.startsWith(`${kind}:`));
      for (const kind of ['mnt', 'uts', 'ipc', 'net', 'pid']) expect(ns(out(2), kind)).not.toBe(ns(out(0), kind));
      expect(out(3)).toMatch(/^1: lo:/);
      expect(out(3)).not.toMatch(/^2: /m);
      expect(out(4)).toMatch(line('\\s*1 \\S+\\s+\\S+ bash'));
    },
  },
  'existential-crisis/same-kernel': {
    essential: ({ out }) => {
      expect(out(1)).toBe(out(0));
      expect(out(2)).toMatch(line('\\s*1 root\\s+ps'));
    },
  },
  'virtualization-ko/pid-namespace': {
    essential: ({ out }) => {
      expect(out(2)).toBe('1');
      expect(out(3)).toMatch(line('\\s*1\\s+0 bash'));
    },
  },
  'virtualization-ko/net-namespace': { essential: pingChecks(5, 3) },
  'virtualization-ko/uts-namespace': { essential: utsChecks(2, 'ko-container', [0, 4]) },
  'virtualization-ko/mount-namespace': {
    essential: ({ out }) => {
      expect(out(3)).toMatch(line('/tmp/ko-mnt-demo\\s+ko-tmpfs\\s+tmpfs\\s.*'));
      expect(out(5), 'the host sees neither the mount nor the file').toBe('');
    },
  },
  'virtualization-ko/ipc-namespace': {
    essential: ({ out }) => {
      const id = /Message queue id: (\d+)/.exec(out(0))?.[1];
      expect(id).toBeDefined();
      expect(out(1)).toMatch(new RegExp(`^0x[0-9a-f]+\\s+${id}\\s`, 'm'));
      expect(out(2)).not.toMatch(new RegExp(`^0x[0-9a-f]+\\s+${id}\\s`, 'm'));
    },
  },
  'virtualization-ko/user-namespace': {
    essential: ({ out }) => {
      expect(out(1)).toMatch(/^uid=65534\(/);
      expect(out(2)).toMatch(/^uid=0\(root\)/);
    },
  },
  'virtualization-ko/cgroup-memory': { essential: oomChecks(3, 4) },
  'virtualization-ko/overlayfs': {
    essential: ({ out }) => {
      expect(out(3).split('\n'), 'copy-up: the edit lands in upper, lower is unchanged').toEqual(['app.conf', 'from the image']);
      expect(out(4).split('\n')).toEqual(['from the image', 'changed in the container']);
      expect(out(5).split('\n')[0], 'the deleted file is gone from the merged view').toBe('app.conf');
      expect(out(5)).toMatch(whiteout('old.txt'));
    },
  },
  'virtualization-ko/docker-image': {
    essential: ({ out }) => expect(out(1)).toMatch(/^sha256:[0-9a-f]{64}$/),
  },
  'virtualization-ko/self-healing': { essential: restartChecks(1, 3) },
};
