// Caches the browser bundle: it depends only on ptydeck's own browser sources and installed
// packages, not on any deck, so a build reuses it until one of those changes.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from './package-paths.ts';
import { makeTempFolder } from '../temp-folder.ts';

/** Folders whose files end up in the bundle (the page code and what it imports). */
const SOURCES = ['theme', 'protocol'];
/** Files that pin the versions of bundled packages. */
const PINS = ['package.json', 'package-lock.json'];

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .sort();
}

/** A hash of everything the bundle is built from, plus the build's own settings. */
export function bundleKey(settings: string): string {
  const hash = createHash('sha256').update(settings);
  const files = [...SOURCES.flatMap((d) => listFiles(path.join(PACKAGE_ROOT, d))), ...PINS.map((f) => path.join(PACKAGE_ROOT, f))];
  for (const file of files) {
    if (!fs.existsSync(file)) continue;
    hash.update(path.relative(PACKAGE_ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** Where a bundle with this key is kept. */
export function bundleCacheDir(key: string): string {
  return path.join(PACKAGE_ROOT, 'node_modules/.cache/ptydeck', `browser-${key}`);
}

/** The builds running in this process, by cache folder: callers at the same time share one. */
const building = new Map<string, Promise<string>>();

function isComplete(folder: string, files: readonly string[]): boolean {
  return files.every((file) => fs.existsSync(path.join(folder, file)));
}

/**
 * The cache folder `cache` once it holds every one of `files`, made by `build(staging)` on a
 * miss: `build` writes into an empty staging folder, which then becomes the cache in one rename.
 *
 * Two builds into one staging folder once left a cache with only some of the files: the second
 * emptied the folder while the first was still writing, and the first renamed what was there.
 * A dev page then got 404 for the core script on every start, because a cache folder that exists
 * was never replaced. Now builds in one process are shared, each build has a staging folder of its
 * own (empty when `build` starts), a build that leaves a file out fails, and a cache missing a
 * file is replaced.
 */
export function cachedFolder(cache: string, files: readonly string[], build: (staging: string) => Promise<void>): Promise<string> {
  if (isComplete(cache, files)) return Promise.resolve(cache);
  let pending = building.get(cache);
  if (!pending) {
    pending = fillCache(cache, files, build).finally(() => building.delete(cache));
    building.set(cache, pending);
  }
  return pending;
}

async function fillCache(cache: string, files: readonly string[], build: (staging: string) => Promise<void>): Promise<string> {
  fs.mkdirSync(path.dirname(cache), { recursive: true });
  // Named for this process: one a killed build left behind is removed by a later build.
  const staging = makeTempFolder(`${path.basename(cache)}.`, path.dirname(cache));
  try {
    await build(staging);
    const missing = files.filter((file) => !fs.existsSync(path.join(staging, file)));
    if (missing.length > 0) throw new Error(`the build did not write ${missing.join(', ')}`);
    install(staging, cache, files);
    return cache;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Renames `staging` to `cache`, unless another process put a complete cache there first. */
function install(staging: string, cache: string, files: readonly string[]): void {
  if (tryRename(staging, cache) || isComplete(cache, files)) return;
  // A cache missing files (left by an older ptydeck's race): move it aside, then ours in.
  const broken = `${staging}.broken`;
  if (tryRename(cache, broken)) fs.rmSync(broken, { recursive: true, force: true });
  if (tryRename(staging, cache) || isComplete(cache, files)) return;
  throw new Error(`could not replace the incomplete cache folder ${cache}: remove it and try again`);
}

function tryRename(from: string, to: string): boolean {
  try {
    fs.renameSync(from, to);
    return true;
  } catch {
    return false;
  }
}
