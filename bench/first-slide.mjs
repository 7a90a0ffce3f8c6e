#!/usr/bin/env node
// What ptydeck's first slide costs: the JS+CSS (gzip -6) a browser loads for slide 1 of each of
// the five talks and of the peers' 30-slide deck (static build, from disk), and `ptydeck dev`'s
// start (spawning the CLI) to slide 1 visible and edit-to-update, as medians over several runs.
// Targets (issue 6): ≤ 64 KiB; dev start ≤ 0.8 × reveal-md's; an edit shows in < 200 ms.
//
//   node bench/first-slide.mjs            RUNS=5 by default; STEPS="weight dev edit" to choose
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnServer, stopAllServers, stopServer } from './lib/dev-start.mjs';
import { launchBrowser, measureDevStart, measureEditToUpdate, measureFirstSlide, median } from './lib/page-metrics.mjs';
import { tearDownOnAbort } from './lib/teardown.mjs';
import { makeTempFolder } from './lib/temp-folder.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'bin/ptydeck.mjs');
const RUNS = Number(process.env.RUNS ?? 5);
const STEPS = (process.env.STEPS ?? 'weight dev edit').split(/\s+/);
const SMALL_DECK = process.env.SMALL_DECK ?? path.resolve(ROOT, '../shared/peer-bench/decks/reveal-md/slides.md');
/** Slide 1's heading in the 30-slide deck: the peers' harness waits for the same one. */
const SMALL_TITLE = 'Mesosphere Kubernetes Bootcamp';
const BUDGET_KIB = 64;
const EDIT_BUDGET_MS = 200;

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (value) => `${Math.round(value)} ms`;

/** A project folder holding the 30-slide deck as slides/small.md. */
function smallProject() {
  const dir = makeTempFolder('ptydeck-first-slide-');
  fs.mkdirSync(path.join(dir, 'slides'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{}');
  fs.copyFileSync(SMALL_DECK, path.join(dir, 'slides/small.md'));
  return dir;
}

const browser = await launchBrowser();
const project = smallProject();
const site = makeTempFolder('ptydeck-first-slide-site-');
const tearDown = tearDownOnAbort(async () => {
  await stopAllServers();
  await browser.close();
  fs.rmSync(project, { recursive: true, force: true });
  fs.rmSync(site, { recursive: true, force: true });
});
try {
  console.log(`ptydeck first slide, ${RUNS} runs on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load ${os.loadavg()[0].toFixed(1)}`);

  if (STEPS.includes('weight')) {
    execFileSync(process.execPath, [CLI, 'build', 'slides', '--out', path.join(site, 'talks')], { cwd: ROOT, stdio: 'pipe' });
    execFileSync(process.execPath, [CLI, 'build', path.join(project, 'slides'), '--out', path.join(site, 'small')], { cwd: ROOT, stdio: 'pipe' });
    const decks = fs.readdirSync(path.join(ROOT, 'slides')).filter((f) => f.endsWith('.md')).map((f) => ['talks', f.replace(/\.md$/, '')]);
    console.log(`\nJS+CSS loaded for slide 1 (static build from disk, gzip -6; budget ${BUDGET_KIB} KiB)`);
    for (const [folder, deck] of [...decks, ['small', 'small']]) {
      const result = await measureFirstSlide(browser, `file://${path.join(site, folder, deck, 'index.html')}`);
      const files = result.files.map((f) => `${path.basename(f.url)} ${kib(f.gzip)}`).join(', ');
      const verdict = result.gzip <= BUDGET_KIB * 1024 ? 'ok' : 'OVER';
      console.log(`  ${deck.padEnd(24)} ${kib(result.gzip).padStart(9)}  ${verdict}  off-machine requests: ${result.offMachine.length}  (${files})`);
    }
  }

  const devCommand = [process.execPath, CLI, 'dev', path.join(project, 'slides'), '--port', '0'];
  const devUrl = /small\s+(http:\/\/\S+)/;
  if (STEPS.includes('dev')) {
    // One untimed start fills the bundle cache, as a speaker's second start finds it.
    await measureDevStart(browser, devCommand, { cwd: project, urlFrom: devUrl, title: SMALL_TITLE });
    const times = [];
    for (let i = 0; i < RUNS; i++) times.push(await measureDevStart(browser, devCommand, { cwd: project, urlFrom: devUrl, title: SMALL_TITLE }));
    console.log(`\nptydeck dev: spawn to slide 1 visible (30-slide deck)`);
    console.log(`  median ${ms(median(times))}   min ${ms(Math.min(...times))}   max ${ms(Math.max(...times))}   all ${times.map(Math.round).join(' ')}`);
  }

  if (STEPS.includes('edit')) {
    const child = spawnServer(devCommand, { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const match = devUrl.exec(out);
          if (match) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`ptydeck dev exited with ${code}:\n${out}`)));
      });
      const file = path.join(project, 'slides/small.md');
      const result = await measureEditToUpdate(browser, url, {
        file,
        slide: 1,
        runs: RUNS,
        expected: 'Learning Objectives, edited',
        edit: (text, heading) => text.replace('# Learning Objectives', `# ${heading}`),
      });
      console.log(`\nptydeck dev: Markdown written to the edit shown (slide 2 of 30; budget ${EDIT_BUDGET_MS} ms)`);
      console.log(`  median ${ms(result.median)}   all ${result.times.map(Math.round).join(' ')}   stayed on the slide: ${result.keptSlide ? 'yes' : 'NO'}`);
    } finally {
      await stopServer(child);
    }
  }
} finally {
  await tearDown();
}
