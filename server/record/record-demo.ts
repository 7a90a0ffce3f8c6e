// Records one demo: skips it when its recording is fresh or it cannot run here, else runs it live
// into a temporary file that replaces the old recording only when the run succeeded (or --force).

import type { DemoEntry } from '../../protocol/demo-manifest.ts';
import type { PtySession } from '../demo/pty-session.ts';
import type { RequirementChecker, RequirementResult } from '../demo/requirements.ts';
import { AtomicFile } from './atomic-file.ts';
import { hostFacts } from './host-facts.ts';
import { checkLive } from './live-check.ts';
import { ptydeckVersion } from './package-version.ts';
import { recordingHeader } from './recording-header.ts';
import { recordingStatus } from './recording-status.ts';
import { runDemo, type LiveRun } from './run-demo.ts';
import { SessionRecorder } from './session-recorder.ts';

export interface RecordOptions {
  readonly projectRoot: string;
  readonly requirements: RequirementChecker;
  /** The environment probes and `docker version` run with (requirements.ts probeEnvironment). */
  readonly probeEnv: NodeJS.ProcessEnv;
  /** Record even when fresh, and keep the recording of a failed run. */
  readonly force: boolean;
  readonly signal?: AbortSignal;
  readonly onSession?: (session: PtySession) => void;
}

/** What happened to one demo; `path` is its recording's, written or not. */
export type RecordOutcome =
  | { readonly kind: 'recorded'; readonly path: string; readonly run: LiveRun }
  | { readonly kind: 'fresh'; readonly path: string }
  | { readonly kind: 'skipped'; readonly path: string; readonly missing: readonly RequirementResult[] }
  | { readonly kind: 'failed'; readonly path: string; readonly reason: string; readonly run: LiveRun | null };

/** Records `entry` under the project's demos/recordings, or says why not. Never throws on a demo. */
export async function recordDemo(entry: DemoEntry, options: RecordOptions): Promise<RecordOutcome> {
  const { projectRoot, requirements, probeEnv, force, signal } = options;
  const existing = recordingStatus(projectRoot, entry);
  const { path } = existing;
  if (existing.status === 'fresh' && !force) return { kind: 'fresh', path };
  const live = await checkLive(entry, requirements, probeEnv);
  if (!live.ok) return { kind: 'skipped', path, missing: live.missing };
  const host = await hostFacts(entry.options.requires, probeEnv);
  const opened = AtomicFile.open(path);
  if (!opened.ok) return { kind: 'failed', path, reason: opened.message, run: null };
  const file = opened.file;
  let attached = false;
  const running = runDemo(entry, {
    projectRoot,
    requirements,
    ...(signal ? { signal } : {}),
    ...(options.onSession ? { onSession: options.onSession } : {}),
    attach: (session) => {
      attached = true;
      const header = recordingHeader(entry, { startedAt: Date.now() / 1000, host, version: ptydeckVersion() });
      return SessionRecorder.attach(session, header, (text) => file.append(text));
    },
  });
  // A bug in the runner must not leave a temporary file behind either.
  const run = await running.catch((error: unknown) => {
    file.abort();
    throw error;
  });
  // Without a first prompt there is nothing worth replaying, forced or not.
  if (!attached || run.interrupted || (run.failure !== null && !force)) {
    file.abort();
    return { kind: 'failed', path, reason: run.failure ?? 'the demo did not start', run };
  }
  const saved = file.commit();
  return saved.ok ? { kind: 'recorded', path, run } : { kind: 'failed', path, reason: saved.message, run };
}
