#!/usr/bin/env node
// The ptydeck command. Runs the CLI bundled to JavaScript (bin/compile-cache.mjs) when the
// compiled copy matches the sources; otherwise through tsx's loader (Node 20 has no type
// stripping). PTYDECK_TSX=1 always takes the tsx road.
import { pathToFileURL } from 'node:url';
import { compiledEntry } from './compile-cache.mjs';

const compiled = process.env.PTYDECK_TSX ? null : await compiledEntry('server/cli/main.ts');
if (compiled !== null) {
  await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../server/cli/main.ts');
}
