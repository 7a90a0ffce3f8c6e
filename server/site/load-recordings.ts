// Reads the recordings of one deck's demos from demos/recordings/<deck>/<id>.cast, for its page
// to embed: a published page replays them with no server and no network (file:// cannot fetch).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../../protocol/diagnostic.ts';
import type { EmbeddedRecording, EmbeddedRecordings } from '../../protocol/deck-config.ts';
import type { DemoEntry } from '../../protocol/demo-manifest.ts';
import { readAsciicast } from '../../protocol/asciicast/read.ts';
import type { ScreenSnapshot } from '../../protocol/asciicast/screen-snapshot.ts';
import type { AsciicastRecording } from '../../protocol/asciicast/types.ts';
import { cutShortReason } from '../record/recording-cut-short.ts';
import { screenSnapshots } from '../record/screen-snapshots.ts';
import { recordingPath } from '../record/recording-path.ts';

export interface LoadedRecordings {
  readonly recordings: EmbeddedRecordings;
  /** A recording that cannot replay (not asciicast at all) is a warning, never a failed build. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Why a readable recording may not match the demo, or null when its hash is the demo's. */
export function staleReason(recordedHash: string | null, entry: DemoEntry): string | null {
  if (recordedHash === entry.hash) return null;
  return recordedHash === null
    ? 'the recording has no ptydeck hash (made by asciinema?): it may not show what the demo runs now'
    : `the recording was made from another version of the demo (hash ${recordedHash}, now ${entry.hash}): run ptydeck record again`;
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null; // no recording: the demo falls back to its transcript
  }
}

/** Snapshots by recording text: dev reads the recordings at each page load, and a 3 MB one takes seconds to draw. */
const snapshotCache = new Map<string, readonly ScreenSnapshot[]>();
/** Recordings whose snapshots are remembered: a dev session edits and re-records a few. */
const SNAPSHOT_CACHE_ENTRIES = 32;

function snapshotsOf(cast: string, recording: AsciicastRecording): readonly ScreenSnapshot[] {
  const key = createHash('sha256').update(cast).digest('base64');
  let snapshots = snapshotCache.get(key);
  if (snapshots === undefined) {
    snapshots = screenSnapshots(recording);
    if (snapshotCache.size >= SNAPSHOT_CACHE_ENTRIES) snapshotCache.delete(snapshotCache.keys().next().value!);
    snapshotCache.set(key, snapshots);
  }
  return snapshots;
}

/** The recordings of `demos` (one deck's) under `projectRoot`; `deckFile` names the deck in diagnostics. */
export function loadRecordings(projectRoot: string, demos: readonly DemoEntry[], deckFile: string): LoadedRecordings {
  const recordings: Record<string, EmbeddedRecording> = {};
  const diagnostics: Diagnostic[] = [];
  for (const entry of demos) {
    const file = recordingPath(projectRoot, entry.deck, entry.id);
    const cast = readText(file);
    if (cast === null) continue;
    const read = readAsciicast(cast);
    if (!read.ok) {
      diagnostics.push({
        severity: 'warning',
        code: 'recording-unreadable',
        message: `${path.relative(projectRoot, file)} cannot replay (line ${read.error.line}: ${read.error.message}); demo "${entry.id}" shows its transcript instead`,
        file: deckFile,
        line: entry.line,
      });
      continue;
    }
    const cutShort = cutShortReason(read.recording, entry);
    if (cutShort !== null) {
      diagnostics.push({
        severity: 'warning',
        code: 'recording-unreadable',
        message: `${path.relative(projectRoot, file)} cannot replay (${cutShort}); demo "${entry.id}" shows its transcript instead`,
        file: deckFile,
        line: entry.line,
      });
      continue;
    }
    const stale = staleReason(read.recording.header.ptydeck?.hash ?? null, entry);
    // Only a long recording gets snapshots (a talk's few KB get none): the page stays small.
    const snapshots = snapshotsOf(cast, read.recording);
    recordings[entry.id] = snapshots.length > 0 ? { cast, stale, snapshots } : { cast, stale };
  }
  return { recordings, diagnostics };
}
