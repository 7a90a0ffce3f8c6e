// Whether a demo has a recording, and whether it is fresh: made from the demo as it is now.

import fs from 'node:fs';
import { readAsciicast } from '../../protocol/asciicast/read.ts';
import type { AsciicastRecording } from '../../protocol/asciicast/types.ts';
import type { DemoEntry } from '../../protocol/demo-manifest.ts';
import { cutShortReason } from './recording-cut-short.ts';
import { recordingPath } from './recording-path.ts';

/**
 * - missing: no file
 * - unreadable: a file that is not a recording (it cannot replay either)
 * - fresh: its header's hash is the demo's: it shows what the demo runs now
 * - stale: made from another version of the demo (or by asciinema, without a ptydeck hash):
 *   it still replays, but may show old commands
 */
export type RecordingStatus =
  | { readonly status: 'missing'; readonly path: string }
  | { readonly status: 'unreadable'; readonly path: string; readonly reason: string }
  | {
      readonly status: 'fresh' | 'stale';
      readonly path: string;
      readonly recording: AsciicastRecording;
      /** The hash the recording was made from, null when it has none. */
      readonly recordedHash: string | null;
    };

/** Reads the demo's recording under `projectRoot`, if any, and compares its hash with the entry's. */
export function recordingStatus(projectRoot: string, entry: DemoEntry): RecordingStatus {
  const path = recordingPath(projectRoot, entry.deck, entry.id);
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { status: 'missing', path };
    return { status: 'unreadable', path, reason: `${code ?? 'error'}: ${(error as Error).message}` };
  }
  const read = readAsciicast(text);
  if (!read.ok) return { status: 'unreadable', path, reason: read.error.message };
  const cutShort = cutShortReason(read.recording, entry);
  if (cutShort !== null) return { status: 'unreadable', path, reason: cutShort };
  const recordedHash = read.recording.header.ptydeck?.hash ?? null;
  const status = recordedHash === entry.hash ? 'fresh' : 'stale';
  return { status, path, recording: read.recording, recordedHash };
}
