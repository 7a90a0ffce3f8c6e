// A test page (bundled by tests/browser/replay.test.ts): the real replay driver in xterm.js,
// reporting for a recording the screen text after each number of steps, played step by step
// and sought through its snapshots, so the test can compare the two in real Chromium.
import '@xterm/xterm/css/xterm.css';
import { readAsciicast } from '../../protocol/asciicast/read.ts';
import type { ScreenSnapshot } from '../../protocol/asciicast/screen-snapshot.ts';
import { createReplayDriver } from '../../theme/demo/replay-driver.ts';
import type { DemoPlaceholder } from '../../theme/demo/placeholder.ts';
import { mountTerminal } from '../../theme/demo/terminal-view.ts';

/** Fast enough that a step plays in a few ms; the chunks and their order stay the same. */
const FAST = { idleCapS: 0.001, speed: 1000 } as const;

function placeholder(cols: number, rows: number): DemoPlaceholder {
  const figure = document.createElement('figure');
  const box = document.createElement('div');
  box.style.cssText = 'font: 14px monospace; background: #111; color: #eee; display: inline-block';
  figure.append(box);
  document.body.append(figure);
  return { figure, ref: { deck: 'test', id: 'x' }, cols, rows, interactive: false, box, transcript: null, bar: null, badge: null };
}

export interface SeekComparison {
  readonly played: string[];
  readonly sought: string[];
}

async function compareSeeks(cast: string, snapshots: ScreenSnapshot[]): Promise<SeekComparison> {
  const read = readAsciicast(cast);
  if (!read.ok) throw new Error(read.error.message);
  const { recording } = read;
  const views = [placeholder(recording.cols, recording.rows), placeholder(recording.cols, recording.rows)].map((p) => ({ p, view: mountTerminal(p, { stdin: false }) }));
  const [player, seeker] = views.map((v) => v.view) as [ReturnType<typeof mountTerminal>, ReturnType<typeof mountTerminal>];
  const playing = createReplayDriver({ recording, stale: null, reason: 'test', pacing: FAST });
  const seeking = createReplayDriver({ recording, stale: null, reason: 'test', pacing: FAST, snapshots });
  const attached = [playing.attach((e) => player.write(e), () => {}), seeking.attach((e) => seeker.write(e), () => {})];
  try {
    const played: string[] = [];
    const sought: string[] = [];
    await player.flush();
    played.push(player.text());
    for (let done = 1; done <= playing.steps; done++) {
      await playing.step();
      await player.flush();
      played.push(player.text());
    }
    for (let done = 0; done <= seeking.steps; done++) {
      seeking.seek(done);
      await seeker.flush();
      sought.push(seeker.text());
    }
    return { played, sought };
  } finally {
    attached.forEach((a) => a.dispose());
    views.forEach(({ p, view }) => {
      view.dispose();
      p.figure.remove();
    });
  }
}

(window as unknown as { compareSeeks: typeof compareSeeks }).compareSeeks = compareSeeks;
