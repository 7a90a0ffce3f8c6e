// A recording cut into steps at its markers: the screen after any number of steps, drawn at
// once (seeking), and each step as timed chunks of output (playing). Pure: no DOM, no timers.
import { eventsOfStep, eventsUntilMarker, listMarkers } from '../../protocol/asciicast/markers.ts';
import { playbackDelays } from '../../protocol/asciicast/playback-delays.ts';
import type { AsciicastEvent, AsciicastRecording } from '../../protocol/asciicast/types.ts';

/**
 * Pauses longer than this play as this many seconds: a long wait (a slow download, the speaker
 * talking while rehearsing) is dead air on stage, and one second still reads as "it worked".
 */
export const REPLAY_IDLE_CAP_S = 1;

/** Playback speed: 1 keeps the recorded timing, so typing in a recording looks like typing. */
export const REPLAY_SPEED = 1;

/** Output due within this many ms of a chunk's start joins it: one terminal write per frame. */
export const REPLAY_FRAME_MS = 16;

export interface ReplayPacing {
  /** Longest pause played, in seconds (the recording's own idle_time_limit applies too, if lower). */
  readonly idleCapS: number;
  /** 2 plays twice as fast. */
  readonly speed: number;
}

export const DEFAULT_PACING: ReplayPacing = { idleCapS: REPLAY_IDLE_CAP_S, speed: REPLAY_SPEED };

/** Terminal data to write `delayMs` after the chunk before it was written. */
export interface ReplayChunk {
  readonly delayMs: number;
  readonly data: string;
}

export interface ReplayTimeline {
  /** One step per marker; a recording without markers (plain asciinema) is one step. */
  readonly steps: number;
  /** Data that draws, on a blank terminal, the screen after `done` steps (0: before the first). */
  screenAt(done: number): string;
  /** Step `index` (0-based) as chunks to write in order, each after its delay. */
  chunksOf(index: number): ReplayChunk[];
  /** Step `index`'s output as plain text, as a live step's reply carries it. */
  outputOf(index: number): string;
  /** The exit status recorded within step `index` (the `x` event ends the last step), or null. */
  exitOf(index: number): number | null;
}

/**
 * ptydeck's shell marks each command (OSC 133, server/demo/shell-env.ts): C where its output
 * starts, D;status where it ended. A recording keeps them, so replay knows each step's output
 * and exit status as live does; a recording without them (asciinema) has neither.
 */
const COMMAND_OUTPUT = /\x1b\]133;C\x07([\s\S]*?)(?:\x1b\]133;D(?:;(-?\d+))?\x07|$)/;

/** CSI, OSC, and two-character escape sequences; then the control characters a text has no use for. */
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[\s\S]/g;
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f]/g;

/** Terminal output as plain text: escapes dropped, CR LF as LF. */
export function plainText(data: string): string {
  return data.replace(ESCAPES, '').replace(/\r\n/g, '\n').replace(CONTROLS, '');
}

function output(events: readonly AsciicastEvent[]): string {
  // Resizes are not applied: the slide's terminal keeps the demo's size, as the live one does.
  // Input is not written either: the shell's echo of it is already in the output.
  return events.map((e) => (e.kind === 'o' ? e.data : '')).join('');
}

/** Groups output events into chunks, each written REPLAY_FRAME_MS or more after the one before. */
function chunk(events: readonly AsciicastEvent[], delays: readonly number[]): ReplayChunk[] {
  const chunks: Array<{ delayMs: number; data: string }> = [];
  let now = 0;
  let lastStart = 0;
  events.forEach((event, i) => {
    now += (delays[i] ?? 0) * 1000;
    if (event.kind !== 'o') return;
    const last = chunks.at(-1);
    if (last && now - lastStart < REPLAY_FRAME_MS) {
      last.data += event.data;
      return;
    }
    chunks.push({ delayMs: now - lastStart, data: event.data });
    lastStart = now;
  });
  return chunks;
}

/** Cuts `recording` into steps, paced by `pacing`. */
export function createTimeline(recording: Pick<AsciicastRecording, 'events' | 'header'>, pacing: ReplayPacing = DEFAULT_PACING): ReplayTimeline {
  const markers = listMarkers(recording);
  const unmarked = markers.length === 0;
  const steps = unmarked ? 1 : markers.length;
  const idleTimeLimit = Math.min(recording.header.idleTimeLimit ?? Infinity, pacing.idleCapS);
  const clamp = (index: number) => Math.min(Math.max(0, Math.trunc(index)), steps - 1);
  const eventsOf = (index: number) => (unmarked ? recording.events : eventsOfStep(recording, clamp(index)));

  return {
    steps,
    screenAt(done) {
      if (done <= 0) return unmarked ? '' : output(eventsUntilMarker(recording, -1));
      return output(done >= steps ? recording.events : eventsUntilMarker(recording, done - 1));
    },
    chunksOf(index) {
      const events = eventsOf(index);
      // Time counts from the step's marker: the presenter's own pause before it is not replayed.
      const startTime = unmarked ? 0 : (markers[clamp(index)]?.time ?? 0);
      return chunk(events, playbackDelays(events, { idleTimeLimit, speed: pacing.speed, startTime }));
    },
    outputOf(index) {
      const data = output(eventsOf(index));
      const marked = COMMAND_OUTPUT.exec(data);
      return marked ? plainText(marked[1]!).replace(/\n$/, '') : plainText(data);
    },
    exitOf(index) {
      const marked = COMMAND_OUTPUT.exec(output(eventsOf(index)));
      if (marked?.[2] !== undefined) return Number(marked[2]);
      let status: number | null = null;
      for (const e of eventsOf(index)) if (e.kind === 'x') status = e.status;
      return status;
    },
  };
}
