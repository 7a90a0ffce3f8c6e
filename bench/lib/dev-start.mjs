// `ptydeck dev` start-up as the peer benchmark's lib/devserver.mjs times the peers' servers:
// from spawning the command until (1) the slide's URL answers 200 (polled every 25 ms) and
// (2) Chromium, already running, shows the deck's <h1>. The server is killed after each run.
import { spawn } from 'node:child_process';
import { median } from './stats.mjs';

/** The peer benchmark's polling interval, so the figures compare. */
const POLL_MS = 25;
/** A start that takes longer than this has failed. */
const START_TIMEOUT_MS = 120_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Servers spawned and not yet stopped, for stopAllServers when a bench is cut short. */
const running = new Set();

/** Spawns `command` (argv) in its own process group, remembered until stopServer ends it. */
export function spawnServer(command, options) {
  const child = spawn(command[0], command.slice(1), { ...options, detached: true });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** Stops every server spawnServer started that is still running (bench/lib/teardown.mjs calls it). */
export async function stopAllServers() {
  await Promise.all([...running].map(stopServer));
}

/** Starts `command` in its own process group; resolves once `url` answers 200. */
export async function startServer(command, { cwd, url }) {
  const started = performance.now();
  const child = spawnServer(command, { cwd, stdio: 'ignore' });
  let exited = false;
  child.on('exit', () => (exited = true));
  while (!exited && performance.now() - started < START_TIMEOUT_MS) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      await response.arrayBuffer();
      if (response.status === 200) return { child, started, httpMs: performance.now() - started };
    } catch {
      // Not listening yet.
    }
    await sleep(POLL_MS);
  }
  await stopServer(child);
  throw new Error(`${command.join(' ')}: no 200 from ${url} (${exited ? 'exited' : 'timed out'})`);
}

/** SIGTERM to the group, SIGKILL after 5 s, as the peer harness does. */
export async function stopServer(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const killer = setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
  }, 5000);
  await exited;
  clearTimeout(killer);
}

/** Median ms to HTTP 200 and to the first slide visible, over `runs` starts on ports from `port`. */
export async function measureDevStart(browser, { command, cwd, url, title, runs }) {
  const http = [];
  const visible = [];
  for (let i = 0; i < runs; i++) {
    const { child, started, httpMs } = await startServer(command(i), { cwd, url: url(i) });
    try {
      http.push(httpMs);
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      await page.route('**/*', (route) => (/^https?:\/\/(localhost|127\.0\.0\.1)[:/]/.test(route.request().url()) || !/^https?:/.test(route.request().url()) ? route.continue() : route.abort()));
      await page.goto(url(i), { waitUntil: 'commit', timeout: START_TIMEOUT_MS });
      await page.locator('h1', { hasText: title }).first().waitFor({ state: 'visible', timeout: START_TIMEOUT_MS });
      visible.push(performance.now() - started);
      await context.close();
    } finally {
      await stopServer(child);
    }
  }
  return { http_ms: median(http), visible_ms: median(visible), visible_all: visible.map(Math.round) };
}
