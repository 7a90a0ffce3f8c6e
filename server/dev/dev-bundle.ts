// The browser bundle `ptydeck dev` serves: the same prebuilt live bundle `present` serves (from
// the cache, so a dev start runs no Vite at all), rebuilt when ptydeck's own browser sources
// change, after which the open pages reload.
import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { BUNDLE_FILES } from '../../protocol/browser-bundle.ts';
import { ensureBrowserBundle } from '../site/build-browser.ts';
import { PACKAGE_ROOT } from '../site/package-paths.ts';

/** Where pages load the bundle from. */
export const BUNDLE_ROUTE = '/__ptydeck/assets/';

/** Folders whose edits change the bundle (browser-bundle-cache.ts hashes the same ones). */
export const BUNDLE_SOURCES = [path.join(PACKAGE_ROOT, 'theme'), path.join(PACKAGE_ROOT, 'protocol')];

/** An editor's save is several file events within a few ms: rebuild once for all of them. */
const REBUILD_SETTLE_MS = 50;

const SERVED = new Set<string>(Object.values(BUNDLE_FILES));
const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

export class DevBundle {
  private folder: Promise<string> = ensureBrowserBundle('live');
  private timer: NodeJS.Timeout | null = null;

  /** `onRebuilt` is called after a rebuild caused by an edit (the pages should reload). */
  constructor(private readonly onRebuilt: () => void) {
    this.folder.catch(() => {}); // reported to the page request that awaits it
  }

  /** Whether `file` is one of the bundle's sources. */
  isSource(file: string): boolean {
    return BUNDLE_SOURCES.some((dir) => file.startsWith(dir + path.sep));
  }

  /** A bundle source changed: rebuild (the cache key changes with it) and reload the pages. */
  sourceChanged(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      // After the previous build: two Vite builds of one key would race for the cache folder.
      const next = this.folder.catch(() => '').then(() => ensureBrowserBundle('live'));
      this.folder = next;
      next.then(this.onRebuilt, (error: unknown) => process.stderr.write(`ptydeck: the browser bundle did not build: ${(error as Error).message}\n`));
    }, REBUILD_SETTLE_MS);
  }

  /** Serves `name` (a file of BUNDLE_FILES); false when it is not one. */
  serve(name: string, res: ServerResponse): boolean {
    if (!SERVED.has(name)) return false;
    void this.folder.then(
      (folder) => {
        const file = path.join(folder, name);
        if (!fs.existsSync(file)) {
          res.statusCode = 404;
          return res.end();
        }
        res.setHeader('Content-Type', TYPES[path.extname(name)] ?? 'application/octet-stream');
        res.setHeader('Cache-Control', 'no-store');
        fs.createReadStream(file).pipe(res);
      },
      (error: unknown) => {
        res.statusCode = 500;
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        res.end(`ptydeck: the browser bundle did not build: ${(error as Error).message}\n`);
      },
    );
    return true;
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
