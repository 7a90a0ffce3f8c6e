// Fault: a recording corrupted on disk (bit rot, a half-copied file, a bad merge). Promised: a
// diagnostic that names the file, the Markdown transcript shown instead (the recording is not
// embedded), `ptydeck doctor` calling it unreadable; never a replay that silently stops short.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readAsciicast } from '../../protocol/asciicast/read.ts';
import { createAsciicastWriter } from '../../protocol/asciicast/write.ts';
import type { DemoEntry } from '../../protocol/demo-manifest.ts';
import { requirementChecker } from '../../server/demo/requirements.ts';
import { doctorDemo } from '../../server/record/doctor-check.ts';
import { recordingHeader } from '../../server/record/recording-header.ts';
import { recordingPath } from '../../server/record/recording-path.ts';
import { loadRecordings } from '../../server/site/load-recordings.ts';
import { demoEntry } from '../demo/demo-entry.ts';
import { Promises, type FaultOutcome } from './fault-outcome.ts';
import { pick, seededRandom, type Random } from './seeded-random.ts';

/** Steps of the demo whose recording is corrupted: each leaves a marker and some output. */
const STEPS = ['echo one', 'seq 1 200', 'echo three', 'ls /'];

/** A whole recording of `entry`, as ptydeck writes one: a marker per step, output, the exit. */
function goodRecording(entry: DemoEntry): string {
  const writer = createAsciicastWriter(recordingHeader(entry, { startedAt: 1_700_000_000, host: { kernel: 'test', distro: 'test' }, version: '0.0.0' }));
  let text = writer.header();
  entry.steps.forEach((step, i) => {
    text += writer.marker(i + 0.1, `step ${i + 1}`);
    text += writer.output(i + 0.2, `$ ${step.command}\r\n`);
    for (let line = 0; line < 20; line++) text += writer.output(i + 0.3 + line / 100, `output ${i} line ${line}\r\n`);
  });
  return text + writer.exit(STEPS.length, 0);
}

/** Ways a file goes bad, each from the good text and a seeded random source. */
const CORRUPTIONS: Record<string, (good: string, random: Random) => string> = {
  'random bytes': (_good, random) => Buffer.from(Array.from({ length: 2048 }, () => Math.floor(random() * 256))).toString('latin1'),
  'cut in the middle of a line': (good, random) => good.slice(0, Math.floor(good.length * (0.2 + 0.6 * random()))),
  'an event line that is not JSON': (good, random) => {
    const lines = good.split('\n');
    lines[1 + Math.floor(random() * (lines.length - 2))] = '[0.5, "o", "unterminated';
    return lines.join('\n');
  },
  'the header line lost': (good) => good.split('\n').slice(1).join('\n'),
  'an empty file': () => '',
  'NUL bytes over a stretch': (good, random) => {
    const at = Math.floor(random() * good.length * 0.8);
    return good.slice(0, at) + '\0'.repeat(512) + good.slice(at + 512);
  },
  'an event of the wrong shape': (good, random) => {
    const lines = good.split('\n');
    lines[1 + Math.floor(random() * (lines.length - 2))] = pick(random, ['[1.0, "o"]', '{"time": 1}', '["later", "o", "x"]', '[1.0, 5, "x"]']);
    return lines.join('\n');
  },
};

export const CORRUPTION_COUNT = Object.keys(CORRUPTIONS).length;

/** Corrupts the recording in every way, `rounds` times each with fresh random choices. */
export async function corruptRecordings(seed: number, rounds = 1): Promise<FaultOutcome & { tried: number }> {
  const fault = 'a recording corrupted on disk (random bytes, cut short, bad lines, no header, empty, NULs)';
  const entry = demoEntry('corrupt', STEPS);
  const good = goodRecording(entry);
  const promises = new Promises();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-corrupt-'));
  const random = seededRandom(seed);
  let tried = 0;
  let accepted = 0;
  try {
    const file = recordingPath(root, entry.deck, entry.id);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // The uncorrupted file must be accepted, or every refusal below proves nothing.
    fs.writeFileSync(file, good);
    promises.check(loadRecordings(root, [entry], 'slides/tests.md').recordings[entry.id] !== undefined, 'the whole recording is refused');
    for (let round = 0; round < rounds; round++) {
      for (const [name, corrupt] of Object.entries(CORRUPTIONS)) {
        tried++;
        const bad = corrupt(good, random);
        fs.writeFileSync(file, bad);
        const relative = path.relative(root, file);
        const { recordings, diagnostics } = loadRecordings(root, [entry], 'slides/tests.md');
        const doctor = await doctorDemo(entry, { projectRoot: root, requirements: requirementChecker, probeEnv: process.env, run: false });
        const read = readAsciicast(bad);
        if (recordings[entry.id]) {
          // Accepted: it must then replay every step (a reader may skip what it does not know).
          accepted++;
          const markers = read.ok ? read.recording.events.filter((e) => e.kind === 'm').length : -1;
          promises.check(markers >= entry.steps.length, `${name}: embedded although it replays ${markers} of ${entry.steps.length} steps`);
          continue;
        }
        promises.check(diagnostics.some((d) => d.message.includes(relative)), `${name}: no diagnostic names ${relative}`);
        promises.check(doctor.recording.status === 'unreadable', `${name}: doctor says ${doctor.recording.status}, not unreadable`);
      }
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  return { fault, tried, problems: promises.problems, notes: `${tried - accepted} refused with a diagnostic naming the file (transcript shown), ${accepted} still whole enough to replay every step` };
}
