// Whether a demo can run live on this machine: every requirement, checked for real, and the
// local docker images its commands name.

import type { DemoEntry } from '../../protocol/demo-manifest.ts';
import type { RequirementChecker, RequirementResult } from '../demo/requirements.ts';
import { imagesMentioned, probeImage } from './docker-images.ts';

export interface LiveCheck {
  readonly ok: boolean;
  /** Every check made, in order: the declared requirements, then the images. */
  readonly results: readonly RequirementResult[];
  /** The failing ones. */
  readonly missing: readonly RequirementResult[];
}

/**
 * Checks `entry`'s requirements with `checker`. Images are checked only when docker itself
 * answers: without an engine, "image missing" would only repeat that.
 */
export async function checkLive(entry: DemoEntry, checker: RequirementChecker, env: NodeJS.ProcessEnv): Promise<LiveCheck> {
  const results = [...(await checker.check(entry.options.requires))];
  const docker = results.find((r) => r.name === 'docker');
  if (docker?.ok) {
    for (const image of imagesMentioned(entry)) results.push({ name: `image:${image}`, ...(await probeImage(image, env)) });
  }
  const missing = results.filter((r) => !r.ok);
  return { ok: missing.length === 0, results, missing };
}
