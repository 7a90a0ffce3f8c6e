// Page weight and dev-server timings of a deck in headless Chromium, as the peer benchmark
// (../shared/peer-bench/lib) measures them: reusable by bench/first-slide.mjs and bench/decks.mjs.
//
//   measureFirstSlide(browser, url)           → what the first slide loads (JS+CSS, gzip -6)
//   measureDevStart(browser, command, opts)   → ms from spawning a server to slide 1 visible
//   measureEditToUpdate(browser, url, opts)   → ms from writing the Markdown to the edit shown
//   paintedAt(browser, url, title)            → ms from navigation to slide 1 rendered, by the page's clock
//   serveFolder(dir)                          → a static server for a built deck
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { spawnServer, stopServer } from './dev-start.mjs';
import { median } from './stats.mjs';

/** Debian's Chromium with the flags every browser run here uses (nothing is downloaded). */
export const CHROMIUM = process.env.PTYDECK_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];
/** The level `gzip -6` (and most web servers) use, so the figures compare with the peers'. */
const GZIP_LEVEL = 6;
/** A page counts as settled once no request has started or ended for this long. */
const QUIET_MS = 500;
/** Longest any single measurement may take before it is reported as failed. */
const TIMEOUT_MS = 60_000;
/** Loopback and local schemes; anything else would leave the machine (and is blocked). */
const LOCAL = /^(file:|data:|blob:|about:|http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/])/;

export function launchBrowser() {
  // handleSIGINT: false, or playwright would exit(130) on Ctrl-C before the bench's teardown
  // (bench/lib/teardown.mjs) has stopped its servers and removed its folders.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS, handleSIGINT: false });
}

export { median } from './stats.mjs';

/** Wall-clock ms with sub-ms precision, comparable with the page's performance.timeOrigin + now(). */
const now = () => performance.timeOrigin + performance.now();

/** Resolves once the page has had QUIET_MS without a request in flight. */
function networkQuiet(page) {
  let inFlight = 0;
  let timer = null;
  return new Promise((resolve) => {
    const arm = () => {
      clearTimeout(timer);
      if (inFlight === 0) timer = setTimeout(resolve, QUIET_MS);
    };
    page.on('request', () => {
      inFlight++;
      arm();
    });
    const done = () => {
      inFlight = Math.max(0, inFlight - 1);
      arm();
    };
    page.on('requestfinished', done);
    page.on('requestfailed', done);
    arm();
  });
}

/** The first slide is on screen: reveal.js is ready and its present slide is visible. */
async function waitFirstSlide(page, title) {
  const target = title ? page.locator('h1', { hasText: title }).first() : page.locator('.reveal .slides > section.present').first();
  await target.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
}

/** Serves `dir` on 127.0.0.1 (a port the kernel picks), as the peers' harness serves built decks. */
export async function serveFolder(dir) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.png': 'image/png' };
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    let file = path.join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (file.startsWith(root) && fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!file.startsWith(root) || !fs.existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * The page's own clock for slide 1: ms from the navigation's start to the first animation frame
 * in which the first <h1> holding `title` is rendered (checked before every frame, in the page).
 * The peers' harness times the same moment from outside, through playwright's polling of the
 * page, which adds its own delays to both sides; this figure has none.
 */
export async function paintedAt(browser, url, title) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    // No page.route() here: playwright would hold every request for a round trip to this
    // process, which weighs on a page of four files more than on a page of one. What slide 1
    // fetches, and from where, is measureFirstSlide's and firstload.mjs's to check.
    await page.addInitScript((wanted) => {
      const look = () => {
        const heading = [...document.querySelectorAll('h1')].find((h) => h.textContent?.includes(wanted));
        const box = heading?.getBoundingClientRect();
        if (heading && box && box.width > 0 && box.bottom > 0 && box.top < innerHeight && heading.checkVisibility({ opacityProperty: true, visibilityProperty: true })) {
          window.__slideOnePaintedAt = performance.now();
        } else requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    }, title);
    await page.goto(url, { waitUntil: 'commit', timeout: TIMEOUT_MS });
    await page.waitForFunction(() => window.__slideOnePaintedAt !== undefined, null, { timeout: TIMEOUT_MS, polling: 50 });
    return await page.evaluate(() => window.__slideOnePaintedAt);
  } finally {
    await context.close();
  }
}

/**
 * Opens `url` and sums, by kind, the bodies of every JS and CSS response (and the inline
 * <script>/<style> of the HTML) once slide 1 is visible and the network is quiet.
 * Returns { js, css, gzip, files: [{ url, kind, bytes, gzip }], offMachine: [url] }.
 */
export async function measureFirstSlide(browser, url, { title } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const offMachine = [];
  await page.route('**/*', (route) => {
    const requested = route.request().url();
    if (LOCAL.test(requested)) return route.continue();
    offMachine.push(requested);
    return route.abort();
  });
  const bodies = [];
  page.on('response', (response) => bodies.push(response.body().then((body) => ({ url: response.url(), type: response.headers()['content-type'] ?? '', body }), () => null)));
  const quiet = networkQuiet(page);
  await page.goto(url);
  await waitFirstSlide(page, title);
  await quiet;
  const inline = await page.evaluate(() => ({
    js: [...document.querySelectorAll('script:not([src])')].filter((s) => !s.type || /javascript|module/.test(s.type)).map((s) => s.textContent ?? '').join('\n'),
    css: [...document.querySelectorAll('style')].map((s) => s.textContent ?? '').join('\n'),
  }));
  await context.close();
  const files = [];
  for (const item of await Promise.all(bodies)) {
    if (!item) continue;
    const kind = /\.m?js(\?|$)/.test(item.url) || /javascript/.test(item.type) ? 'js' : /\.css(\?|$)/.test(item.url) || /text\/css/.test(item.type) ? 'css' : null;
    if (kind) files.push({ url: item.url, kind, bytes: item.body.length, gzip: zlib.gzipSync(item.body, { level: GZIP_LEVEL }).length });
  }
  for (const [kind, text] of Object.entries(inline)) {
    if (!text.trim()) continue;
    const body = Buffer.from(text);
    files.push({ url: `(inline ${kind})`, kind, bytes: body.length, gzip: zlib.gzipSync(body, { level: GZIP_LEVEL }).length });
  }
  const sum = (kind, field) => files.filter((f) => f.kind === kind).reduce((total, f) => total + f[field], 0);
  return { js: sum('js', 'bytes'), css: sum('css', 'bytes'), gzip: sum('js', 'gzip') + sum('css', 'gzip'), files, offMachine };
}

/**
 * Spawns `command` (argv array) in its own process group, finds the page URL (`opts.url`, or
 * the first match of `opts.urlFrom` in its output) and returns the ms from spawn until slide 1
 * is visible in a fresh context of the already running `browser`. The server is killed after.
 */
export async function measureDevStart(browser, command, { cwd, env, url, urlFrom, title } = {}) {
  const started = now();
  const child = spawnServer(command, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const pageUrl = url ?? (await new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${out}`)), TIMEOUT_MS);
      const onData = (chunk) => {
        out += chunk;
        const match = urlFrom.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(match[1] ?? match[0]);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
    }));
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    try {
      const page = await context.newPage();
      // A fixed URL is polled, as the peers' harness does, until the server answers.
      for (;;) {
        try {
          await page.goto(pageUrl, { waitUntil: 'commit', timeout: TIMEOUT_MS });
          break;
        } catch (error) {
          if (now() - started > TIMEOUT_MS) throw error;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      }
      await waitFirstSlide(page, title);
      return now() - started;
    } finally {
      await context.close();
    }
  } finally {
    await stopServer(child);
  }
}

/**
 * With `url` open on slide `slide` (an h index), writes `edit(text)` into `file` and returns
 * the ms until `expected` is the text of an h1/h2 on the page, and whether the page stayed on
 * that slide. The page notes the moment itself (MutationObserver), so no polling is timed.
 */
export async function measureEditToUpdate(browser, url, { file, edit, expected, slide = 1, runs = 5 }) {
  const original = fs.readFileSync(file, 'utf8');
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const times = [];
  let keptSlide = true;
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.ptydeck?.deck?.isReady?.() ?? window.Reveal?.isReady?.(), null, { timeout: TIMEOUT_MS });
    await page.evaluate((h) => (window.ptydeck?.deck ?? window.Reveal).slide(h), slide);
    for (let run = 0; run < runs; run++) {
      const wanted = `${expected} ${run}`;
      await page.evaluate((text) => {
        window.__editSeen = new Promise((resolve) => {
          const check = () => [...document.querySelectorAll('.reveal h1, .reveal h2')].some((h) => h.textContent === text);
          const observer = new MutationObserver(() => {
            if (!check()) return;
            observer.disconnect();
            resolve(performance.timeOrigin + performance.now());
          });
          observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        });
      }, wanted);
      const written = now();
      fs.writeFileSync(file, edit(original, wanted));
      const seen = await page.evaluate(() => window.__editSeen);
      times.push(seen - written);
      const h = await page.evaluate(() => (window.ptydeck?.deck ?? window.Reveal).getIndices().h);
      if (h !== slide) keptSlide = false;
    }
  } finally {
    fs.writeFileSync(file, original);
    await context.close();
  }
  return { times, median: median(times), keptSlide };
}
