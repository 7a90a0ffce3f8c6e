// Caches the browser bundle: it depends only on ptydeck's own browser sources and installed
// packages, not on any deck, so a build reuses it until one of those changes.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from './package-paths.ts';

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
