// The demo-pipeline benchmark (issue 6), in one run: first-output latency, 100 MB floods into
// xterm.js in headless Chromium, Ctrl-C under flood, server memory, and a 3 MB replay; each
// through ptydeck, a web-terminal peer (ttyd, else a stand-in: start-peer.ts), and a baseline
// measured in the same run.
// Run: node bench/demos.mjs [--report docs/benchmarks-demos.md] [--cpu-prof DIR]
// Env: FLOOD_MB (100), STEPS (500 per latency race), WARMUP_STEPS (1500, untimed, before the first), RUNS (flood runs and
// latency races, 3), INTERRUPTS (10),
// ONLY=flood (the floods alone: prints their ratios to term.write direct, no report), ONLY=latency
// (the latency races alone: prints their rows, race by race, no report),
// TTYD (the ttyd to run; `none` for the stand-in; unset: `ttyd` on PATH, then /tmp/peers/ttyd/ttyd).
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { INTERRUPT_AFTER_MS, LOAD_SHARE } from './bench-config.ts';
import { openBenchPage } from './browser-runs.ts';
import { rssGrowth, startChild } from './child-server.ts';
import { directFlood, directInterrupt } from './direct-pty.ts';
import { makeFixtures } from './fixtures.ts';
import { directStepper, peerStepper, ptydeckStepper, socketioPtyStepper, stepLatencies, transportRoundTrips, type Stepper } from './latency.ts';
import { bundlePage } from './page-bundle.ts';
import { cpuTable, renderLatency, renderReport, type Figures, type FloodCpu } from './report.ts';
import { startPeer } from './start-peer.ts';
import { cpuDuring } from './process-cpu.ts';
import { withPtyLoad } from './pty-load.ts';
import { median } from './stats.ts';
import { tearDownOnAbort } from '../lib/teardown.mjs';

const { values: flags } = parseArgs({ options: { report: { type: 'string' }, 'cpu-prof': { type: 'string' } } });
const FLOOD_BYTES = Number(process.env.FLOOD_MB ?? 100) * 1024 * 1024;
const STEPS = Number(process.env.STEPS ?? 500);
/**
 * Untimed steps of each contender first. V8 optimizes a Node server's step path only after about
 * 1,000 steps. From fresh servers, p50 over blocks of 250 steps (scratch, three series, ttyd's
 * in the same block): ptydeck − ttyd was +83 to +111 µs over the first block and +3 to +13 over
 * the fourth; the least socket.io terminal − ttyd +41 to +42, then −6 to −16. With V8's
 * optimizing compiler turned off in the servers (--no-opt), ptydeck stayed +87 µs over ttyd and
 * that terminal +27, over steps 1,300 to 1,600. The first steps are reported in a row of their own.
 */
const WARMUP_STEPS = Number(process.env.WARMUP_STEPS ?? 1500);
const RUNS = Number(process.env.RUNS ?? 3);
const INTERRUPTS = Number(process.env.INTERRUPTS ?? 10);
const FLOOD_ONLY = process.env.ONLY === 'flood';
const LATENCY_ONLY = process.env.ONLY === 'latency';
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

const fixtures = makeFixtures(LATENCY_ONLY ? 0 : FLOOD_BYTES, WARMUP_STEPS + RUNS * STEPS);
const stops: Array<() => Promise<void>> = [];
const tearDown = tearDownOnAbort(async () => {
  for (const stop of stops) await stop().catch(() => {});
  fixtures.remove();
});
try {
  await bundlePage(fixtures.pageDir);
  const profile = flags['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${flags['cpu-prof']}`] : [];
  const ptydeck = await startChild<{ port: number; token: string }>('ptydeck-server.ts', [fixtures.slides, fixtures.pageDir], { home: fixtures.home, nodeArgs: profile });
  stops.push(ptydeck.stop);
  const peer = await startPeer(fixtures.home);
  stops.push(peer.stop);
  log(`peer: ${peer.label}`);

  log(FLOOD_ONLY ? 'floods only (ONLY=flood)' : `first-output latency, ${RUNS} races of ${STEPS} steps each`);
  const echo = FLOOD_ONLY ? null : await startChild<{ port: number }>('echo-server.ts', [], { home: fixtures.home });
  if (echo) stops.push(echo.stop);
  const socketioPty = FLOOD_ONLY ? null : await startChild<{ port: number }>('socketio-pty-server.ts', [], { home: fixtures.home });
  if (socketioPty) stops.push(socketioPty.stop);
  let latency: Figures['latency'] = { races: [], first: { direct: [], ptydeck: [], socketioPty: [], peer: [] }, transport: { socketio: [], ws: [] } };
  if (echo && socketioPty) {
    const steppers: Stepper[] = [];
    const open = async (opening: Promise<Stepper>) => {
      const stepper = await opening;
      steppers.push(stepper);
      return stepper;
    };
    try {
      const contenders = {
        direct: await open(directStepper(fixtures.home)),
        ptydeck: await open(ptydeckStepper(ptydeck.info.port, ptydeck.info.token, fixtures.demos.latency)),
        socketioPty: await open(socketioPtyStepper(socketioPty.info.port)),
        peer: await open(peerStepper(peer.target)),
      };
      // RUNS races, as the floods have runs: a race's p99 is its 5th slowest step, a hiccup of
      // this shared machine. Four races of 500 steps after the warm-up (scratch): ptydeck's p99
      // 0.46 to 1.68 ms, ttyd's 0.63 to 2.20; ptydeck's was the lower in three races of the four.
      const warm = await stepLatencies(STEPS, WARMUP_STEPS, contenders);
      const races = [warm.timed];
      while (races.length < RUNS) races.push((await stepLatencies(STEPS, 0, contenders)).timed);
      latency = { races, first: warm.first, transport: await transportRoundTrips(STEPS, WARMUP_STEPS, echo.info.port) };
    } finally {
      for (const stepper of steppers) stepper.close();
    }
  }
  await echo?.stop();
  await socketioPty?.stop();
  /** The floods, Ctrl-C under flood and the replay, in headless Chromium; then the report. */
  async function floodsAndReplay(): Promise<void> {
    const floor = await startChild<{ port: number }>('floor-server.ts', [fixtures.bigFile], { home: fixtures.home });
    stops.push(floor.stop);
    const browser = await openBenchPage(ptydeck.info, peer.target, fixtures.castUrlPath);
    stops.unshift(browser.close);
    const floods: { -readonly [K in keyof Figures['floods']]?: Figures['floods'][K] } = {};
    for (const kind of ['cat', 'yes'] as const) {
      const command = kind === 'cat' ? `cat ${fixtures.bigFile}` : `yes | head -c ${FLOOD_BYTES}`;
      const id = kind === 'cat' ? fixtures.demos.cat : fixtures.demos.yes;
      let peerLost: string | null = null;
      const runs = { baseline: [] as number[], loaded: [] as number[], loadRate: [] as number[], floor: [] as number[], ptyFloor: [] as number[], ptydeck: [] as number[], peer: [] as number[], direct: [] as number[], ptydeckRss: [] as number[], peerRss: [] as number[] };
      // CPU seconds by role, of the last run of each path: where the machine's two cores went.
      const cpu: Partial<Record<'baseline' | 'loaded' | 'floor' | 'ptyFloor' | 'ptydeck' | 'peer', FloodCpu>> = {};
      // Each path once per run, in an order that changes: turned by one each run, and backwards
      // every other run. A path is then measured at each place in a run and after either of its
      // neighbours, so what one path leaves behind (the renderer's garbage, a busy core) does not
      // always weigh on the same other path.
      const paths: Array<() => Promise<void>> = [
        async () => {
          const baseline = await cpuDuring({ chromium: browser.pid, server: ptydeck.pid }, () => browser.baselineFlood(kind, FLOOD_BYTES));
          runs.baseline.push(baseline.result.ms);
          cpu.baseline = { seconds: baseline.result.ms / 1000, cpu: baseline.cpu };
          // Again, with the pty's work beside it at the pace the target asks of any server: the
          // flood's command read from a pty at LOAD_SHARE of what xterm.js just absorbed, none of
          // it sent to the page. If the page then falls below LOAD_SHARE, no server that reads a
          // pty reaches the target on this machine.
          const baselinePace = baseline.result.chars / (baseline.result.ms / 1000);
          // The CPU window holds the load from its start to its end, its commands reaped.
          const loaded = await cpuDuring({ chromium: browser.pid, server: floor.pid }, () =>
            withPtyLoad(floor.info.port, { kind, bytes: FLOOD_BYTES, charsPerSecond: LOAD_SHARE * baselinePace }, () => browser.baselineFlood(kind, FLOOD_BYTES)),
          );
          const { result: flood, load } = loaded.result;
          runs.loaded.push(flood.ms);
          runs.loadRate.push(load.chars / (load.ms / 1000) / baselinePace);
          cpu.loaded = { seconds: load.ms / 1000, cpu: loaded.cpu };
        },
        async () => {
          const viaFloor = await cpuDuring({ chromium: browser.pid, server: floor.pid }, () => browser.floorFlood(floor.info.port, kind, FLOOD_BYTES, 'memory'));
          runs.floor.push(viaFloor.result.ms);
          cpu.floor = { seconds: viaFloor.result.ms / 1000, cpu: viaFloor.cpu };
        },
        async () => {
          const viaPtyFloor = await cpuDuring({ chromium: browser.pid, server: floor.pid }, () => browser.floorFlood(floor.info.port, kind, FLOOD_BYTES, 'pty'));
          runs.ptyFloor.push(viaPtyFloor.result.ms);
          cpu.ptyFloor = { seconds: viaPtyFloor.result.ms / 1000, cpu: viaPtyFloor.cpu };
        },
        async () => {
          const measured = await cpuDuring({ chromium: browser.pid, server: ptydeck.pid }, () => rssGrowth(ptydeck.rss, () => browser.ptydeckFlood(id, kind, FLOOD_BYTES)));
          const viaPtydeck = measured.result;
          cpu.ptydeck = { seconds: viaPtydeck.result.ms / 1000, cpu: measured.cpu };
          runs.ptydeck.push(viaPtydeck.result.ms);
          runs.ptydeckRss.push(viaPtydeck.growth);
        },
        async () => {
          if (peerLost !== null) return; // its flow control did not hold: once is enough
          try {
            const measuredPeer = await cpuDuring({ chromium: browser.pid, server: peer.pid }, () => rssGrowth(peer.rss, () => browser.peerFlood(command)));
            const viaPeer = measuredPeer.result;
            cpu.peer = { seconds: viaPeer.result.ms / 1000, cpu: measuredPeer.cpu };
            runs.peer.push(viaPeer.result.ms);
            runs.peerRss.push(viaPeer.growth);
          } catch (error) {
            // A peer whose flow control does not hold (the stand-in has none, ttyd 1.7.7 ignores
            // PAUSE): past 50 MB buffered, xterm.js throws output away.
            peerLost = (error as Error).message.split('\n')[0] ?? 'failed';
            log(`peer ${kind} flood failed: ${peerLost}`);
          }
        },
        async () => {
          runs.direct.push((await directFlood(command, fixtures.home)).ms);
        },
      ];
      for (let run = 0; run < RUNS; run++) {
        log(`${kind} flood run ${run + 1}/${RUNS}`);
        const order = paths.map((_, i) => paths[(run + i) % paths.length]!);
        for (const path of run % 2 ? order.reverse() : order) await path();
      }
      const rate = (ms: number[]) => FLOOD_BYTES / 1e6 / (median(ms) / 1000);
      floods[kind] = {
        command,
        baseline: rate(runs.baseline),
        loaded: rate(runs.loaded),
        loadShare: median(runs.loadRate),
        floor: rate(runs.floor),
        ptyFloor: rate(runs.ptyFloor),
        ptydeck: rate(runs.ptydeck),
        peer: peerLost === null ? rate(runs.peer) : 0,
        peerLost,
        direct: rate(runs.direct),
        ptydeckRssMB: Math.max(...runs.ptydeckRss) / 1e6,
        peerRssMB: runs.peerRss.length ? Math.max(...runs.peerRss) / 1e6 : 0,
        cpu: { baseline: cpu.baseline!, loaded: cpu.loaded!, floor: cpu.floor!, ptyFloor: cpu.ptyFloor!, ptydeck: cpu.ptydeck!, peer: cpu.peer ?? null },
      };
    }

    if (FLOOD_ONLY) {
      for (const [kind, f] of Object.entries(floods)) {
        const ratio = (f.ptydeck / f.baseline).toFixed(2);
        const viaPeer = f.peerLost === null ? `${f.peer.toFixed(1)} MB/s, RSS +${f.peerRssMB.toFixed(1)} MB` : `lost output: ${f.peerLost}`;
        process.stdout.write(
          `${kind}: ptydeck ${f.ptydeck.toFixed(1)} MB/s (RSS +${f.ptydeckRssMB.toFixed(1)} MB), term.write direct ${f.baseline.toFixed(1)} MB/s, ratio ${ratio}; direct with a pty read beside it at ${f.loadShare.toFixed(2)} of its pace ${f.loaded.toFixed(1)} MB/s (${(f.loaded / f.baseline).toFixed(2)}); WebSocket floor ${f.floor.toFixed(1)} MB/s (${(f.floor / f.baseline).toFixed(2)}); pty floor ${f.ptyFloor.toFixed(1)} MB/s (${(f.ptyFloor / f.baseline).toFixed(2)}); ${peer.label} ${viaPeer}; pty alone ${f.direct.toFixed(1)} MB/s\n`,
        );
      }
      process.stdout.write(`${cpuTable(floods as Figures['floods'], FLOOD_BYTES / 1e6, peer.label).text}\n`);
    } else {
      log(`Ctrl-C under flood, ${INTERRUPTS} times each`);
      const interrupts = { direct: [] as number[], ptydeckPrompt: [] as number[], ptydeckQuiet: [] as number[], peerPrompt: [] as number[], peerQuiet: [] as number[] };
      for (let i = 0; i < INTERRUPTS; i++) {
        interrupts.direct.push(await directInterrupt(INTERRUPT_AFTER_MS, fixtures.home));
        const viaPtydeck = await browser.ptydeckInterrupt(fixtures.demos.forever, INTERRUPT_AFTER_MS);
        interrupts.ptydeckPrompt.push(viaPtydeck.promptMs);
        interrupts.ptydeckQuiet.push(viaPtydeck.quietMs);
        const viaPeer = await browser.peerInterrupt(INTERRUPT_AFTER_MS);
        interrupts.peerPrompt.push(viaPeer.promptMs);
        interrupts.peerQuiet.push(viaPeer.quietMs);
      }

      log('replaying the 3 MB recording');
      const replay = await browser.replay();

      const figures: Figures = {
        peer: { kind: peer.target.kind, label: peer.label },
        machine: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}`,
        floodMB: FLOOD_BYTES / 1e6,
        steps: STEPS,
        warmupSteps: WARMUP_STEPS,
        runs: RUNS,
        latency,
        floods: { cat: floods.cat!, yes: floods.yes! },
        interrupts,
        replay,
      };
      const report = renderReport(figures);
      process.stdout.write(report.text);
      if (flags.report) {
        fs.writeFileSync(flags.report, report.markdown);
        log(`wrote ${flags.report}`);
      }
    }
  }
  if (LATENCY_ONLY) process.stdout.write(`${renderLatency({ latency, steps: STEPS, peer: { kind: peer.target.kind, label: peer.label } })}\n`);
  else await floodsAndReplay();
} finally {
  await tearDown();
}
