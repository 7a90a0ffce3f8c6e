// The browser bundle's cache (server/site/browser-bundle-cache.ts). Two builds of one bundle in
// one process once wrote into the same staging folder; the cache left behind held only the demo
// part, and since a cache folder that exists was never replaced, every `ptydeck dev` page got 404
// for its core script from then on. The builds here are stand-ins that write files after a delay,
// so the timing that broke it can be provoked; the last test builds the real bundle.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedFolder } from '../../server/site/browser-bundle-cache.ts';
import { ensureBrowserBundle } from '../../server/site/build-browser.ts';
import { BUNDLE_FILES } from '../../protocol/browser-bundle.ts';

const FILES = ['core.js', 'core.css', 'demos.js'];
const roots: string[] = [];

afterEach(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

function cacheFolder(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-bundle-cache-'));
  roots.push(root);
  return path.join(root, 'browser-key');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A build that writes `files` one by one, `delayMs` apart, each holding `label`; counts its runs. */
function slowBuild(label: string, files: readonly string[] = FILES, delayMs = 20) {
  const build = async (staging: string) => {
    build.runs++;
    fs.mkdirSync(staging, { recursive: true });
    for (const file of files) {
      await sleep(delayMs);
      fs.writeFileSync(path.join(staging, file), label);
    }
  };
  build.runs = 0;
  return build;
}

/** What the folder holds: its files, or null when there is none. */
const contents = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : null);
/** Everything next to the cache folder: staging folders left behind would show here. */
const siblings = (cache: string) => fs.readdirSync(path.dirname(cache)).sort();

describe('the browser bundle cache', () => {
  it('runs one build for callers that ask at the same time, and all get the complete folder', async () => {
    const cache = cacheFolder();
    const build = slowBuild('one');
    // The second caller comes while the first build is half done: the timing of the old race.
    const first = cachedFolder(cache, FILES, build);
    await sleep(30);
    const second = cachedFolder(cache, FILES, build);
    expect(await Promise.all([first, second])).toEqual([cache, cache]);
    expect(build.runs).toBe(1);
    expect(contents(cache)).toEqual([...FILES].sort());
    expect(siblings(cache)).toEqual(['browser-key']);
  });

  it('replaces a cache folder that misses files, as the race left it', async () => {
    const cache = cacheFolder();
    fs.mkdirSync(cache);
    fs.writeFileSync(path.join(cache, 'demos.js'), 'left by the race');
    const build = slowBuild('rebuilt', FILES, 1);
    await cachedFolder(cache, FILES, build);
    expect(build.runs).toBe(1);
    expect(contents(cache)).toEqual([...FILES].sort());
    expect(fs.readFileSync(path.join(cache, 'demos.js'), 'utf8')).toBe('rebuilt');
    expect(siblings(cache)).toEqual(['browser-key']);
  });

  it('keeps a complete cache: no build, and one another process finished first is used as is', async () => {
    const cache = cacheFolder();
    const build = slowBuild('ours', FILES, 1);
    const racing = async (staging: string) => {
      await build(staging);
      // Another process installs its complete cache while ours is being built.
      fs.mkdirSync(cache);
      for (const file of FILES) fs.writeFileSync(path.join(cache, file), 'theirs');
    };
    await cachedFolder(cache, FILES, racing);
    expect(FILES.map((file) => fs.readFileSync(path.join(cache, file), 'utf8'))).toEqual(FILES.map(() => 'theirs'));
    expect(siblings(cache)).toEqual(['browser-key']);
    await cachedFolder(cache, FILES, build);
    expect(build.runs).toBe(1);
  });

  it('fails a build that left a file out, naming it, and caches nothing', async () => {
    const cache = cacheFolder();
    await expect(cachedFolder(cache, FILES, slowBuild('short', ['core.js', 'demos.js'], 1))).rejects.toThrow('the build did not write core.css');
    expect(contents(cache)).toBeNull();
    expect(siblings(cache)).toEqual([]);
  });

  it('leaves nothing behind when the build throws, and builds again on the next call', async () => {
    const cache = cacheFolder();
    const failing = async (staging: string) => {
      fs.mkdirSync(staging, { recursive: true });
      fs.writeFileSync(path.join(staging, 'core.js'), 'half');
      throw new Error('vite: parse error');
    };
    await expect(cachedFolder(cache, FILES, failing)).rejects.toThrow('vite: parse error');
    expect(siblings(cache)).toEqual([]);
    const build = slowBuild('second try', FILES, 1);
    expect(await cachedFolder(cache, FILES, build)).toBe(cache);
    expect(build.runs).toBe(1);
  });

  it('removes a staging folder that a killed build left behind', async () => {
    const cache = cacheFolder();
    const deadPid = spawnSync('true').pid;
    const left = `${cache}.${deadPid}-AbC123`;
    fs.mkdirSync(left);
    fs.writeFileSync(path.join(left, 'core.js'), 'half');
    const longAgo = new Date(Date.now() - 10 * 60_000);
    fs.utimesSync(left, longAgo, longAgo);
    await cachedFolder(cache, FILES, slowBuild('after', FILES, 1));
    expect(siblings(cache)).toEqual(['browser-key']);
  });

  it('gives the live flavor every file a live page loads (the real bundle, built with Vite if not cached)', async () => {
    const folder = await ensureBrowserBundle('live');
    for (const file of Object.values(BUNDLE_FILES)) expect(fs.existsSync(path.join(folder, file)), file).toBe(true);
  }, 120_000);
});
