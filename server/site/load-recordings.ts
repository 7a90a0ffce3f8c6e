// Reads the recordings of one deck's demos from demos/recordings/<deck>/<id>.cast, for its page
// to embed: a published page replays them with no server and no network (file:// cannot fetch).
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../../protocol/diagnostic.ts';
import type { EmbeddedRecording, EmbeddedRecordings } from '../../protocol/deck-config.ts';
import type { DemoEntry } from '../../protocol/demo-manifest.ts';
import { readAsciicast } from '../../protocol/asciicast/read.ts';
import { cutShortReason } from '../record/recording-cut-short.ts';
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
    recordings[entry.id] = { cast, stale: staleReason(read.recording.header.ptydeck?.hash ?? null, entry) };
  }
  return { recordings, diagnostics };
}
