// The peers' figures for bench/decks.mjs: measured in this run by the peer benchmark
// (../shared/peer-bench/run.sh), read from an earlier run's results folder, or — when neither
// is possible — the published medians, always labelled with where they came from.
import fs from 'node:fs';
import path from 'node:path';
import { spawnServer } from './dev-start.mjs';

export const PEER_TOOLS = ['slidev', 'reveal-md', 'marp'];
export const PEER_NAMES = { slidev: 'Slidev', 'reveal-md': 'reveal-md', marp: 'Marp' };

/** The medians published in the peer benchmark's README (2 cores, Node 20); Slidev dev is warm. */
const PUBLISHED = {
  slidev: { build_small_s: 3.7, jscss_gzip_bytes: 222 * 1024, dev_visible_ms: 6000, pdf_s: 6.7 },
  'reveal-md': { build_small_s: 0.44, jscss_gzip_bytes: 373 * 1024, dev_visible_ms: 1100, pdf_s: 2.6 },
  marp: { build_small_s: 0.48, jscss_gzip_bytes: 23 * 1024, dev_visible_ms: 1300, pdf_s: 1.8 },
};

/** The peer benchmark beside this checkout (../shared/peer-bench), or null. */
export function findPeerBench(root) {
  const dir = path.resolve(root, '../shared/peer-bench');
  return fs.existsSync(path.join(dir, 'run.sh')) ? dir : null;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8').trim().split('\n').pop());
  } catch {
    return null;
  }
}

/** One tool's figures from a run.sh results folder (null where a step did not run or failed). */
function fromResults(dir, tool) {
  const build = (deck) => readJson(path.join(dir, `build-${tool}-${deck}.json`));
  const small = build('small');
  const x10 = build('x10');
  const load = readJson(path.join(dir, `load-${tool}-small.json`));
  const dev = readJson(path.join(dir, `dev-${tool}-small-${tool === 'slidev' ? 'warm' : 'cold'}.json`));
  const pdf = readJson(path.join(dir, `pdf-${tool}${tool === 'slidev' ? '-warm' : ''}.json`));
  const size = readJson(path.join(dir, `size-${tool}-small.json`));
  return {
    build_small_s: small?.ok ? small.wall_median : null,
    build_x10_s: x10?.ok ? x10.wall_median : null,
    peak_mib: small?.ok ? small.peak_mib_median : null,
    output_bytes: size?.bytes ?? null,
    jscss_gzip_bytes: load?.jscss_gzip_bytes ?? null,
    visible_ms: load?.first_slide_visible_ms_median ?? null,
    dev_visible_ms: dev?.first_slide_visible_ms?.median ?? null,
    pdf_s: pdf?.ok ? pdf.wall_median : null,
  };
}

/**
 * The peers' figures. `mode` is 'run' (run.sh now, with the same RUNS/DEV_RUNS/PDF_RUNS),
 * a results folder to read, or 'published'. Resolves with { source, tools: { [tool]: figures } }.
 * run.sh runs for minutes in its own process group, as a dev server does (dev-start.mjs): a
 * bench cut short meanwhile stops it with the rest (stopAllServers).
 */
export async function peerFigures(root, mode, { log, env = process.env }) {
  const bench = findPeerBench(root);
  if (mode === 'run' && bench) {
    const peers = env.PEERS ?? '/tmp/peers';
    log(`peers: running ${path.join(bench, 'run.sh')} (PEERS=${peers}; several minutes, log in ${peers}/decks-bench-run.log)`);
    fs.mkdirSync(peers, { recursive: true });
    const out = fs.openSync(path.join(peers, 'decks-bench-run.log'), 'w');
    const run = spawnServer(['bash', path.join(bench, 'run.sh')], { env: { ...env, PEERS: peers }, stdio: ['ignore', out, out] });
    const status = await new Promise((resolve) => {
      run.once('error', () => resolve('not started'));
      run.once('exit', (code, signal) => resolve(code ?? signal));
    });
    fs.closeSync(out);
    const results = path.join(peers, 'results');
    if (status === 0 && fs.existsSync(path.join(results, 'machine.json'))) return read(results, 'measured in this run by the peer benchmark (run.sh)');
    log(`peers: run.sh failed (exit ${status}); comparing with the published figures`);
  } else if (mode !== 'run' && mode !== 'published') {
    return read(path.resolve(mode), `read from an earlier peer-benchmark run (${path.resolve(mode)})`);
  } else if (mode === 'run') {
    log('peers: the peer benchmark (../shared/peer-bench) is not here; comparing with the published figures');
  }
  const tools = {};
  for (const tool of PEER_TOOLS) tools[tool] = { ...PUBLISHED[tool] };
  return { source: 'PUBLISHED medians from the peer benchmark README, not measured in this run', tools };

  function read(dir, source) {
    const machine = readJson(path.join(dir, 'machine.json'));
    const tools = {};
    for (const tool of PEER_TOOLS) tools[tool] = fromResults(dir, tool);
    return { source: `${source}${machine ? `, ${machine.date}` : ''}`, tools };
  }
}
