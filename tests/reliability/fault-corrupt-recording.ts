// Fault: a recording corrupted on disk (bit rot, a half-copied file, a bad merge). Promised: a
// diagnostic that names the file, the Markdown transcript shown instead (the recording is not
// embedded), `ptydeck doctor` calling it unreadable; never a replay that silently stops short.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readAsciicast } from '../../protocol/asciicast/read.ts';
import { requirementChecker } from '../../server/demo/requirements.ts';
import { doctorDemo } from '../../server/record/doctor-check.ts';
import { recordingPath } from '../../server/record/recording-path.ts';
import { loadDemos } from '../../server/record/load-demos.ts';
import { loadRecordings } from '../../server/site/load-recordings.ts';
import { Promises, type FaultOutcome } from './fault-outcome.ts';
import { pick, seededRandom, type Random } from './seeded-random.ts';

const REPO = path.resolve(import.meta.dirname, '../..');
/** A deck of the repository with a committed recording to corrupt. */
const DECK = path.join(REPO, 'slides/container-basics.md');
const DEMO_ID = 'chroot-jail';

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
  const loaded = await loadDemos(DECK, DEMO_ID);
  if ('error' in loaded) throw new Error(loaded.error);
  const entry = loaded.entries[0]!;
  const good = fs.readFileSync(recordingPath(REPO, entry.deck, entry.id), 'utf8');
  const promises = new Promises();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-corrupt-'));
  const random = seededRandom(seed);
  let tried = 0;
  let accepted = 0;
  try {
    const file = recordingPath(root, entry.deck, entry.id);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    for (let round = 0; round < rounds; round++) {
      for (const [name, corrupt] of Object.entries(CORRUPTIONS)) {
        tried++;
        const bad = corrupt(good, random);
        fs.writeFileSync(file, bad);
        const relative = path.relative(root, file);
        const { recordings, diagnostics } = loadRecordings(root, [entry], 'slides/container-basics.md');
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
