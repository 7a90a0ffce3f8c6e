// Bundles the browser code (reveal.js start-up, theme) into one classic script and one
// stylesheet, so published pages also work from file://, where module scripts are refused.
import path from 'node:path';
import { build } from 'vite';
import fs from 'node:fs';
import { INDEX_ENTRY, PACKAGE_ROOT, THEME_ENTRY } from './package-paths.ts';
import { bundleCacheDir, bundleKey } from './browser-bundle-cache.ts';

/** File names of the bundle inside the output's assets/ folder. */
export const BROWSER_BUNDLE = { script: 'ptydeck.js', style: 'ptydeck.css', indexScript: 'ptydeck-index.js' } as const;

/**
 * `static` pages replay recordings and never connect anywhere: their bundle is built with
 * __PTYDECK_LIVE__ = false, so the live driver and socket.io-client are tree-shaken away and a
 * published site holds no connection code. `live` pages (ptydeck present) keep them.
 */
export type BundleFlavor = 'static' | 'live';

/** The compile-time flags of a flavor, as Vite's `define` takes them (dev-server.ts uses `live`'s). */
export function bundleDefines(flavor: BundleFlavor): Record<string, string> {
  return { __PTYDECK_LIVE__: JSON.stringify(flavor === 'live') };
}

/** Writes assets/ptydeck.js and assets/ptydeck.css into `assetsDir`, from the cache when it can. */
export async function buildBrowserBundle(assetsDir: string, flavor: BundleFlavor): Promise<void> {
  const cache = bundleCacheDir(bundleKey(`iife-v3-${flavor}`));
  if (!fs.existsSync(path.join(cache, BROWSER_BUNDLE.script))) {
    const staging = `${cache}.${process.pid}.tmp`;
    await bundle(staging, flavor);
    try {
      fs.renameSync(staging, cache);
    } catch {
      // Another build (a parallel test, a second terminal) finished the same bundle first:
      // a complete cache is never replaced, so use theirs.
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }
  fs.mkdirSync(assetsDir, { recursive: true });
  for (const file of fs.readdirSync(cache)) fs.copyFileSync(path.join(cache, file), path.join(assetsDir, file));
}

async function bundle(outDir: string, flavor: BundleFlavor): Promise<void> {
  await bundleEntry(outDir, THEME_ENTRY, BROWSER_BUNDLE.script, true, flavor);
  // The index page only keeps the presenter's token for the decks it links to: live sites only.
  if (flavor === 'live') await bundleEntry(outDir, INDEX_ENTRY, BROWSER_BUNDLE.indexScript, false, flavor);
}

/** One classic-script bundle (iife allows a single entry per build). */
async function bundleEntry(outDir: string, entry: string, fileName: string, empty: boolean, flavor: BundleFlavor): Promise<void> {
  await build({
    configFile: false,
    root: PACKAGE_ROOT,
    logLevel: 'warn',
    publicDir: false,
    define: bundleDefines(flavor),
    build: {
      outDir,
      emptyOutDir: empty,
      copyPublicDir: false,
      reportCompressedSize: false,
      lib: {
        entry,
        formats: ['iife'],
        name: 'ptydeck',
        fileName: () => fileName,
        cssFileName: BROWSER_BUNDLE.style.replace(/\.css$/, ''),
      },
    },
  });
}
