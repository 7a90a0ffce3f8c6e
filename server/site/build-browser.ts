// Bundles the browser code (reveal.js start-up, theme) into one classic script and one
// stylesheet, so published pages also work from file://, where module scripts are refused.
import path from 'node:path';
import { build } from 'vite';
import fs from 'node:fs';
import { PACKAGE_ROOT, THEME_ENTRY } from './package-paths.ts';
import { bundleCacheDir, bundleKey } from './browser-bundle-cache.ts';

/** File names of the bundle inside the output's assets/ folder. */
export const BROWSER_BUNDLE = { script: 'ptydeck.js', style: 'ptydeck.css' } as const;

/** Writes assets/ptydeck.js and assets/ptydeck.css into `assetsDir`, from the cache when it can. */
export async function buildBrowserBundle(assetsDir: string): Promise<void> {
  const cache = bundleCacheDir(bundleKey('iife-v1'));
  if (!fs.existsSync(path.join(cache, BROWSER_BUNDLE.script))) {
    const staging = `${cache}.${process.pid}.tmp`;
    await bundle(staging);
    fs.rmSync(cache, { recursive: true, force: true });
    fs.renameSync(staging, cache);
  }
  fs.mkdirSync(assetsDir, { recursive: true });
  for (const file of fs.readdirSync(cache)) fs.copyFileSync(path.join(cache, file), path.join(assetsDir, file));
}

async function bundle(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: PACKAGE_ROOT,
    logLevel: 'warn',
    publicDir: false,
    build: {
      outDir,
      emptyOutDir: true,
      copyPublicDir: false,
      reportCompressedSize: false,
      lib: {
        entry: THEME_ENTRY,
        formats: ['iife'],
        name: 'ptydeck',
        fileName: () => BROWSER_BUNDLE.script,
        cssFileName: BROWSER_BUNDLE.style.replace(/\.css$/, ''),
      },
    },
  });
}
