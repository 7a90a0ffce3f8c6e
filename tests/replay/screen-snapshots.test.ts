// Seeking through snapshots draws exactly the screen that playing draws: for every recording of
// the five talks, with a snapshot at every marker, and for a 3 MB recording with the default
// spacing. Compared in a headless xterm.js of the page terminal's size and scrollback.
import fs from 'node:fs';
import path from 'node:path';
import headless from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import type { AsciicastRecording } from '../../protocol/asciicast/types.ts';
import { screenSnapshots, SNAPSHOT_EVERY_CHARS } from '../../server/record/screen-snapshots.ts';
import { createTimeline } from '../../theme/demo/replay-timeline.ts';
import { bufferText } from '../../theme/demo/screen-text.ts';
import { castOf, recordingOf } from './replay-fixture.ts';

const { Terminal } = headless;
const RECORDINGS = path.resolve(import.meta.dirname, '../../demos/recordings');
const TALKS = ['computer-architecture', 'existential-crisis', 'virtualization-ko', 'containers-qa', 'container-basics'];

/** The whole buffer's text after writing `data` into a fresh terminal like the page's. */
async function drawn(recording: AsciicastRecording, data: string): Promise<string> {
  const term = new Terminal({ cols: recording.cols, rows: recording.rows, scrollback: 1000, allowProposedApi: true });
  try {
    await new Promise<void>((resolve) => term.write(data, resolve));
    const b = term.buffer.active;
    return `${bufferText(b)}\ncursor ${b.cursorX},${b.cursorY}`;
  } finally {
    term.dispose();
  }
}

/** Checks every step count: the snapshot path against all output written from the start. */
async function expectSeeksMatchPlaying(recording: AsciicastRecording, everyChars: number): Promise<number> {
  const snapshots = screenSnapshots(recording, { everyChars });
  const played = createTimeline(recording);
  const sought = createTimeline(recording, undefined, snapshots);
  for (let done = 0; done <= played.steps; done++) {
    expect(await drawn(recording, sought.screenAt(done)), `after ${done} steps`).toBe(await drawn(recording, played.screenAt(done)));
  }
  return snapshots.length;
}

const talkRecordings = TALKS.flatMap((deck) =>
  fs.readdirSync(path.join(RECORDINGS, deck)).filter((f) => f.endsWith('.cast')).map((f) => ({ name: `${deck}/${f}`, file: path.join(RECORDINGS, deck, f) })),
);

describe('screen snapshots', () => {
  it('covers a recording of each of the five talks', () => {
    expect(new Set(talkRecordings.map((r) => r.name.split('/')[0]))).toEqual(new Set(TALKS));
  });

  it.each(talkRecordings)('seek in $name with a snapshot at every marker draws what playing draws', async ({ file }) => {
    const recording = recordingOf(fs.readFileSync(file, 'utf8'));
    expect(await expectSeeksMatchPlaying(recording, 0)).toBeGreaterThan(0);
  });

  it("gives a talk's few-KB recordings no snapshot at all, so a page does not grow", () => {
    for (const { file } of talkRecordings) expect(screenSnapshots(recordingOf(fs.readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('snapshots a 3 MB recording every SNAPSHOT_EVERY_CHARS of output, and its seeks match playing', async () => {
    const line = (i: number) => `\x1b[1;34mdrwxr-xr-x\x1b[0m 2 root root 4096 file-${i} \x1b[32m${'x'.repeat(i % 50)}\x1b[0m\r\n`;
    const events: Array<readonly [number, string, string]> = [[0, 'o', '$ ']];
    let n = 0;
    for (let step = 0; step < 6; step++) {
      events.push([0.5, 'm', `${step + 1}: ls -lR`], [0.01, 'o', 'ls -lR\r\n']);
      for (let k = 0; k < 60; k++) events.push([0.004, 'o', Array.from({ length: 100 }, () => line(n++)).join('')]);
      events.push([0.01, 'o', '$ ']);
    }
    const recording = castOf(events);
    const chars = recording.events.reduce((sum, e) => sum + (e.kind === 'o' ? e.data.length : 0), 0);
    const count = await expectSeeksMatchPlaying(recording, SNAPSHOT_EVERY_CHARS);
    expect(count).toBeGreaterThanOrEqual(6);
    expect(chars).toBeGreaterThan(3e6);
  }, 120_000);

  it('takes no snapshot where a scroll region is set: the serializer would lose it', () => {
    const recording = castOf([[0, 'o', '\x1b[2;5r' + 'x'.repeat(100)], [0.1, 'm', '1'], [0.1, 'o', 'y\r\n']]);
    expect(screenSnapshots(recording, { everyChars: 0 })).toEqual([]);
  });
});
