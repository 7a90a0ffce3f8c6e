// The ptydeck version a recording names in its header, read once from package.json.

import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../site/package-paths.ts';

let cached: string | null = null;

/** The `version` of ptydeck's package.json ("unknown" if it cannot be read: a recording still works). */
export function ptydeckVersion(): string {
  if (cached !== null) return cached;
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
    cached = typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    cached = 'unknown';
  }
  return cached;
}
