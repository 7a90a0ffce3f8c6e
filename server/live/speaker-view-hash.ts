// The CSP hash of reveal.js's speaker view script. The notes plugin writes its speaker view,
// inline script included, into an about:blank popup, which inherits the deck's CSP; without
// this hash `script-src 'self'` blocks it. Computed from the installed plugin, so it follows
// reveal.js upgrades.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Reads the JavaScript string literal that starts at `start` (just after its opening quote). */
function readStringLiteral(source: string, start: number): string | null {
  let end = start;
  while (end < source.length && source[end] !== '"') end += source[end] === '\\' ? 2 : 1;
  if (end >= source.length) return null;
  // A JS literal may hold what JSON may not: \xHH, \' and raw control characters (tabs).
  const json = source
    .slice(start, end)
    .replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1')
    .replace(/\\'/g, "'")
    .replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  try {
    return JSON.parse(`"${json}"`) as string;
  } catch {
    return null;
  }
}

/** `'sha256-…'` for the speaker view's inline script, or null when it cannot be found. */
export function speakerViewScriptHash(): string | null {
  let source: string;
  try {
    // The ES module build (the one the page bundles) writes the view as a "…" literal.
    const dist = path.dirname(require.resolve('reveal.js'));
    source = fs.readFileSync(path.join(dist, 'plugin/notes.mjs'), 'utf8');
  } catch {
    return null;
  }
  const at = source.indexOf('document.write("');
  if (at < 0) return null;
  const html = readStringLiteral(source, at + 'document.write("'.length);
  const script = html ? /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] : undefined;
  if (script === undefined) return null;
  return `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
}
