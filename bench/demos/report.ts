// The demos bench's figures as a table on the terminal and as Markdown for docs/benchmarks.md:
// each row ptydeck, the peer, the baseline of the same run, the ratio, and the target.
import { median, percentile } from './stats.ts';
import type { ReplayFigures } from './page.ts';

export const PEER_LABEL = 'minimal node-pty+ws terminal (ttyd unavailable)';

interface Flood {
  readonly command: string;
  /** MB/s of source bytes (the file, or what `yes` wrote), each the median of the runs. */
  readonly baseline: number;
  readonly ptydeck: number;
  readonly peer: number;
  readonly direct: number;
  readonly ptydeckRssMB: number;
  readonly peerRssMB: number;
  /** Why the peer's flood failed (it has no flow control), or null. */
  readonly peerLost: string | null;
}

export interface Figures {
  readonly machine: string;
  readonly floodMB: number;
  readonly steps: number;
  readonly runs: number;
  readonly latency: { readonly direct: number[]; readonly ptydeck: number[]; readonly peer: number[] };
  readonly floods: { readonly cat: Flood; readonly yes: Flood };
  readonly interrupts: { readonly direct: number[]; readonly ptydeckPrompt: number[]; readonly ptydeckQuiet: number[]; readonly peerPrompt: number[]; readonly peerQuiet: number[] };
  readonly replay: ReplayFigures;
}

interface Row {
  readonly measure: string;
  readonly ptydeck: string;
  readonly peer: string;
  readonly baseline: string;
  readonly ratio: string;
  readonly target: string;
  readonly met: boolean;
}

const ms = (v: number) => `${v.toFixed(2)} ms`;
const mbs = (v: number) => `${v.toFixed(1)} MB/s`;

function rows(f: Figures): Row[] {
  const { latency: l, floods, interrupts: i, replay } = f;
  const p = (values: number[], q: number) => percentile(values, q);
  const out: Row[] = [];
  for (const q of [50, 99] as const) {
    const added = p(l.ptydeck, q) - p(l.direct, q);
    const limit = q === 50 ? 1 : 5;
    out.push({
      measure: `first output byte p${q}`,
      ptydeck: ms(p(l.ptydeck, q)),
      peer: ms(p(l.peer, q)),
      baseline: `${ms(p(l.direct, q))} node-pty direct`,
      ratio: `+${added.toFixed(2)} ms`,
      target: `< +${limit} ms, ≤ peer`,
      met: added < limit && p(l.ptydeck, q) <= p(l.peer, q),
    });
  }
  for (const kind of ['cat', 'yes'] as const) {
    const flood = floods[kind];
    out.push({
      measure: `${f.floodMB.toFixed(0)} MB \`${kind === 'cat' ? 'cat file' : 'yes | head -c'}\` into xterm.js`,
      ptydeck: mbs(flood.ptydeck),
      peer: flood.peerLost === null ? mbs(flood.peer) : `lost output: ${flood.peerLost}`,
      baseline: `${mbs(flood.baseline)} term.write direct (pty alone: ${mbs(flood.direct)})`,
      ratio: (flood.ptydeck / flood.baseline).toFixed(2),
      target: '≥ 0.85, ≥ peer',
      met: flood.ptydeck / flood.baseline >= 0.85 && flood.ptydeck >= flood.peer,
    });
    out.push({
      measure: `server RSS growth, ${kind} flood`,
      ptydeck: `${flood.ptydeckRssMB.toFixed(1)} MB`,
      peer: flood.peerLost === null ? `${flood.peerRssMB.toFixed(1)} MB` : '—',
      baseline: '—',
      ratio: '—',
      target: '< 50 MB',
      met: flood.ptydeckRssMB < 50,
    });
  }
  out.push({
    measure: `Ctrl-C → prompt back, under flood (median / max of ${i.ptydeckPrompt.length})`,
    ptydeck: `${ms(median(i.ptydeckPrompt))} / ${ms(Math.max(...i.ptydeckPrompt))}`,
    peer: `${ms(median(i.peerPrompt))} / ${ms(Math.max(...i.peerPrompt))}`,
    baseline: `${ms(median(i.direct))} node-pty direct`,
    ratio: `+${(median(i.ptydeckPrompt) - median(i.direct)).toFixed(2)} ms`,
    target: '< 100 ms',
    met: Math.max(...i.ptydeckPrompt) < 100,
  });
  out.push({
    measure: 'Ctrl-C → screen stops moving (median / max)',
    ptydeck: `${ms(median(i.ptydeckQuiet))} / ${ms(Math.max(...i.ptydeckQuiet))}`,
    peer: `${ms(median(i.peerQuiet))} / ${ms(Math.max(...i.peerQuiet))}`,
    baseline: '—',
    ratio: '—',
    target: '< 100 ms',
    met: Math.max(...i.ptydeckQuiet) < 100,
  });
  const gaps = replay.frameGapsMs;
  out.push({
    measure: `replay ${(replay.bytes / 1e6).toFixed(1)} MB, ${replay.steps} steps: frame gap max / p99`,
    ptydeck: `${ms(Math.max(...gaps))} / ${ms(p(gaps, 99))}`,
    peer: '—',
    baseline: `median frame ${ms(median(gaps))}`,
    ratio: '—',
    target: 'no frame > 50 ms',
    met: Math.max(...gaps) <= 50,
  });
  out.push({
    measure: 'replay seek to a marker (median / max of 4)',
    ptydeck: `${ms(median(replay.seekMs))} / ${ms(Math.max(...replay.seekMs))}`,
    peer: '—',
    baseline: '—',
    ratio: '—',
    target: '< 100 ms',
    met: Math.max(...replay.seekMs) < 100,
  });
  return out;
}

const HEAD = ['measure', 'ptydeck', PEER_LABEL, 'baseline (same run)', 'ptydeck vs baseline', 'target', 'met'] as const;
const cells = (r: Row) => [r.measure, r.ptydeck, r.peer, r.baseline, r.ratio, r.target, r.met ? 'yes' : 'NO'];

export function renderReport(f: Figures): { text: string; markdown: string } {
  const table = rows(f).map(cells);
  const widths = HEAD.map((h, c) => Math.max(h.length, ...table.map((r) => r[c]!.length)));
  const line = (r: readonly string[]) => r.map((v, c) => v.padEnd(widths[c]!)).join(' │ ');
  const intro = `Demo pipeline on ${f.machine}: ${f.steps} steps, ${f.floodMB.toFixed(0)} MB floods (median of ${f.runs} run(s)), Chromium headless.`;
  const text = [intro, line(HEAD), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...table.map(line), ''].join('\n');
  const md = [
    '## Demo pipeline (issue 6)',
    '',
    intro,
    '',
    `The peer is a ${PEER_LABEL}: Debian's ttyd is not installable on this machine, so the canonical minimal xterm.js web terminal stands in (bench/demos/peer-server.ts: node-pty, raw output as WebSocket text frames, no flow control). Throughput is source MB per second until the last byte is written into xterm.js in the page; the baseline writes the same bytes, made up front, into term.write in the same page.`,
    '',
    `| ${HEAD.join(' | ')} |`,
    `| ${HEAD.map(() => '---').join(' | ')} |`,
    ...table.map((r) => `| ${r.join(' | ')} |`),
    '',
    'Rerun: `node bench/demos.mjs --report docs/benchmarks-demos.md` (env FLOOD_MB, STEPS, RUNS, INTERRUPTS; `--cpu-prof DIR` profiles the ptydeck server).',
    '',
  ].join('\n');
  return { text, markdown: md };
}
