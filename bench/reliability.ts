// The reliability bench: runs every part of bench/reliability that exports `run` (hostile
// browser, hostile output, protocol and compiler fuzzing, soak, load, faults), each within a
// time limit, prints one table of what was tried and what failed, and writes it with the
// machine, the seed and the command to reproduce into docs/reliability.md.
//
//   npx tsx bench/reliability.ts [--quick] [--seed N] [--only soak,faults] [--report docs/reliability.md]
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { ReliabilityOptions, ReliabilityPart, ReliabilityRow } from './reliability/row.ts';

const PARTS_DIR = path.join(import.meta.dirname, 'reliability');
/**
 * How long one part may run (ms): the full soak alone takes minutes on 2 cores; past this a part
 * is reported as hung rather than holding the table back for ever.
 */
const PART_LIMIT_MS = { quick: 5 * 60_000, full: 15 * 60_000 } as const;
/** A part exports `run`: found in its source before it is imported, so helper modules (some are child-process entry points) are never loaded. */
const EXPORTS_RUN = /^export\s+(const\s+run\b|(async\s+)?function\s+run\b)/m;

interface PartResult {
  readonly name: string;
  readonly rows: readonly ReliabilityRow[];
  readonly seconds: number;
}

function partFiles(only: readonly string[] | null): string[] {
  return fs
    .readdirSync(PARTS_DIR)
    .filter((file) => file.endsWith('.ts') && EXPORTS_RUN.test(fs.readFileSync(path.join(PARTS_DIR, file), 'utf8')))
    .filter((file) => only === null || only.includes(path.basename(file, '.ts')))
    .sort();
}

/** Runs one part within its limit; a throw or a hang becomes a failed row, never the end of the bench. */
async function runPart(file: string, options: ReliabilityOptions): Promise<PartResult> {
  const name = path.basename(file, '.ts');
  const started = Date.now();
  const limit = options.quick ? PART_LIMIT_MS.quick : PART_LIMIT_MS.full;
  const failedRow = (why: string): ReliabilityRow[] => [{ category: name, attack: `the ${name} part itself`, tried: 1, failed: 1, notes: why }];
  let timer: NodeJS.Timeout | undefined;
  try {
    const mod = (await import(pathToFileURL(path.join(PARTS_DIR, file)).href)) as { run?: ReliabilityPart };
    if (typeof mod.run !== 'function') return { name, rows: failedRow('exports no run function'), seconds: 0 };
    const hung = new Promise<ReliabilityRow[]>((resolve) => {
      timer = setTimeout(() => resolve(failedRow(`did not finish within ${limit / 1000} s`)), limit);
    });
    const rows = await Promise.race([mod.run(options), hung]);
    return { name, rows, seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { name, rows: failedRow(`threw: ${message.split('\n')[0]}`), seconds: (Date.now() - started) / 1000 };
  } finally {
    clearTimeout(timer);
  }
}

function tryRun(file: string, args: string[]): string {
  try {
    return execFileSync(file, args, { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n')[0] ?? '';
  } catch {
    return 'not found';
  }
}

/** What machine the figures come from: without it they cannot be compared. */
function describeMachine(): string[] {
  const cpus = os.cpus();
  const cgroup2Only = fs.existsSync('/sys/fs/cgroup/cgroup.controllers');
  const hybrid = fs.existsSync('/sys/fs/cgroup/unified');
  return [
    `${cpus.length} cores (${cpus[0]?.model ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory`,
    `Linux ${os.release()}, ${cgroup2Only ? 'cgroup v2' : hybrid ? 'hybrid cgroups (v1 controllers, v2 at /sys/fs/cgroup/unified)' : 'cgroup v1'}, ${process.getuid?.() === 0 ? 'root' : 'not root'}`,
    `Node ${process.version}; ${tryRun(process.env.PTYDECK_CHROMIUM ?? '/usr/bin/chromium', ['--version'])}; docker ${process.env.DOCKER_HOST ? `engine at ${process.env.DOCKER_HOST}` : 'engine not given (DOCKER_HOST unset)'}`,
    `load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} at the end`,
  ];
}

const cell = (text: string | number) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function printTable(rows: readonly ReliabilityRow[]): void {
  const header = ['category', 'attack', 'tried', 'failed', 'notes'];
  const lines = rows.map((r) => [r.category, r.attack, String(r.tried), String(r.failed), r.notes]);
  const widths = header.map((h, i) => Math.min(i === 4 ? 80 : 60, Math.max(h.length, ...lines.map((l) => l[i]!.length))));
  const fit = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));
  for (const line of [header, widths.map((w) => '-'.repeat(w)), ...lines]) {
    console.log(line.map((text, i) => fit(text, widths[i]!)).join('  '));
  }
}

function markdown(rows: readonly ReliabilityRow[], parts: readonly PartResult[], options: ReliabilityOptions, command: string): string {
  const tried = rows.reduce((n, r) => n + r.tried, 0);
  const failed = rows.reduce((n, r) => n + r.failed, 0);
  return [
    '# Reliability',
    '',
    'What was tried against ptydeck, and how much of it ptydeck survived as promised: hostile pages and',
    'output, fuzzed protocol messages and decks, a soak of random demo runs, many viewers on one demo,',
    'and faults injected into a running talk. Written by `npm run bench:reliability`; regenerate it',
    'with the command below (the seed replays every random choice).',
    '',
    `**${tried} tried, ${failed} failed**, ${options.quick ? 'quick run' : 'full run'}, seed \`${options.seed}\`, on ${new Date().toISOString().slice(0, 10)}.`,
    '',
    '| category | attack | tried | failed | notes |',
    '| --- | --- | ---: | ---: | --- |',
    ...rows.map((r) => `| ${cell(r.category)} | ${cell(r.attack)} | ${r.tried} | ${r.failed} | ${cell(r.notes)} |`),
    '',
    '## Reproduce',
    '',
    '```sh',
    command,
    '```',
    '',
    'Parts and their time: ' + parts.map((p) => `${p.name} ${p.seconds.toFixed(0)} s`).join(', ') + '.',
    '',
    '## Machine',
    '',
    ...describeMachine().map((line) => `- ${line}`),
    '',
  ].join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean', default: false }, seed: { type: 'string' }, report: { type: 'string' }, only: { type: 'string' } },
  });
  const seed = values.seed === undefined ? randomInt(2 ** 31) : Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be an integer, not "${values.seed}"`);
  const options: ReliabilityOptions = { quick: values.quick ?? false, seed };
  const only = values.only ? values.only.split(',') : null;
  const command = ['npx tsx bench/reliability.ts', options.quick ? '--quick' : '', `--seed ${seed}`, only ? `--only ${only.join(',')}` : '']
    .filter(Boolean)
    .join(' ');
  console.log(`reliability bench: ${command}`);
  const parts: PartResult[] = [];
  for (const file of partFiles(only)) {
    console.log(`  ${path.basename(file, '.ts')}…`);
    const result = await runPart(file, options);
    console.log(`  ${result.name}: ${result.rows.length} rows in ${result.seconds.toFixed(1)} s`);
    parts.push(result);
  }
  const rows = parts.flatMap((p) => p.rows);
  console.log('');
  printTable(rows);
  console.log(`\nseed ${seed}; reproduce: ${command}`);
  if (values.report) {
    fs.mkdirSync(path.dirname(values.report), { recursive: true });
    fs.writeFileSync(values.report, markdown(rows, parts, options, `${command} --report ${values.report}`));
    console.log(`wrote ${values.report}`);
  }
  return rows.some((r) => r.failed > 0) ? 1 : 0;
}

// A part that timed out may still hold sockets or children: exit rather than wait on them.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
