#!/usr/bin/env node
// ptydeck against Slidev, reveal-md and Marp on the same 30-slide deck (bench/decks/small.md,
// the peer benchmark's deck) and its 300-slide version, measured in one run with the peer
// benchmark's method: cold builds timed from outside, what slide 1 loads, dev start to slide 1,
// edit to update, PDF export. Prints medians and ratios as Markdown.
//
//   node bench/decks.mjs [--report FILE.md] [--peers run|published|RESULTS_DIR]
//   env: RUNS (5) WARMUP (1) LOAD_RUNS (3) DEV_RUNS (3) PDF_RUNS (3) VISIBLE_ROUNDS (6) PEERS (/tmp/peers)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { timeCommand } from './lib/time-command.mjs';
import { measureDevStart, startServer, stopAllServers, stopServer } from './lib/dev-start.mjs';
import { tearDownOnAbort } from './lib/teardown.mjs';
import { describeMachine, loadAverage } from './lib/machine.mjs';
import { findPeerBench, peerFigures, PEER_NAMES, PEER_TOOLS } from './lib/peers.mjs';
import { deckTable, targetTable } from './lib/deck-report.mjs';
import { median } from './lib/stats.mjs';
import { makeTempFolder } from './lib/temp-folder.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin/ptydeck.mjs');
const CHROMIUM = process.env.PTYDECK_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** The deck's title: the <h1> of slide 1, which every measurement waits for. */
const TITLE = 'Mesosphere Kubernetes Bootcamp';
/** Ports for the dev-server starts, away from the peer benchmark's 41000+. */
const DEV_PORT = 42100;
const env = (name, fallback) => Number(process.env[name] ?? fallback);
const RUNS = env('RUNS', 5);
const WARMUP = env('WARMUP', 1);
const LOAD_RUNS = env('LOAD_RUNS', 3);
const DEV_RUNS = env('DEV_RUNS', 3);
const PDF_RUNS = env('PDF_RUNS', 3);
/** Rounds of the slide-1 head-to-head against Marp (slideOneHeadToHead). */
const VISIBLE_ROUNDS = env('VISIBLE_ROUNDS', 6);

const { values: args } = parseArgs({ options: { report: { type: 'string' }, peers: { type: 'string', default: 'run' } } });
const log = (line) => process.stderr.write(`[decks] ${line}\n`);

/** The 10× deck as the peer benchmark makes it: front matter once, the body 10 times. */
function makeX10(small, x10) {
  const peerScript = findPeerBench(ROOT) && path.join(findPeerBench(ROOT), 'lib/make-x10.mjs');
  if (peerScript && fs.existsSync(peerScript)) return execFileSync(process.execPath, [peerScript, small, x10]);
  const src = fs.readFileSync(small, 'utf8');
  const end = src.indexOf('\n---\n', 4) + 5;
  const body = src.slice(end).replace(/^\n+/, '').replace(/\s+$/, '');
  fs.writeFileSync(x10, src.slice(0, end) + '\n' + Array(10).fill(body).join('\n\n---\n\n') + '\n');
}

function build(work, deck, out, runs = RUNS) {
  log(`build ${deck}: ${WARMUP} warm-up + ${runs} timed runs`);
  const result = timeCommand([process.execPath, BIN, 'build', deck, '--out', out], { cwd: work, runs, warmup: WARMUP, prepare: () => fs.rmSync(out, { recursive: true, force: true }) });
  if (!result.ok) throw new Error(`ptydeck build ${deck} failed:\n${result.stderr}`);
  return result;
}

function folderBytes(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => sum + (e.isDirectory() ? folderBytes(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).size), 0);
}

/** Runs the peer benchmark's lib/firstload.mjs on a built deck: what slide 1 loads and when it shows. */
function runFirstLoad(peer, dir, urlPath, runs) {
  // firstload.mjs resolves playwright-core from PEERS_HARNESS: ours serves.
  const out = execFileSync(process.execPath, [path.join(peer, 'lib/firstload.mjs'), '--dir', dir, '--path', urlPath, '--runs', String(runs), '--browser', CHROMIUM, '--title', TITLE], { env: { ...process.env, PEERS_HARNESS: ROOT }, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop());
}

/** What slide 1 loads and when it shows, by the peer benchmark's own lib/firstload.mjs. */
function firstLoad(dir) {
  const peer = findPeerBench(ROOT);
  if (peer) {
    const r = runFirstLoad(peer, dir, '/small/', LOAD_RUNS);
    return { jscss_gzip_bytes: r.jscss_gzip_bytes, visible_ms: r.first_slide_visible_ms_median, method: 'peer-bench lib/firstload.mjs' };
  }
  return { jscss_gzip_bytes: null, visible_ms: null, method: 'nothing: ../shared/peer-bench/lib/firstload.mjs is not here' };
}

/**
 * Slide 1 visible, ptydeck's built deck against Marp's, taken in turn: `rounds` rounds, the order
 * swapped every round, each round `LOAD_RUNS` loads of each by the peer benchmark's firstload.mjs
 * (its clock: from outside, through playwright) and as many by the page's own clock
 * (page-metrics.mjs paintedAt: navigation start to the first frame with slide 1's <h1>). The
 * figures of the table above are taken minutes apart (ptydeck's first, the peers' in run.sh),
 * and on this shared machine a ~300 ms figure moves by more than the gap between the two; taken
 * in turn, both see the same machine. Null when there is no Marp build to load.
 */
async function slideOneHeadToHead(oursDir, marpDir, rounds) {
  const peer = findPeerBench(ROOT);
  if (!peer || !fs.existsSync(path.join(marpDir, 'index.html'))) return null;
  const metrics = await import('./lib/page-metrics.mjs');
  const contenders = [
    { dir: oursDir, urlPath: '/small/', harness: [], page: [] },
    { dir: marpDir, urlPath: '/', harness: [], page: [] },
  ];
  const browser = await metrics.launchBrowser();
  const servers = await Promise.all(contenders.map((c) => metrics.serveFolder(c.dir)));
  try {
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 ? [1, 0] : [0, 1];
      for (const i of order) contenders[i].harness.push(...runFirstLoad(peer, contenders[i].dir, contenders[i].urlPath, LOAD_RUNS).first_slide_visible_ms_all);
      for (const i of order) for (let run = 0; run < LOAD_RUNS; run++) contenders[i].page.push(await metrics.paintedAt(browser, servers[i].url + contenders[i].urlPath, TITLE));
    }
  } finally {
    await Promise.all(servers.map((s) => s.close()));
    await browser.close();
  }
  const [ours, marp] = contenders;
  return {
    ours: median(ours.harness),
    marp: median(marp.harness),
    ratio: median(ours.harness) / median(marp.harness),
    oursPage: median(ours.page),
    marpPage: median(marp.page),
    pageRatio: median(ours.page) / median(marp.page),
    loads: rounds * LOAD_RUNS,
  };
}

/** ms from writing the Markdown to the edited heading on screen, with the dev server warm. */
async function editToUpdate(browser, work) {
  let metrics;
  try {
    metrics = await import('./lib/page-metrics.mjs');
  } catch {
    return { skipped: 'bench/lib/page-metrics.mjs is not here' };
  }
  const port = DEV_PORT + 50;
  const url = `http://127.0.0.1:${port}/small/`;
  const { child } = await startServer([process.execPath, BIN, 'dev', 'small.md', '--port', String(port)], { cwd: work, url });
  try {
    const edit = (text, wanted) => text.replace('# Learning Objectives', `# ${wanted}`);
    const r = await metrics.measureEditToUpdate(browser, url, { file: path.join(work, 'small.md'), edit, expected: 'Learning Objectives, edited', slide: 1, runs: 5 });
    return { ms: r.median, keptSlide: r.keptSlide };
  } finally {
    await stopServer(child);
  }
}

function pdfPages(file) {
  try {
    return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
  } catch {
    return null;
  }
}

const work = makeTempFolder('ptydeck-bench-decks-');
const loadStart = loadAverage();
let browser;
const tearDown = tearDownOnAbort(async () => {
  await stopAllServers();
  if (browser) await browser.close();
  fs.rmSync(work, { recursive: true, force: true });
});
try {
  fs.copyFileSync(path.join(ROOT, 'bench/decks/small.md'), path.join(work, 'small.md'));
  makeX10(path.join(work, 'small.md'), path.join(work, 'x10.md'));
  const ours = {};
  const small = build(work, 'small.md', path.join(work, 'out-small'));
  ours.build_small_s = small.wall_median;
  ours.peak_mib = small.peak_mib_median;
  ours.output_bytes = folderBytes(path.join(work, 'out-small'));
  ours.build_x10_s = build(work, 'x10.md', path.join(work, 'out-x10')).wall_median;
  const talks = timeCommand([process.execPath, BIN, 'build', 'slides', '--out', path.join(work, 'out-talks')], { cwd: ROOT, runs: RUNS, warmup: WARMUP, prepare: () => fs.rmSync(path.join(work, 'out-talks'), { recursive: true, force: true }) });
  ours.talks_s = talks.wall_median;
  log('first slide, dev start, edit to update');
  // handleSIGINT: false, or playwright would exit(130) on Ctrl-C before the teardown is done.
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, handleSIGINT: false });
  Object.assign(ours, firstLoad(path.join(work, 'out-small')));
  const dev = await measureDevStart(browser, {
    command: (i) => [process.execPath, BIN, 'dev', 'small.md', '--port', String(DEV_PORT + i)],
    url: (i) => `http://127.0.0.1:${DEV_PORT + i}/small/`,
    cwd: work,
    title: TITLE,
    runs: DEV_RUNS,
  });
  ours.dev_visible_ms = dev.visible_ms;
  ours.hmr = await editToUpdate(browser, work);
  await browser.close();
  browser = null;
  log(`PDF export: 1 warm-up + ${PDF_RUNS} timed runs`);
  const pdfFile = path.join(work, 'small.pdf');
  const pdf = timeCommand([process.execPath, BIN, 'export', 'small.md', '--pdf', pdfFile], { cwd: work, runs: PDF_RUNS, warmup: 1, prepare: () => fs.rmSync(pdfFile, { force: true }) });
  ours.pdf_s = pdf.ok ? pdf.wall_median : null;
  ours.pdf_pages = pdf.ok ? pdfPages(pdfFile) : null;
  const peers = await peerFigures(ROOT, args.peers, { log });
  const marpBuild = path.join(process.env.PEERS ?? '/tmp/peers', 'out/marp-small');
  log(`slide 1 visible, ptydeck and Marp in turn: ${VISIBLE_ROUNDS} rounds of ${LOAD_RUNS} loads`);
  ours.headToHead = await slideOneHeadToHead(path.join(work, 'out-small'), marpBuild, VISIBLE_ROUNDS);
  if (!ours.headToHead) log(`slide 1 head to head skipped: no Marp build at ${marpBuild}`);
  const runLine = `RUNS=${RUNS} WARMUP=${WARMUP} LOAD_RUNS=${LOAD_RUNS} DEV_RUNS=${DEV_RUNS} PDF_RUNS=${PDF_RUNS} VISIBLE_ROUNDS=${VISIBLE_ROUNDS} node bench/decks.mjs --peers ${args.peers}`;
  const report = [
    '## Decks: ptydeck against Slidev, reveal-md and Marp',
    '',
    describeMachine(CHROMIUM) + ` Load average at the start of this benchmark: ${loadStart}.`,
    '',
    'Rerun: `' + runLine + '` (the peers are installed and measured by `../shared/peer-bench/run.sh`, outside the repository).',
    '',
    `Peers: ${peers.source}. ptydeck: measured in this run, medians of ${RUNS} cold builds (output deleted first; ptydeck's compiled-CLI and browser-bundle caches kept, as the OS file cache is) and ${PDF_RUNS} PDF exports after one warm-up; dev start median of ${DEV_RUNS}; slide 1 by ${ours.method}.`,
    '',
    deckTable(ours, peers.tools, PEER_TOOLS, PEER_NAMES),
    '',
    targetTable(ours, peers.tools),
    '',
    `Load average at the end: ${loadAverage()}. The five talks (\`ptydeck build slides\`): ${talks.wall_median.toFixed(2)} s median (${talks.wall_min.toFixed(2)}–${talks.wall_max.toFixed(2)}).`,
  ].join('\n');
  process.stdout.write(report + '\n');
  if (args.report) fs.writeFileSync(args.report, report + '\n');
} finally {
  await tearDown();
}
