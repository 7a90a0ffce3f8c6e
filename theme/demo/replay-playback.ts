// One recorded step playing: its chunks written into the terminal after their delays, each
// write awaited (xterm.js parses at its own pace, as live output is acknowledged once written).
import type { Disposable } from './disposable.ts';
import type { ReplayChunk } from './replay-timeline.ts';

/**
 * - played: every chunk was written, on time
 * - finished: the rest was written at once (the presenter pressed next during the step)
 * - stopped: nothing more was written (interrupt, reset, seek, or the slide was left)
 */
export type PlaybackEnd = 'played' | 'finished' | 'stopped';

type Mode = 'playing' | 'finishing' | 'stopping';

export class Playback implements Disposable {
  /** Resolves once the step is over, saying how. */
  readonly done: Promise<PlaybackEnd>;
  private mode: Mode = 'playing';
  private wake: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly chunks: readonly ReplayChunk[],
    private readonly write: (data: string) => Promise<void>,
  ) {
    this.done = this.run();
  }

  /** Stops where it is: nothing more is written. */
  stop(): void {
    this.mode = 'stopping';
    this.wakeUp();
  }

  /** Writes the rest of the step at once. */
  finish(): void {
    if (this.mode === 'playing') this.mode = 'finishing';
    this.wakeUp();
  }

  dispose(): void {
    this.stop();
  }

  private async run(): Promise<PlaybackEnd> {
    for (let i = 0; i < this.chunks.length; i++) {
      const chunk = this.chunks[i]!;
      if (this.mode === 'playing') await this.sleep(chunk.delayMs);
      // Re-read after the pause: stop() or finish() may have come meanwhile.
      const mode = this.mode as Mode;
      if (mode === 'stopping') return 'stopped';
      if (mode === 'finishing') {
        await this.write(this.chunks.slice(i).map((c) => c.data).join(''));
        return 'finished';
      }
      await this.write(chunk.data);
    }
    return this.mode === 'stopping' ? 'stopped' : this.mode === 'finishing' ? 'finished' : 'played';
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(() => this.wakeUp(), ms);
    });
  }

  private wakeUp(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
