// Builds the bench page (page.ts and xterm.js's CSS) into a folder with an index.html, as a
// classic script, the way the deck bundle is built (server/site/build-browser.ts).
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

const ROOT = path.resolve(import.meta.dirname, '../..');

export async function bundlePage(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    publicDir: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      outDir,
      emptyOutDir: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      lib: { entry: path.join(import.meta.dirname, 'page.ts'), formats: ['iife'], name: 'benchPage', fileName: () => 'page.js', cssFileName: 'page' },
    },
  });
  fs.writeFileSync(
    path.join(outDir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>ptydeck demos bench</title><link rel="stylesheet" href="page.css"><body><script src="page.js"></script></body>\n',
  );
}
