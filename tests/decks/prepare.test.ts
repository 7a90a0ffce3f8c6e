// `ptydeck prepare` builds the offline demo image once, does nothing the second time, and says
// plainly when there is no docker engine to build it with.

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { requirementChecker } from '../../server/demo/requirements.ts';
import { PROJECT_ROOT } from '../demo/demo-entry.ts';
import { skipReason } from '../skip-reason.ts';

const CLI = path.join(PROJECT_ROOT, 'bin/ptydeck.mjs');
/** How long one prepare may take, in ms: an import is ~2 s, tsx's start-up ~1 s, CI is slower. */
const PREPARE_TIMEOUT_MS = 60_000;

function prepare(env: NodeJS.ProcessEnv = process.env): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, 'prepare'], { env, encoding: 'utf8', timeout: PREPARE_TIMEOUT_MS });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('ptydeck prepare', { timeout: 2 * PREPARE_TIMEOUT_MS }, () => {
  it('fails with a sentence, not a stack trace, when no docker engine answers', () => {
    const run = prepare({ ...process.env, DOCKER_HOST: 'unix:///nonexistent/ptydeck-test-docker.sock' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^prepare: error: the (docker CLI is not installed|docker engine at unix:\/\/\/nonexistent\S* does not answer)/m);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('leaves an up-to-date ptydeck/busybox alone', async (ctx) => {
    const [docker] = await requirementChecker.check(['docker']);
    const why = skipReason(docker?.ok ? null : (docker?.detail ?? 'no docker'));
    if (why !== null) return ctx.skip(why);
    // The first run builds the image when it is missing or stale (CI ran it already); the second
    // must find it up to date by its content label.
    const first = prepare();
    expect(first.status, first.stderr).toBe(0);
    const second = prepare();
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/^prepare: ptydeck\/busybox is up to date \(org\.ptydeck\.content=[0-9a-f]+\), nothing to do$/m);
  });
});
