// Parses a ```demo block: its info string into options, its transcript into steps.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { DemoEntry, DemoOptions, DemoStep } from '../../protocol/demo-manifest.ts';
import { DEMO_DEFAULTS, DEMO_ID_PATTERN, DEMO_MAX_TIMEOUT, DEMO_SIZE_LIMITS, KNOWN_REQUIREMENTS } from '../../protocol/demo-manifest.ts';
import type { FenceInfo } from './fence-info.ts';

const KEYS = new Set(['id', 'requires', 'timeout', 'cwd', 'cols', 'rows', 'title', 'interactive']);
const KNOWN = new Set<string>(KNOWN_REQUIREMENTS);

/** A problem found in a demo block, at a 0-based line offset from the opening fence. */
export interface DemoProblem {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly message: string;
  readonly offset: number;
}

export interface ParsedDemo {
  /** The manifest entry, or null when the block has an error that stops it from running. */
  readonly entry: DemoEntry | null;
  /** What the transcript shows, valid or not. */
  readonly id: string;
  readonly title: string | null;
  readonly requires: readonly string[];
  readonly steps: readonly DemoStep[];
  readonly options: DemoOptions;
  readonly problems: readonly DemoProblem[];
}

/** Parses a demo block; `line` is the opening fence's 1-based line in the deck. */
export function parseDemo(info: FenceInfo, body: string, deck: string, line: number, projectRoot: string): ParsedDemo {
  const problems: DemoProblem[] = [];
  const problem = (severity: DemoProblem['severity'], code: string, message: string, offset = 0) =>
    problems.push({ severity, code, message, offset });
  const keys = new Map<string, string>();
  for (const [key, value] of info.keys) {
    if (!KEYS.has(key)) problem('warning', 'demo-unknown-key', `unknown demo key "${key}" (known: ${[...KEYS].join(', ')})`);
    else if (keys.has(key)) problem('warning', 'demo-repeated-key', `demo key "${key}" is given twice; the last one wins`);
    keys.set(key, value);
  }
  const id = keys.get('id') ?? '';
  let fatal = false;
  if (!id) {
    problem('error', 'demo-id-missing', 'demo block needs an id: ```demo id=my-demo');
    fatal = true;
  } else if (!DEMO_ID_PATTERN.test(id)) {
    problem('error', 'demo-id-invalid', `demo id "${id}" may use only a-z, 0-9 and -`);
    fatal = true;
  }
  const requires = (keys.get('requires') ?? '').split(',').map((r) => r.trim()).filter(Boolean);
  for (const r of requires) {
    if (!KNOWN.has(r) && !/^cmd:[\w.+-]+$/.test(r)) {
      problem('warning', 'demo-unknown-requirement', `unknown requirement "${r}" (known: ${KNOWN_REQUIREMENTS.join(', ')}, or cmd:NAME)`);
    }
  }
  const number = (key: 'timeout' | 'cols' | 'rows', min: number, max: number, fallback: number): number => {
    const raw = keys.get(key);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problem('warning', 'demo-bad-number', `${key}=${raw} must be a whole number from ${min} to ${max}; using ${fallback}`);
      return fallback;
    }
    return n;
  };
  let cwd = keys.get('cwd') ?? null;
  if (cwd !== null && (path.isAbsolute(cwd) || !path.resolve(projectRoot, cwd).startsWith(projectRoot))) {
    problem('error', 'demo-cwd-outside', `cwd=${cwd} must be a folder inside the project, relative to its root`);
    cwd = null;
    fatal = true;
  }
  const interactiveRaw = keys.get('interactive');
  const options: DemoOptions = {
    requires,
    timeout: number('timeout', 1, DEMO_MAX_TIMEOUT, DEMO_DEFAULTS.timeout),
    cwd,
    cols: number('cols', DEMO_SIZE_LIMITS.minCols, DEMO_SIZE_LIMITS.maxCols, DEMO_DEFAULTS.cols),
    rows: number('rows', DEMO_SIZE_LIMITS.minRows, DEMO_SIZE_LIMITS.maxRows, DEMO_DEFAULTS.rows),
    title: keys.get('title') || null,
    interactive: interactiveRaw !== undefined && interactiveRaw !== 'false',
  };
  const script = parseTranscript(body, problem);
  if (script.steps.length === 0 && !options.interactive) {
    problem('warning', 'demo-no-steps', 'demo has no steps: write commands as lines starting with "$ "');
  }
  const hash = hashDemo(script.setup, script.steps, script.teardown, options);
  const entry: DemoEntry | null = fatal
    ? null
    : { deck, id, setup: script.setup, steps: script.steps, teardown: script.teardown, options, hash, line };
  return { entry, id, title: options.title, requires, steps: script.steps, options, problems };
}

interface Transcript {
  setup: string[];
  steps: DemoStep[];
  teardown: string[];
}

/** Reads `$ cmd` lines (with `\` and `> ` continuations), expected output, setup:/teardown:. */
function parseTranscript(body: string, problem: (s: 'error' | 'warning', c: string, m: string, o?: number) => void): Transcript {
  const result: Transcript = { setup: [], steps: [], teardown: [] };
  let section: 'setup' | 'steps' | 'teardown' = 'steps';
  let current: { command: string[]; expect: string[] } | null = null;
  let continuing = false;
  const flush = () => {
    if (!current) return;
    const command = current.command.join('\n');
    if (section === 'steps') {
      while (current.expect.length && current.expect[current.expect.length - 1]!.trim() === '') current.expect.pop();
      result.steps.push({ command, expect: current.expect });
    } else {
      result[section].push(command);
    }
    current = null;
  };
  const lines = body.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  lines.forEach((line, index) => {
    const offset = index + 1;
    if (current && (continuing || line.startsWith('> '))) {
      current.command.push(continuing ? line : line.slice(2));
      continuing = line.endsWith('\\');
      return;
    }
    const header = /^(setup|steps|teardown):\s*$/.exec(line);
    if (header) {
      flush();
      section = header[1] as typeof section;
      return;
    }
    if (line.startsWith('$ ') || line === '$') {
      flush();
      current = { command: [line.slice(2)], expect: [] };
      continuing = line.endsWith('\\');
      if (line.slice(2).trim() === '') problem('warning', 'demo-empty-step', 'empty step "$ " does nothing', offset);
      return;
    }
    if (current && section === 'steps') current.expect.push(line);
    else if (line.trim() !== '') {
      problem('warning', 'demo-stray-line', `line "${line.slice(0, 40)}" is neither a "$ " step nor output of one`, offset);
    }
  });
  flush();
  return result;
}

/** Everything that changes what runs, hashed: a recording with another hash is stale. */
export function hashDemo(setup: readonly string[], steps: readonly DemoStep[], teardown: readonly string[], options: DemoOptions): string {
  const { title: _title, ...runOptions } = options;
  const canonical = JSON.stringify({ setup, steps: steps.map((s) => s.command), teardown, options: runOptions });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}
