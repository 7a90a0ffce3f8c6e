// The images demos run that come from this machine alone, and whether the engine has them.

import type { DemoEntry } from '../../protocol/demo-manifest.ts';
import { runCommand } from '../demo/run-command.ts';

/**
 * Images built here by `docker import` of a busybox-static root (DESIGN.md, Machines), never
 * pulled: if one is missing, the demo fails on stage even with a running engine.
 */
export const LOCAL_IMAGES = ['ptydeck/busybox'] as const;

/** How long `docker image inspect` may take, in ms: it reads local metadata only. */
export const IMAGE_INSPECT_TIMEOUT_MS = 3_000;

/** The local images a demo's setup, steps or teardown name. */
export function imagesMentioned(entry: DemoEntry): string[] {
  const text = [...entry.setup, ...entry.steps.map((s) => s.command), ...entry.teardown].join('\n');
  // A name counts when followed by a tag, a space or the end: `ptydeck/busybox-extra` is another image.
  return LOCAL_IMAGES.filter((image) => new RegExp(`${image.replace(/[/.]/g, '\\$&')}(?![\\w/-])`).test(text));
}

/** Whether the engine has `image`; the detail says what to do when it has not. */
export async function probeImage(image: string, env: NodeJS.ProcessEnv): Promise<{ ok: boolean; detail: string }> {
  const run = await runCommand('docker', ['image', 'inspect', '--format', '{{.Id}}', image], {
    timeoutMs: IMAGE_INSPECT_TIMEOUT_MS,
    env,
  });
  if (run.code === 0) return { ok: true, detail: `image ${image}: ${run.stdout.trim().slice(0, 19)}` };
  const why = run.timedOut ? `no answer within ${IMAGE_INSPECT_TIMEOUT_MS} ms` : 'not present';
  return { ok: false, detail: `image ${image} is ${why}: build it offline with demos/docker/prepare.sh (docker import, no registry)` };
}
