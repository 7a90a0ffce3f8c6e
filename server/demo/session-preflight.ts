// What is checked before a demo's shell starts: its requirements and its working directory.

import type { DemoEntry } from '../../protocol/demo-manifest.ts';
import { resolveDemoCwd } from './demo-cwd.ts';
import { fail, type Result } from './demo-result.ts';
import { describeMissing, type RequirementChecker } from './requirements.ts';

/** Resolves the demo's cwd once every requirement holds; else an error a presenter can act on. */
export async function preflight(
  entry: DemoEntry,
  projectRoot: string,
  requirements: RequirementChecker,
): Promise<Result<{ cwd: string }>> {
  const results = await requirements.check(entry.options.requires);
  if (results.some((r) => !r.ok)) return fail('requirement-missing', describeMissing(results));
  const cwd = resolveDemoCwd(projectRoot, entry.options.cwd);
  return cwd.ok ? { ok: true, cwd: cwd.path } : cwd;
}
