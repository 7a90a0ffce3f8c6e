// The Markdown tables of bench/decks.mjs: ptydeck's figure, each peer's, and the ratios
// (ptydeck ÷ peer: below 1 means ptydeck is smaller or faster).

const KIB = 1024;
const fmt = {
  s: (x) => `${x.toFixed(2)} s`,
  ms: (x) => `${Math.round(x)} ms`,
  mib: (x) => `${Math.round(x)} MiB`,
  kib: (x) => `${Math.round(x / KIB)} KiB`,
  x: (x) => `${x.toFixed(2)}×`,
};
const ok = (x) => typeof x === 'number' && Number.isFinite(x);

/** Rows: label, the figure's key, its format. */
function rows(ours) {
  return [
    ['cold build, 30 slides', 'build_small_s', fmt.s],
    ['cold build, 300 slides', 'build_x10_s', fmt.s],
    ['300 ÷ 30 slides build', 'x10_ratio', fmt.x],
    ['peak memory, 30-slide build', 'peak_mib', fmt.mib],
    ['output size, 30 slides', 'output_bytes', fmt.kib],
    ['slide 1 JS+CSS (gzip -6)', 'jscss_gzip_bytes', fmt.kib],
    ['built deck: slide 1 visible', 'visible_ms', fmt.ms],
    ['dev server start → slide 1 visible (Slidev: warm cache)', 'dev_visible_ms', fmt.ms],
    ['dev: edit → update on screen', 'hmr_ms', fmt.ms],
    [`PDF export, 30 slides${ok(ours.pdf_pages) ? ` (ptydeck: ${ours.pdf_pages} pages)` : ''}`, 'pdf_s', fmt.s],
  ];
}

function withDerived(figures) {
  return { ...figures, x10_ratio: ok(figures.build_x10_s) && ok(figures.build_small_s) ? figures.build_x10_s / figures.build_small_s : null };
}

/** The comparison table. */
export function deckTable(oursRaw, peerTools, toolIds, names) {
  const ours = withDerived({ ...oursRaw, hmr_ms: oursRaw.hmr?.ms });
  const peers = toolIds.map((t) => withDerived(peerTools[t] ?? {}));
  const head = ['measure (medians)', 'ptydeck', ...toolIds.map((t) => names[t]), ...toolIds.map((t) => `ptydeck ÷ ${names[t]}`)];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const [label, key, format] of rows(oursRaw)) {
    const mine = ours[key];
    const cells = peers.map((p) => (ok(p[key]) ? format(p[key]) : '–'));
    const ratios = peers.map((p) => (ok(mine) && ok(p[key]) && key !== 'x10_ratio' ? fmt.x(mine / p[key]) : '–'));
    lines.push(`| ${label} | ${ok(mine) ? `**${format(mine)}**` : '–'} | ${cells.join(' | ')} | ${ratios.join(' | ')} |`);
  }
  const notes = [];
  if (oursRaw.hmr?.skipped) notes.push(`edit → update not measured: ${oursRaw.hmr.skipped}.`);
  if (oursRaw.hmr && oursRaw.hmr.keptSlide === false) notes.push('after an edit the page did not stay on the edited slide.');
  notes.push('The peer benchmark does not time edit → update for the peers.');
  return [...lines, '', ...notes.map((n) => `- ${n}`)].join('\n');
}

/** The speed targets of issue 6, each with its measured ratio and whether it is met. */
export function targetTable(ours, peers) {
  // Two decimals, or three where two would print the limit itself ("1.00 > 1").
  const figure = (value, limit) => value.toFixed(value !== limit && value.toFixed(2) === limit.toFixed(2) ? 3 : 2);
  const check = (value, limit) => (ok(value) ? `${figure(value, limit)} ${value <= limit ? '≤' : '>'} ${limit} → ${value <= limit ? 'met' : '**NOT met**'}` : 'not measured');
  const ratio = (a, b) => (ok(a) && ok(b) ? a / b : null);
  const marp = peers.marp ?? {};
  const slidev = peers.slidev ?? {};
  const revealMd = peers['reveal-md'] ?? {};
  const h2h = ours.headToHead;
  const headToHead = h2h
    ? [
        `| slide 1 of the built deck visible no later than Marp's (head to head, taken in turn: ${h2h.loads} loads each by the peers' firstload.mjs) | ptydeck ÷ Marp (${Math.round(h2h.ours)} vs ${Math.round(h2h.marp)} ms) | ${check(h2h.ratio, 1)} |`,
        `| the same, by the page's own clock (navigation start to the first frame with slide 1's heading; ${h2h.loads} loads each) | ptydeck ÷ Marp (${Math.round(h2h.oursPage)} vs ${Math.round(h2h.marpPage)} ms) | ${check(h2h.pageRatio, 1)} |`,
      ].join('\n')
    : '| slide 1 of the built deck visible no later than Marp\'s | head to head not run (no Marp build) | not measured |';
  return [
    '| target | measured | |',
    '|---|---|---|',
    `| 30-slide build no slower than Marp | ptydeck ÷ Marp | ${check(ratio(ours.build_small_s, marp.build_small_s), 1)} |`,
    `| 30-slide build at least 5× faster than Slidev | ptydeck ÷ Slidev | ${check(ratio(ours.build_small_s, slidev.build_small_s), 0.2)} |`,
    `| 300 slides cost less than 2× 30 slides | ptydeck 300 ÷ 30 | ${check(ratio(ours.build_x10_s, ours.build_small_s), 2)} |`,
    `| the five talks build in under 3 s | seconds | ${check(ours.talks_s, 3)} |`,
    `| PDF export no slower than Marp | ptydeck ÷ Marp | ${check(ratio(ours.pdf_s, marp.pdf_s), 1)} |`,
    `| slide 1 loads at most 64 KiB of JS+CSS (gzip) | KiB | ${check(ok(ours.jscss_gzip_bytes) ? ours.jscss_gzip_bytes / KIB : null, 64)} |`,
    headToHead,
    `| dev start to slide 1 at most 0.8× reveal-md's | ptydeck ÷ reveal-md | ${check(ratio(ours.dev_visible_ms, revealMd.dev_visible_ms), 0.8)} |`,
    `| dev start to slide 1 at most 0.2× Slidev's | ptydeck ÷ Slidev | ${check(ratio(ours.dev_visible_ms, slidev.dev_visible_ms), 0.2)} |`,
    `| an edit shows in under 200 ms | ms | ${check(ours.hmr?.ms, 200)} |`,
  ].join('\n');
}
