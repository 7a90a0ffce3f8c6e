// The demo manifest: what a compiled deck declares it may run. The server runs these entries
// and nothing else; the browser names a demo by (deck, id, step) and never sends a command.

/** One step: a command typed into the demo's shell, and the output the slide expects. */
export interface DemoStep {
  /** The command line as typed (continuation lines joined with "\n"). */
  readonly command: string;
  /** Lines of expected output written under the step in the Markdown (may be empty). */
  readonly expect: readonly string[];
}

/** Options from a demo block's info string, after validation and defaults. */
export interface DemoOptions {
  /** Requirements checked before a live run (see KNOWN_REQUIREMENTS). */
  readonly requires: readonly string[];
  /** Per-step time-out in seconds. */
  readonly timeout: number;
  /** Working directory, relative to the project root. */
  readonly cwd: string | null;
  readonly cols: number;
  readonly rows: number;
  readonly title: string | null;
  /** The presenter may type freely into the shell. */
  readonly interactive: boolean;
}

/** One demo block of a deck, as the server may run it. */
export interface DemoEntry {
  /** Deck name: the Markdown file's base name (`slides/<deck>.md`). */
  readonly deck: string;
  /** Unique in the deck, `[a-z0-9-]+`. */
  readonly id: string;
  /** Hidden steps run before the first visible one. */
  readonly setup: readonly string[];
  readonly steps: readonly DemoStep[];
  /** Hidden steps always run after the demo ends, is reset, interrupted or the server stops. */
  readonly teardown: readonly string[];
  readonly options: DemoOptions;
  /** Hash of everything that changes what runs: a recording with another hash is stale. */
  readonly hash: string;
  /** 1-based line of the opening fence in the deck's Markdown. */
  readonly line: number;
}

/** Defaults for options a block leaves out. Sized for a 16:9 slide at reveal's 960×700. */
export const DEMO_DEFAULTS = {
  /** Seconds a step may run before it is reported as timed out (docker builds need ~20 s). */
  timeout: 30,
  cols: 80,
  rows: 18,
} as const;

/** Bounds for cols/rows a block may ask for: beyond these the slide cannot show it legibly. */
export const DEMO_SIZE_LIMITS = { minCols: 20, maxCols: 240, minRows: 4, maxRows: 80 } as const;

/** The longest per-step time-out a block may declare, in seconds (a talk cannot wait longer). */
export const DEMO_MAX_TIMEOUT = 600;

/**
 * Requirement names a demo may declare. `cmd:NAME` is also accepted: NAME must be on PATH.
 * Each is checked for real before a live run (root, a writable cgroup hierarchy, a daemon…).
 */
export const KNOWN_REQUIREMENTS = [
  'linux',
  'root',
  'unshare',
  'userns',
  'nsenter',
  'netns',
  'cgroup',
  'cgroup-v1',
  'cgroup-v2',
  'overlayfs',
  'docker',
  'cc',
  'python3',
  'strace',
  'busybox',
  'curl',
] as const;

export type KnownRequirement = (typeof KNOWN_REQUIREMENTS)[number];

/** The id pattern of a demo: what may appear in a URL, a file name and a socket payload. */
export const DEMO_ID_PATTERN = /^[a-z0-9-]+$/;
