// Whether a recording made from the demo as it is now is whole: ptydeck writes one marker per
// step, so a fresh recording with fewer markers was cut short or damaged on disk (a reader
// skips a line it cannot parse, and asciinema's files may end mid-line). Replaying it would
// stop partway through the talk; the transcript is the better stand-in.
import type { AsciicastRecording } from '../../protocol/asciicast/types.ts';
import type { DemoEntry } from '../../protocol/demo-manifest.ts';

/** Why a fresh recording cannot stand in for the demo, or null when it has a marker per step. */
export function cutShortReason(recording: AsciicastRecording, entry: DemoEntry): string | null {
  // A stale recording (another version of the demo) or one from asciinema has no such promise.
  if (recording.header.ptydeck?.hash !== entry.hash) return null;
  const markers = recording.events.filter((event) => event.kind === 'm').length;
  if (markers >= entry.steps.length) return null;
  return `it has ${markers} of the demo's ${entry.steps.length} step markers: cut short or damaged`;
}
