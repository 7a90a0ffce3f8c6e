// Every demo of every deck in slides/ runs for real, step by step, as on stage: each step exits
// as the talk expects and shows what the transcript and the talk's point say, and afterwards,
// also after a reset half-way through, nothing of it is left on the host.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoEntry } from '../../protocol/demo-manifest.ts';
import type { StepResult, TeardownReport } from '../../server/demo/demo-result.ts';
import { PtySession } from '../../server/demo/pty-session.ts';
import { describeMissing, requirementChecker } from '../../server/demo/requirements.ts';
import { PROJECT_ROOT } from '../demo/demo-entry.ts';
import { leftoverProcesses, unwrap } from '../demo/session-harness.ts';
import { loadDeckDemos } from './deck-demos.ts';
import { DEMO_CHECKS, type RunView } from './demo-checks.ts';
import { missingExpectedLines } from './expected-output.ts';
import { hostState, settledLeftovers } from './host-state.ts';

/**
 * Time one demo test may take, in ms: the longest demos run ~10 s of steps (sleeps, pings, three
 * docker builds); a loaded CI box is several times slower, and teardown and settling come on top.
 */
const DEMO_TEST_TIMEOUT_MS = 180_000;

/** How long the step cut short by the reset test runs before the reset, in ms. */
const RESET_DURING_STEP_MS = 300;

/** The image every docker demo runs; `ptydeck prepare` builds it. */
const DEMO_IMAGE = 'ptydeck/busybox';

/**
 * Requirements a CI machine may lack for good, as a matter of kernel configuration: a demo
 * needing one skips in CI too. Anything else (docker, ping, strace, cc, python3, busybox…)
 * .ci/run installs and starts, so a demo that cannot run there fails instead of skipping.
 */
const MAY_LACK_IN_CI = new Set(['cgroup-v1', 'cgroup-v2', 'userns']);

const decks = await loadDeckDemos();
const dockerUp = (await requirementChecker.check(['docker']))[0]?.ok ?? false;

function demoImagePresent(): boolean {
  if (!dockerUp) return false;
  try {
    execFileSync('docker', ['image', 'inspect', DEMO_IMAGE], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}
const imagePresent = demoImagePresent();

function usesDemoImage(entry: DemoEntry): boolean {
  return [...entry.setup, ...entry.steps.map((s) => s.command)].some((c) => c.includes(DEMO_IMAGE));
}

/** Why the demo cannot run on this machine (printed, and the test skips), or null. Throws in CI. */
async function whyNotHere(entry: DemoEntry): Promise<string | null> {
  const results = await requirementChecker.check(entry.options.requires);
  const missing = results.filter((r) => !r.ok);
  let why: string | null = null;
  let ciMustHave = false;
  if (missing.length > 0) {
    why = describeMissing(results).replace(/\n\s*/g, ' ');
    ciMustHave = missing.some((r) => !MAY_LACK_IN_CI.has(r.name));
  } else if (usesDemoImage(entry) && !imagePresent) {
    why = `the image ${DEMO_IMAGE} is missing: run \`ptydeck prepare\``;
    ciMustHave = true;
  }
  if (why === null) return null;
  if (process.env.CI && ciMustHave) throw new Error(`.ci/run provides what this demo needs, so it must run in CI: ${why}`);
  console.warn(`skipping ${entry.deck}/${entry.id}: ${why}`);
  return why;
}

/**
 * Where the reset test cuts a demo short: during its first step that undoes something (leaving
 * a nested shell, killing, deleting, stopping), when the most state is alive; else the last.
 */
function cutPoint(entry: DemoEntry): number {
  const undo = /^(exit\b|kill\b|ip netns del|docker (stop|rm)\b)/;
  const index = entry.steps.findIndex((s) => undo.test(s.command));
  return index > 0 ? index : Math.max(0, entry.steps.length - 1);
}

function view(results: readonly StepResult[]): RunView {
  return { results, out: (index) => results[index]?.output.trim() ?? '' };
}

function shown(results: readonly StepResult[]): string {
  return results
    .map((r) => `--- step ${r.index}: ${r.command} → ${r.timedOut ? 'timed out' : `exit ${r.exitCode}`}\n${r.output}`)
    .join('\n');
}

/** Asserts the teardown ran clean, no process of the session lives on, and the host is as before. */
async function expectNothingLeft(
  session: PtySession,
  entry: DemoEntry,
  before: ReturnType<typeof hostState>,
  teardowns: readonly TeardownReport[],
): Promise<void> {
  for (const report of teardowns) {
    const failed = report.steps.filter((s) => s.exitCode !== 0 || s.timedOut).map((s) => `${s.command} → ${s.exitCode}\n${s.output}`);
    expect(report.ok, `teardown failed:\n${failed.join('\n')}`).toBe(true);
  }
  expect(leftoverProcesses(session.id), 'processes of the session still alive').toEqual([]);
  expect(await settledLeftovers(before, entry, dockerUp), 'left on the host').toEqual([]);
}

/**
 * The demo shells get an empty HOME for the length of this file. The nested `bash` of many demos
 * reads ~/.bashrc, and a developer's may run `pyenv rehash`, which queues on one lock file for
 * every shell starting on the machine (and waits 60 s on a lock a killed shell left): with other
 * test files starting shells beside this one, nested shells missed the 30 s step time-out. What
 * is tested here is the demos; how marks survive a user's rc is tested in tests/demo.
 */
let home: string | null = null;
const ownHome = process.env.HOME;

beforeAll(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-decks-home-'));
  fs.writeFileSync(path.join(home, '.bashrc'), '# empty: see tests/decks/demos.test.ts\n');
  process.env.HOME = home;
});

afterAll(() => {
  if (ownHome === undefined) delete process.env.HOME;
  else process.env.HOME = ownHome;
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

beforeAll(() => {
  // The engine makes its parent cgroups (…/docker) with its first container and keeps them:
  // start one here, so the first docker demo is not blamed for them.
  if (imagePresent) execFileSync('docker', ['run', '--rm', '--network', 'none', DEMO_IMAGE, 'true'], { stdio: 'ignore', timeout: 60_000 });
});

it('has essential checks only for demos the decks have', () => {
  const ids = new Set(decks.flatMap((d) => d.demos.map((e) => `${e.deck}/${e.id}`)));
  expect(Object.keys(DEMO_CHECKS).filter((key) => !ids.has(key))).toEqual([]);
});

for (const deck of decks) {
  describe(`deck ${deck.deck}`, { timeout: DEMO_TEST_TIMEOUT_MS }, () => {
    it('compiles without errors', () => {
      expect(deck.errors).toEqual([]);
      expect(deck.demos.length).toBeGreaterThan(0);
    });

    for (const entry of deck.demos) {
      const key = `${entry.deck}/${entry.id}`;
      const check = DEMO_CHECKS[key] ?? {};

      it(`${entry.id}: every step exits as expected, shows its point, and nothing is left after`, async (ctx) => {
        const why = await whyNotHere(entry);
        if (why !== null) return ctx.skip(why);
        const before = hostState(dockerUp);
        const session = new PtySession({ entry, projectRoot: PROJECT_ROOT });
        const results: StepResult[] = [];
        let teardown: TeardownReport;
        try {
          unwrap(await session.start());
          for (let i = 0; i < entry.steps.length; i++) {
            const { result } = unwrap(await session.step());
            results.push(result);
            if (result.timedOut) break;
          }
        } finally {
          teardown = await session.dispose();
        }

        const exits = results.map((r) => `${r.index}: ${r.command} → ${r.timedOut ? 'timed out' : `exit ${r.exitCode}`}`);
        const expected = entry.steps.map((s, i) => `${i}: ${s.command} → exit ${check.exits?.[i] ?? 0}`);
        expect(exits, shown(results)).toEqual(expected);
        for (const r of results) {
          const missing = missingExpectedLines(entry.steps[r.index]?.expect ?? [], r.output);
          expect(missing, `step ${r.index} (${r.command}) lacks lines of its transcript; it printed:\n${r.output}`).toEqual([]);
        }
        try {
          check.essential?.(view(results));
        } catch (error) {
          (error as Error).message += `\n${shown(results)}`;
          throw error;
        }
        await expectNothingLeft(session, entry, before, [teardown]);
      });

      it(`${entry.id}: a reset during a step half-way runs its teardown, and nothing is left after`, async (ctx) => {
        const why = await whyNotHere(entry);
        if (why !== null) return ctx.skip(why);
        const before = hostState(dockerUp);
        const session = new PtySession({ entry, projectRoot: PROJECT_ROOT });
        const teardowns: TeardownReport[] = [];
        try {
          unwrap(await session.start());
          const cut = cutPoint(entry);
          for (let i = 0; i < cut; i++) unwrap(await session.step());
          // The presenter resets while the next step still runs (a ping, a build, a nested shell).
          const running = session.step();
          await sleep(RESET_DURING_STEP_MS);
          teardowns.push(unwrap(await session.reset()).teardown);
          await running;
        } finally {
          teardowns.push(await session.dispose());
        }
        await expectNothingLeft(session, entry, before, teardowns);
      });
    }
  });
}
