// The recordings a page embeds (server/site/load-recordings.ts), read once and parsed on first
// use: a deck with many demos pays for the ones shown, not for all at start-up.
import { DECK_RECORDINGS_ID, type EmbeddedRecording } from '../../protocol/deck-config.ts';
import { readAsciicast } from '../../protocol/asciicast/read.ts';
import { isScreenSnapshots, type ScreenSnapshot } from '../../protocol/asciicast/screen-snapshot.ts';
import type { AsciicastRecording } from '../../protocol/asciicast/types.ts';

export interface ReplaySource {
  readonly recording: AsciicastRecording;
  /** Why it may not match the demo (see EmbeddedRecording.stale), or null. */
  readonly stale: string | null;
  /** Screens drawn ahead at some markers (none: seeking writes the output before the marker). */
  readonly snapshots: readonly ScreenSnapshot[];
}

export interface ReplaySources {
  /** Whether demo `id` has a recording on this page (without parsing it). */
  has(id: string): boolean;
  /** Demo `id`'s recording, parsed; null when there is none or it cannot be read. */
  get(id: string): ReplaySource | null;
}

function isEmbedded(value: unknown): value is EmbeddedRecording {
  if (typeof value !== 'object' || value === null) return false;
  const { cast, stale, snapshots } = value as Record<string, unknown>;
  return typeof cast === 'string' && (stale === null || typeof stale === 'string') && (snapshots === undefined || isScreenSnapshots(snapshots));
}

function readElement(doc: Document): Record<string, unknown> {
  const text = doc.getElementById(DECK_RECORDINGS_ID)?.textContent;
  if (!text) return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch (error) {
    console.warn('ptydeck: the page\'s recordings cannot be read; demos show their transcripts', error);
    return {};
  }
}

/** The page's recordings; each problem (stale, unreadable) is warned about once, on first use. */
export function readReplaySources(doc: Document = document): ReplaySources {
  const embedded = readElement(doc);
  const parsed = new Map<string, ReplaySource | null>();
  const has = (id: string) => Object.hasOwn(embedded, id) && isEmbedded(embedded[id]);
  return {
    has,
    get(id) {
      if (parsed.has(id)) return parsed.get(id) ?? null;
      let source: ReplaySource | null = null;
      const entry = embedded[id];
      if (has(id) && isEmbedded(entry)) {
        const read = readAsciicast(entry.cast);
        if (read.ok) {
          source = { recording: read.recording, stale: entry.stale, snapshots: entry.snapshots ?? [] };
          if (entry.stale) console.warn(`ptydeck: demo "${id}" replays a stale recording: ${entry.stale}`);
        } else {
          console.warn(`ptydeck: demo "${id}"'s recording cannot be read (line ${read.error.line}: ${read.error.message}); showing its transcript`);
        }
      }
      parsed.set(id, source);
      return source;
    },
  };
}
