// Resolves a demo's `cwd` against the project root, refusing one that escapes it or is missing.

import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { fail, type Result } from './demo-result.ts';

/** The absolute working directory of a demo, or a `bad-cwd` error saying what is wrong. */
export function resolveDemoCwd(projectRoot: string, cwd: string | null): Result<{ path: string }> {
  const root = resolve(projectRoot);
  const path = resolve(root, cwd ?? '.');
  const rel = relative(root, path);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    return fail('bad-cwd', `cwd "${cwd}" lies outside the project (${root})`);
  }
  try {
    if (!statSync(path).isDirectory()) return fail('bad-cwd', `cwd "${cwd}" is not a directory`);
  } catch {
    return fail('bad-cwd', `cwd "${cwd}" does not exist under ${root}`);
  }
  return { ok: true, path };
}
