// Bundles the browser code into classic scripts and stylesheets, so published pages also work
// from file://, where module scripts are refused: a small core every deck page links, and parts
// the page loads when it needs them (protocol/browser-bundle.ts names the files).
import fs from 'node:fs';
import path from 'node:path';
import { BUNDLE_FILES, BUNDLE_GLOBALS } from '../../protocol/browser-bundle.ts';
import { DEMO_PART_ENTRY, INDEX_ENTRY, NOTES_PART_ENTRY, PACKAGE_ROOT, THEME_ENTRY } from './package-paths.ts';
import { bundleCacheDir, bundleKey, cachedFolder } from './browser-bundle-cache.ts';

/** File names of the bundle inside the output's assets/ folder. */
export const BROWSER_BUNDLE = BUNDLE_FILES;

/**
 * `static` pages replay recordings and never connect anywhere: their bundle is built with
 * __PTYDECK_LIVE__ = false, so the live driver and socket.io-client are tree-shaken away and a
 * published site holds no connection code. `live` pages (present, dev) keep them.
 */
export type BundleFlavor = 'static' | 'live';

/** The compile-time flags of a flavor, as Vite's `define` takes them. */
export function bundleDefines(flavor: BundleFlavor): Record<string, string> {
  return { __PTYDECK_LIVE__: JSON.stringify(flavor === 'live') };
}

/** One classic script (iife takes a single entry per build) and the CSS its sources import. */
interface BundleEntry {
  readonly entry: string;
  readonly script: string;
  /** The global the script assigns (lazy parts); the core and the index assign none they need. */
  readonly name: string;
  readonly style?: string;
}

function entries(flavor: BundleFlavor): BundleEntry[] {
  return [
    { entry: THEME_ENTRY, script: BUNDLE_FILES.script, name: 'ptydeck', style: BUNDLE_FILES.style },
    { entry: DEMO_PART_ENTRY, script: BUNDLE_FILES.demosScript, name: BUNDLE_GLOBALS.demos, style: BUNDLE_FILES.demosStyle },
    { entry: NOTES_PART_ENTRY, script: BUNDLE_FILES.notesScript, name: BUNDLE_GLOBALS.notes },
    // The index page only keeps the presenter's token for the decks it links to: live sites only.
    ...(flavor === 'live' ? [{ entry: INDEX_ENTRY, script: BUNDLE_FILES.indexScript, name: 'ptydeckIndex' }] : []),
  ];
}

/** The files a flavor's bundle is made of. */
function bundleFiles(flavor: BundleFlavor): string[] {
  return entries(flavor).flatMap((entry) => (entry.style ? [entry.script, entry.style] : [entry.script]));
}

/**
 * The folder holding the flavor's bundle, built with Vite on a cache miss (Vite is imported only
 * then, so a build or a dev start with a warm cache never loads it).
 */
export function ensureBrowserBundle(flavor: BundleFlavor): Promise<string> {
  return cachedFolder(bundleCacheDir(bundleKey(`iife-v4-${flavor}`)), bundleFiles(flavor), async (staging) => {
    const { build } = await import('vite');
    // One Vite build per entry, side by side: each is mostly waiting on its own parse and minify.
    // All are waited for, failed or not, so none writes into the staging folder once it is gone.
    const built = await Promise.allSettled(entries(flavor).map((entry) => bundleEntry(build, staging, entry, flavor)));
    const failed = built.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  });
}

/** Writes the bundle's files into `assetsDir`, from the cache when it can. */
export async function buildBrowserBundle(assetsDir: string, flavor: BundleFlavor): Promise<void> {
  const cache = await ensureBrowserBundle(flavor);
  fs.mkdirSync(assetsDir, { recursive: true });
  for (const file of fs.readdirSync(cache)) fs.copyFileSync(path.join(cache, file), path.join(assetsDir, file));
}

type ViteBuild = typeof import('vite').build;

async function bundleEntry(build: ViteBuild, outDir: string, entry: BundleEntry, flavor: BundleFlavor): Promise<void> {
  await build({
    configFile: false,
    root: PACKAGE_ROOT,
    logLevel: 'warn',
    publicDir: false,
    define: bundleDefines(flavor),
    build: {
      outDir,
      // Several entries write into the one staging folder.
      emptyOutDir: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      lib: {
        entry: entry.entry,
        formats: ['iife'],
        name: entry.name,
        fileName: () => entry.script,
        cssFileName: (entry.style ?? `${entry.name}.css`).replace(/\.css$/, ''),
      },
    },
  });
}
