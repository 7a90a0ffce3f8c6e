// Bundles the browser code (reveal.js start-up, theme) into one classic script and one
// stylesheet, so published pages also work from file://, where module scripts are refused.
import path from 'node:path';
import { build } from 'vite';
import { PACKAGE_ROOT, THEME_ENTRY } from './package-paths.ts';

/** File names of the bundle inside the output's assets/ folder. */
export const BROWSER_BUNDLE = { script: 'ptydeck.js', style: 'ptydeck.css' } as const;

/** Writes assets/ptydeck.js and assets/ptydeck.css into `assetsDir`. */
export async function buildBrowserBundle(assetsDir: string): Promise<void> {
  await build({
    configFile: false,
    root: PACKAGE_ROOT,
    logLevel: 'warn',
    publicDir: false,
    build: {
      outDir: path.resolve(assetsDir),
      emptyOutDir: false,
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
