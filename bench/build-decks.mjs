#!/usr/bin/env node
// Times `ptydeck build` of the five decks (cold processes, as a speaker runs it) and prints the
// output size. Figures are medians over several runs: this machine is shared and noisy.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

const ROOT = path.resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.RUNS ?? 5);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const times = [];
let out;
for (let i = 0; i < RUNS; i++) {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-bench-'));
  const started = process.hrtime.bigint();
  execFileSync(process.execPath, [path.join(ROOT, 'bin/ptydeck.mjs'), 'build', 'slides', '--out', out], { cwd: ROOT, stdio: 'pipe' });
  times.push(Number(process.hrtime.bigint() - started) / 1e6);
  if (i < RUNS - 1) fs.rmSync(out, { recursive: true, force: true });
}

const files = walk(out);
const bytes = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
const firstSlide = ['assets/ptydeck.js', 'assets/ptydeck.css', 'assets/themes/ptydeck-dark.css']
  .map((f) => zlib.gzipSync(fs.readFileSync(path.join(out, f))).length)
  .reduce((a, b) => a + b, 0);
const decks = fs.readdirSync(path.join(ROOT, 'slides')).filter((f) => f.endsWith('.md')).length;

console.log(`ptydeck build of ${decks} decks, ${RUNS} cold runs on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`);
console.log(`  build time   median ${(median(times) / 1000).toFixed(2)} s   min ${(Math.min(...times) / 1000).toFixed(2)} s   max ${(Math.max(...times) / 1000).toFixed(2)} s`);
console.log(`  output       ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB`);
console.log(`  first slide  JS+CSS ${(firstSlide / 1024).toFixed(1)} KiB gzip (bundle + theme)`);
fs.rmSync(out, { recursive: true, force: true });
