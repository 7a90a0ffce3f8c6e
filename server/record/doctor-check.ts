// `ptydeck doctor` for one demo: can it run live here, is its recording there and fresh, and
// (with --run) does a live run still end on the screen the recording shows.

import path from 'node:path';
import type { DemoEntry } from '../../protocol/demo-manifest.ts';
import type { RequirementChecker, RequirementResult } from '../demo/requirements.ts';
import { compareScreens } from './compare-screens.ts';
import { checkLive } from './live-check.ts';
import { recordingStatus } from './recording-status.ts';
import { replayScreen } from './replay-screen.ts';
import { runDemo } from './run-demo.ts';

/** The run column: `not-run` without --run, or when there is nothing to run or to compare with. */
export type RunVerdict =
  | { readonly status: 'not-run'; readonly reason: string }
  | { readonly status: 'same'; readonly failure: string | null }
  | {
      readonly status: 'differs';
      readonly failure: string | null;
      /** First differing row (1-based) and both sides of it, normalized. */
      readonly row: number;
      readonly live: string;
      readonly recorded: string;
    };

/** One demo's report: what the table shows and `--json` prints. */
export interface DoctorReport {
  readonly deck: string;
  readonly demo: string;
  readonly title: string | null;
  readonly live: { readonly ok: boolean; readonly missing: readonly RequirementResult[] };
  readonly requirements: readonly RequirementResult[];
  readonly recording: {
    readonly status: 'fresh' | 'stale' | 'missing' | 'unreadable';
    /** Relative to the project root. */
    readonly path: string;
    readonly reason?: string;
  };
  readonly run: RunVerdict;
  /** False when the demo can neither run live nor replay: the talk would show nothing. */
  readonly ok: boolean;
}

export interface DoctorOptions {
  readonly projectRoot: string;
  readonly requirements: RequirementChecker;
  readonly probeEnv: NodeJS.ProcessEnv;
  /** Run each demo that can run live and has a recording, and compare the final screens. */
  readonly run: boolean;
  readonly signal?: AbortSignal;
}

/** Checks one demo; runs it only with options.run. Never throws on a demo. */
export async function doctorDemo(entry: DemoEntry, options: DoctorOptions): Promise<DoctorReport> {
  const live = await checkLive(entry, options.requirements, options.probeEnv);
  const status = recordingStatus(options.projectRoot, entry);
  const recording = {
    status: status.status,
    path: path.relative(options.projectRoot, status.path),
    ...(status.status === 'unreadable' ? { reason: status.reason } : {}),
  };
  const replays = status.status === 'fresh' || status.status === 'stale';
  let run: RunVerdict = { status: 'not-run', reason: 'without --run' };
  if (options.run && !live.ok) run = { status: 'not-run', reason: 'cannot run live here' };
  else if (options.run && !replays) run = { status: 'not-run', reason: 'no recording to compare with' };
  else if (options.run && replays) {
    const ran = await runDemo(entry, {
      projectRoot: options.projectRoot,
      requirements: options.requirements,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const compared = compareScreens(ran.screen, await replayScreen(status.recording));
    const failure = ran.failure;
    run = compared.same
      ? { status: 'same', failure }
      : { status: 'differs', failure, row: compared.row, live: compared.live, recorded: compared.recorded };
  }
  return {
    deck: entry.deck,
    demo: entry.id,
    title: entry.options.title,
    live: { ok: live.ok, missing: live.missing },
    requirements: live.results,
    recording,
    run,
    ok: live.ok || replays,
  };
}
