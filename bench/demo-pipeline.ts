// Demo pipeline benchmark: step request → first output byte, and output throughput, through
// ptydeck's socket (dev server, socket.io, session, flow control) against node-pty driven
// directly in this process (the floor). Run: npx tsx bench/demo-pipeline.ts
// Prints medians and percentiles, and the ratio ptydeck/direct measured in the same run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node-pty';
import { io } from 'socket.io-client';
import { SOCKET_PATH } from '../protocol/socket-events.ts';
import { findDecks } from '../server/site/find-decks.ts';
import { startDevServer } from '../server/dev/dev-server.ts';

const STEPS = Number(process.env.STEPS ?? 200);
const MEGABYTES = Number(process.env.MEGABYTES ?? 50);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** node-pty directly: write a command, time the first byte of its output after the echo. */
async function directLatency(): Promise<number[]> {
  const pty = spawn('/bin/bash', ['--noprofile', '--norc'], { name: 'xterm-256color', cols: 80, rows: 24, env: { PATH: process.env.PATH, PS1: '$ ', TERM: 'xterm-256color' } });
  await new Promise((r) => setTimeout(r, 300));
  const times: number[] = [];
  for (let i = 0; i < STEPS; i++) {
    const marker = `m${i}x`;
    const t = await new Promise<number>((resolve) => {
      const started = performance.now();
      const sub = pty.onData((data) => {
        // The first byte of output (the echo of the typed command counts, as a viewer sees it).
        sub.dispose();
        resolve(performance.now() - started);
      });
      pty.write(`echo ${marker}\r`);
    });
    times.push(t);
    await new Promise((r) => setTimeout(r, 2));
  }
  pty.kill();
  return times;
}

/** node-pty directly: read `cat` of a file to the end. */
async function directThroughput(file: string): Promise<number> {
  const started = performance.now();
  await new Promise<void>((resolve) => {
    const pty = spawn('/bin/cat', [file], { name: 'xterm-256color', cols: 80, rows: 24, env: { PATH: process.env.PATH } });
    pty.onData(() => {});
    pty.onExit(() => resolve());
  });
  return (MEGABYTES * 1024 * 1024) / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-bench-'));
  const big = path.join(dir, 'big.txt');
  const line = 'x'.repeat(79) + '\n';
  fs.writeFileSync(big, line.repeat(Math.ceil((MEGABYTES * 1024 * 1024) / line.length)));
  fs.mkdirSync(path.join(dir, 'slides'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{}');
  const steps = Array.from({ length: STEPS }, (_, i) => `$ echo m${i}x`).join('\n');
  fs.writeFileSync(path.join(dir, 'slides/bench.md'), `# bench\n\n\`\`\`demo id=latency timeout=60\n${steps}\n\`\`\`\n\n\`\`\`demo id=flood timeout=120\n$ cat ${big}\n\`\`\`\n`);

  const direct = await directLatency();
  const directRate = await directThroughput(big);

  const set = findDecks(path.join(dir, 'slides'));
  if ('error' in set) throw new Error(set.error);
  const server = await startDevServer({ set, host: '127.0.0.1', port: 0, onDiagnostics: () => {} });
  const url = `http://127.0.0.1:${server.port}`;
  const socket = io(url, { path: SOCKET_PATH, transports: ['websocket'], auth: { token: server.live.token }, extraHeaders: { Origin: url } });
  await new Promise<void>((r) => socket.once('connect', () => r()));
  let onOutput: ((bytes: number) => void) | null = null;
  socket.on('demo:output', ({ deck, id, data }) => {
    socket.emit('output:ack', { deck, id, bytes: data.length });
    onOutput?.(data.length);
  });
  const emit = (event: string, ref: object) => new Promise<unknown>((resolve) => socket.emit(event as 'demo:step', ref as never, resolve as never));
  const latency = { deck: 'bench', id: 'latency' };
  await emit('demo:attach', latency);
  // Start the shell before timing: the first step would otherwise include bash's start-up.
  const times: number[] = [];
  for (let i = 0; i < STEPS; i++) {
    let first = 0;
    const started = performance.now();
    onOutput = () => {
      if (!first) first = performance.now() - started;
    };
    await emit('demo:step', latency);
    times.push(first);
  }
  onOutput = null;

  const flood = { deck: 'bench', id: 'flood' };
  await emit('demo:attach', flood);
  let received = 0;
  onOutput = (n) => (received += n);
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
  const floodStarted = performance.now();
  await emit('demo:step', flood);
  const ptydeckRate = received / ((performance.now() - floodStarted) / 1000);
  clearInterval(sampler);

  socket.close();
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const row = (name: string, values: number[]) =>
    `  ${name.padEnd(22)} p50 ${percentile(values, 50).toFixed(2).padStart(7)} ms   p99 ${percentile(values, 99).toFixed(2).padStart(7)} ms`;
  const skipFirst = times.slice(1);
  console.log(`Demo pipeline, ${STEPS} steps and a ${MEGABYTES} MB cat, on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'} (load ${os.loadavg()[0]!.toFixed(1)})`);
  console.log('Step request → first output byte');
  console.log(row('node-pty directly', direct));
  console.log(row('ptydeck socket', skipFirst));
  console.log(`  added by ptydeck      p50 ${(percentile(skipFirst, 50) - percentile(direct, 50)).toFixed(2)} ms   p99 ${(percentile(skipFirst, 99) - percentile(direct, 99)).toFixed(2)} ms`);
  console.log('Output throughput (cat of a file)');
  console.log(`  node-pty directly      ${(directRate / 1e6).toFixed(1)} MB/s`);
  console.log(`  ptydeck socket         ${(ptydeckRate / 1e6).toFixed(1)} MB/s   (ratio ${(ptydeckRate / directRate).toFixed(2)})`);
  console.log(`  server RSS growth during the flood: ${((rssPeak - rssBefore) / 1e6).toFixed(1)} MB`);
}

await main();
process.exit(0);
