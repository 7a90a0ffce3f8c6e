// `ptydeck dev --record`: records the runs a speaker rehearses in the browser. Every run that
// starts from the first prompt is recorded to a temporary file; a run that reaches its last
// step replaces the recording when it is at least as good as what is there (a clean run beats
// one with failing steps; of two clean runs the newer wins). Anything else is discarded, so a
// half-finished rehearsal never overwrites a good recording.
import type { DemoEntry } from '../../protocol/demo-manifest.ts';
import type { PtySession } from '../demo/pty-session.ts';
import { DisposableStore, type Disposable } from '../demo/disposable.ts';
import { AtomicFile } from './atomic-file.ts';
import { SessionRecorder } from './session-recorder.ts';
import { recordingHeader } from './recording-header.ts';
import { recordingStatus } from './recording-status.ts';
import { hostFacts, readDistro } from './host-facts.ts';
import type { PtydeckHost } from '../../protocol/asciicast/types.ts';
import os from 'node:os';
import { ptydeckVersion } from './package-version.ts';
import { probeEnvironment } from '../demo/requirements.ts';
import { logDebug } from '../live/debug-log.ts';
import { readAsciicast } from '../../protocol/asciicast/read.ts';
import fs from 'node:fs';

/** A run being recorded: its file, its recorder, and how many of its steps failed so far. */
interface Take {
  readonly file: AtomicFile;
  readonly recorder: Promise<SessionRecorder>;
  failures: number;
  lastExit: number;
}

/** Failing steps in the recording on disk: its `x` status stands in (0 = clean), or null when none. */
function existingFailures(path: string): number | null {
  try {
    const read = readAsciicast(fs.readFileSync(path, 'utf8'));
    if (!read.ok) return null;
    const exit = read.recording.events.find((e) => e.kind === 'x');
    return exit && exit.kind === 'x' && exit.status === 0 ? 0 : 1;
  } catch {
    return null;
  }
}

/** Watches one session and keeps the best completed run of it as the demo's recording. */
export class RehearsalRecorder implements Disposable {
  private readonly store = new DisposableStore();
  private take: Take | null = null;
  /** Host facts, asked for once (docker's version can take seconds); kernel and distro until then. */
  private host: PtydeckHost = { kernel: os.release(), distro: readDistro() };

  constructor(
    private readonly session: PtySession,
    private readonly projectRoot: string,
    private readonly onSaved: (entry: DemoEntry, path: string) => void = () => {},
    /** A completed rehearsal could not be saved (a full disk): the presenter must hear of it. */
    private readonly onSaveFailed: (entry: DemoEntry, message: string) => void = (entry, message) =>
      logDebug(`could not save the recording of ${entry.deck}/${entry.id}: ${message}`),
  ) {
    void hostFacts(session.entry.options.requires, probeEnvironment()).then((facts) => (this.host = facts));
    this.store.add(
      session.on('state:changed', ({ state }) => {
        // Synchronously, in this event: the recorder must be listening before step 1 can start.
        if (state === 'ready' && session.nextStep === 0 && !this.take) this.begin();
        if (state === 'resetting' || state === 'disposed' || state === 'failed') this.abandon();
      }),
    );
    this.store.add(
      session.on('step:finished', (result) => {
        const take = this.take;
        if (!take) return;
        if (result.exitCode !== 0 || result.timedOut) take.failures++;
        take.lastExit = result.exitCode ?? 1;
        if (result.index === session.entry.steps.length - 1) void this.complete(take);
      }),
    );
  }

  private begin(): void {
    const entry = this.session.entry;
    const status = recordingStatus(this.projectRoot, entry);
    const opened = AtomicFile.open(status.path);
    if (!opened.ok) {
      logDebug(`not recording ${entry.deck}/${entry.id}: ${opened.message}`);
      return;
    }
    const header = recordingHeader(entry, { startedAt: Date.now() / 1000, host: this.host, version: ptydeckVersion() });
    const file = opened.file;
    this.take = { file, recorder: SessionRecorder.attach(this.session, header, (text) => file.append(text)), failures: 0, lastExit: 0 };
  }

  private async complete(take: Take): Promise<void> {
    if (this.take !== take) return;
    this.take = null;
    const recorder = await take.recorder;
    recorder.finish(take.lastExit);
    const entry = this.session.entry;
    const status = recordingStatus(this.projectRoot, entry);
    const before = status.status === 'fresh' ? existingFailures(status.path) : null;
    if (before !== null && take.failures > before) {
      take.file.abort();
      logDebug(`kept the recording of ${entry.deck}/${entry.id}: this run had ${take.failures} failing step(s)`);
      return;
    }
    const saved = take.file.commit();
    if (saved.ok) this.onSaved(entry, status.path);
    else this.onSaveFailed(entry, saved.message);
  }

  private abandon(): void {
    const take = this.take;
    if (!take) return;
    this.take = null;
    take.file.abort();
    void take.recorder.then((r) => r.dispose());
  }

  dispose(): void {
    this.abandon();
    this.store.dispose();
  }
}
