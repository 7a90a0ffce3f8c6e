#!/usr/bin/env node
// `npm run bench`: the deck benchmark (bench/decks.mjs) and the demo benchmark
// (bench/demos.mjs) one after the other, their Markdown sections gathered into
// docs/benchmarks.md under a description of the machine they ran on.
import fs from 'node:fs';
import path from 'node:path';
import { describeMachine, loadAverage } from './lib/machine.mjs';
import { makeTempFolder } from './lib/temp-folder.mjs';
import { runParts } from './lib/run-parts.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const DOC = path.join(ROOT, 'docs/benchmarks.md');
/** Each benchmark writes its own section (`--report FILE`); the order here is the page's. */
const PARTS = [
  { script: 'bench/decks.mjs', args: process.argv.slice(2) },
  { script: 'bench/demos.mjs', args: [] },
];

const tmp = makeTempFolder('ptydeck-bench-');
const machine = describeMachine();
let run;
try {
  run = await runParts(PARTS, { root: ROOT, tmp, log: (line) => process.stderr.write(`[bench] ${line}\n`) });
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
const { sections, failed, stoppedBy } = run;
if (stoppedBy) {
  // A cut run has no page to write: the last complete one stays.
  process.stderr.write(`[bench] stopped by ${stoppedBy.signal}; ${path.relative(process.cwd(), DOC)} left as it was\n`);
  process.exit(stoppedBy.status);
}
const page = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (bench/run.mjs); every figure below is from one run on one machine.',
  'This machine is shared and noisy: read the medians and the ratios measured in the same run,',
  'never a single absolute time alone, and compare figures only across runs on the same kind of machine.',
  '',
  machine,
  `Load average when the run ended: ${loadAverage()}.`,
  '',
  'Rerun everything: `npm run bench` (RUNS, WARMUP, LOAD_RUNS, DEV_RUNS, PDF_RUNS and PEERS tune',
  'bench/decks.mjs; `npm run bench -- --peers published` compares with the peers\' published',
  'medians instead of measuring them). One part: `node bench/decks.mjs`, `node bench/demos.mjs`.',
  '',
  ...sections.flatMap((s) => [s, '']),
].join('\n');
fs.mkdirSync(path.dirname(DOC), { recursive: true });
fs.writeFileSync(DOC, page);
process.stderr.write(`[bench] wrote ${path.relative(process.cwd(), DOC)}\n`);
process.exitCode = failed ? 1 : 0;
