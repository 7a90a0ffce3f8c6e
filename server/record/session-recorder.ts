// Records a running demo session as asciicast v3 events: its screen so far, its output, one
// marker as each step starts, what was typed (interactive demos only) and the exit status.

import type { AsciicastHeaderInit } from '../../protocol/asciicast/types.ts';
import { createAsciicastWriter, type AsciicastWriter } from '../../protocol/asciicast/write.ts';
import { DisposableStore, type Disposable } from '../demo/disposable.ts';
import type { PtySession } from '../demo/pty-session.ts';

/** Where the recorder's text goes, line by line (a file being written, or a string in a test). */
export type RecordingSink = (text: string) => void;

/** The label of step `index`'s marker: its 1-based number and command, e.g. `1: hostname`. */
export function markerLabel(index: number, command: string): string {
  return `${index + 1}: ${command}`;
}

/** What the shell receives when a step is typed (marked-shell.ts: continuation lines end in CR). */
function typedKeys(command: string): string {
  return `${command.split('\n').join('\r')}\r`;
}

/**
 * Attach once the session has started (setup done, at the first prompt). The recording begins
 * with a snapshot of that screen at time 0, so hidden setup steps never show in a replay and the
 * replay's first frame is exactly what the audience saw before step 1.
 */
export class SessionRecorder implements Disposable {
  private readonly store = new DisposableStore();
  private readonly writer: AsciicastWriter;
  private readonly startedAt = performance.now();
  /** Events that arrive while the snapshot is taken wait here, so the order stays right. */
  private queued: Array<() => void> | null = [];
  private finished = false;

  private constructor(
    private readonly session: PtySession,
    header: AsciicastHeaderInit,
    private readonly sink: RecordingSink,
  ) {
    this.writer = createAsciicastWriter(header);
  }

  /** Writes the header and the first screen, and from then on every event of the session. */
  static async attach(session: PtySession, header: AsciicastHeaderInit, sink: RecordingSink): Promise<SessionRecorder> {
    const recorder = new SessionRecorder(session, header, sink);
    await recorder.begin();
    return recorder;
  }

  private async begin(): Promise<void> {
    this.sink(this.writer.header());
    // Subscribe in the same tick as the snapshot is asked for: it holds output up to this call.
    const snapshot = this.session.snapshot();
    const interactive = this.session.entry.options.interactive;
    this.store.add(this.session.on('output:data', (data) => this.event((time) => this.writer.output(time, data))));
    this.store.add(
      this.session.on('step:started', ({ index, command }) =>
        this.event((time) => {
          const marker = this.writer.marker(time, markerLabel(index, command));
          // Typed keys are input only where the presenter may type: elsewhere the marker says it all.
          return interactive ? marker + this.writer.input(time, typedKeys(command)) : marker;
        }),
      ),
    );
    const screen = await snapshot;
    this.sink(this.writer.output(0, screen));
    const queued = this.queued ?? [];
    this.queued = null;
    for (const write of queued) write();
  }

  /** Seconds since the recording started. */
  private now(): number {
    return (performance.now() - this.startedAt) / 1000;
  }

  /** Writes an event stamped now, or queues it (with this time) while the snapshot is taken. */
  private event(line: (time: number) => string): void {
    if (this.finished) return;
    const time = this.now();
    const write = () => this.sink(line(time));
    if (this.queued) this.queued.push(write);
    else write();
  }

  /** Ends the recording with the `x` event (the last step's exit status) and stops listening. */
  finish(status: number): void {
    if (this.finished) return;
    this.store.dispose();
    this.sink(this.writer.exit(this.now(), status));
    this.finished = true;
  }

  /** Stops listening without an exit event (the run was abandoned; its file is discarded). */
  dispose(): void {
    this.finished = true;
    this.store.dispose();
  }
}
