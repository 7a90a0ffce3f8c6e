// The demos bench's files, in one temporary folder: a deck whose demos are the floods and the
// latency steps, the file `cat` reads, a 3 MB recording, and the bench page.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readAsciicast } from '../../protocol/asciicast/read.ts';
import { screenSnapshots } from '../../server/record/screen-snapshots.ts';
import { REPLAY_BYTES } from './bench-config.ts';
import { BLOCK_BYTES, fileBlock } from './flood-data.ts';
import { makeTempFolder } from '../../server/temp-folder.ts';

export interface Fixtures {
  readonly dir: string;
  readonly slides: string;
  readonly pageDir: string;
  readonly home: string;
  readonly bigFile: string;
  /** The recording's path under pageDir, as the page fetches it. */
  readonly castUrlPath: string;
  /** Demo ids of the bench deck. */
  readonly demos: { readonly latency: string; readonly cat: string; readonly yes: string; readonly forever: string };
  remove(): void;
}

/** Step time-out for the floods (s): 100 MB at a few MB/s must not be cut short. */
const FLOOD_TIMEOUT_S = 600;

export function makeFixtures(floodBytes: number, latencySteps: number): Fixtures {
  const dir = makeTempFolder('ptydeck-bench-demos-');
  const slides = path.join(dir, 'slides');
  const pageDir = path.join(dir, 'page');
  const home = path.join(dir, 'home');
  for (const d of [slides, pageDir, home]) fs.mkdirSync(d);
  fs.writeFileSync(path.join(dir, 'package.json'), '{}');

  const bigFile = path.join(dir, 'flood.txt');
  const block = Buffer.from(fileBlock());
  const fd = fs.openSync(bigFile, 'w');
  const batch = Buffer.concat(Array.from({ length: 256 }, () => block));
  for (let written = 0; written < floodBytes; written += batch.length) fs.writeSync(fd, batch, 0, Math.min(batch.length, floodBytes - written));
  fs.closeSync(fd);
  if (floodBytes % BLOCK_BYTES !== 0) throw new Error(`flood size must be a multiple of ${BLOCK_BYTES}`);

  const demos = { latency: 'latency', cat: 'flood-cat', yes: 'flood-yes', forever: 'flood-forever' } as const;
  const steps = Array.from({ length: latencySteps + 1 }, (_, i) => `$ echo m${i}x`).join('\n');
  const fence = (id: string, body: string) => `\`\`\`demo id=${id} timeout=${FLOOD_TIMEOUT_S}\n${body}\n\`\`\`\n`;
  fs.writeFileSync(
    path.join(slides, 'bench.md'),
    [
      '# bench\n',
      fence(demos.latency, steps),
      '---\n',
      fence(demos.cat, `$ cat ${bigFile}`),
      '---\n',
      fence(demos.yes, `$ yes | head -c ${floodBytes}`),
      '---\n',
      // A second step, so the interrupted `yes` is not the last: a last step's reply waits for
      // the demo's shell to be killed and torn down, which the peer (whose shell stays) never pays.
      fence(demos.forever, '$ yes\n$ true'),
    ].join('\n'),
  );
  const cast = recording();
  fs.writeFileSync(path.join(pageDir, 'replay.cast'), cast);
  // The screens a page embeds with the recording (server/site/load-recordings.ts), for seeking.
  const read = readAsciicast(cast);
  fs.writeFileSync(path.join(pageDir, 'replay.cast.snapshots.json'), JSON.stringify(read.ok ? screenSnapshots(read.recording) : []));
  return { dir, slides, pageDir, home, bigFile, castUrlPath: '/replay.cast', demos, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Steps in the recording: a talk's demo has a handful. */
const REPLAY_STEPS = 10;
/** Output per recorded event (characters) and the time between events (s): a chatty `ls -lR`. */
const REPLAY_EVENT_CHARS = 2048;
const REPLAY_EVENT_GAP_S = 0.004;

/** A 3 MB asciicast v2 recording of REPLAY_STEPS marked steps of coloured listing output. */
function recording(): string {
  const lines = fileBlock()
    .split('\n')
    .filter(Boolean)
    .map((line, i) => (i % 3 === 0 ? `\x1b[1;34m${line}\x1b[0m` : i % 3 === 1 ? `\x1b[32m${line.slice(0, 20)}\x1b[0m${line.slice(20)}` : line));
  const text = lines.join('\r\n') + '\r\n';
  const events: string[] = [JSON.stringify({ version: 2, width: 80, height: 18 })];
  let t = 0;
  const push = (code: string, data: string) => {
    events.push(JSON.stringify([Number(t.toFixed(6)), code, data]));
  };
  push('o', '$ ');
  const perStep = REPLAY_BYTES / REPLAY_STEPS;
  for (let step = 0; step < REPLAY_STEPS; step++) {
    t += 0.5;
    push('m', `${step + 1}: ls -lR /usr/share`);
    push('o', 'ls -lR /usr/share\r\n');
    for (let sent = 0, offset = step * 997; sent < perStep; sent += REPLAY_EVENT_CHARS, offset += REPLAY_EVENT_CHARS) {
      t += REPLAY_EVENT_GAP_S;
      const start = offset % (text.length - REPLAY_EVENT_CHARS);
      push('o', text.slice(start, start + REPLAY_EVENT_CHARS));
    }
    t += 0.01;
    push('o', '\r\n$ ');
  }
  return events.join('\n') + '\n';
}
