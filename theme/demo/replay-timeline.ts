// A recording cut into steps at its markers: the screen after any number of steps, drawn at
// once (seeking), and each step as timed chunks of output (playing). Pure: no DOM, no timers.
import { listMarkers } from '../../protocol/asciicast/markers.ts';
import { playbackDelays } from '../../protocol/asciicast/playback-delays.ts';
import type { ScreenSnapshot } from '../../protocol/asciicast/screen-snapshot.ts';
import type { AsciicastEvent, AsciicastRecording } from '../../protocol/asciicast/types.ts';
import { MAX_STEP_OUTPUT_CHARS } from '../../protocol/socket-events.ts';

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
  /**
   * Data that draws, on a blank terminal, the screen after `done` steps (0: before the first):
   * the nearest snapshot at or before it and the output since, else all output until then.
   */
  screenAt(done: number): string;
  /** Step `index` (0-based) as chunks to write in order, each after its delay. */
  chunksOf(index: number): ReplayChunk[];
  /** Step `index`'s output as plain text, as a live step's reply carries it (its last MAX_STEP_OUTPUT_CHARS). */
  outputOf(index: number): string;
  /** The exit status recorded within step `index` (the `x` event ends the last step), or null. */
  exitOf(index: number): number | null;
}

/**
 * ptydeck's shell marks each command (OSC 133, server/demo/shell-env.ts): C where its output
 * starts, D;status where it ended. A recording keeps them, so replay knows each step's output
 * and exit status as live does; a recording without them (asciinema) has neither.
 */
const COMMAND_START = '\x1b]133;C\x07';
const COMMAND_END = '\x1b]133;D';
/** The end mark with its status, read where COMMAND_END was found (only that far). */
const COMMAND_STATUS = /^\x1b\]133;D(?:;(-?\d+))?\x07/;
const COMMAND_STATUS_MAX_CHARS = 32;

/** Where a step's command output starts and ends in `data`, and its status (null: none given). */
function commandMarks(data: string): { start: number; end: number; status: number | null } | null {
  const begin = data.indexOf(COMMAND_START);
  if (begin < 0) return null;
  const start = begin + COMMAND_START.length;
  for (let end = data.indexOf(COMMAND_END, start); end >= 0; end = data.indexOf(COMMAND_END, end + 1)) {
    const mark = COMMAND_STATUS.exec(data.slice(end, end + COMMAND_STATUS_MAX_CHARS));
    if (mark) return { start, end, status: mark[1] === undefined ? null : Number(mark[1]) };
  }
  return { start, end: data.length, status: null };
}

/** CSI, OSC, and two-character escape sequences; then the control characters a text has no use for. */
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[\s\S]/g;
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f]/g;

/** Terminal output as plain text: escapes dropped, CR LF as LF. */
export function plainText(data: string): string {
  return data.replace(ESCAPES, '').replace(/\r\n/g, '\n').replace(CONTROLS, '');
}

/**
 * The last MAX_STEP_OUTPUT_CHARS of `data` as plain text, reading only its end: a 400 KB step
 * would otherwise take tens of ms of regular expressions in one frame as it ends. The tail is
 * cut after a line feed, where no escape sequence is open.
 */
function plainTail(data: string, dropLastNewline: boolean): string {
  for (let take = 4 * MAX_STEP_OUTPUT_CHARS; ; take *= 4) {
    const cut = take >= data.length ? 0 : data.indexOf('\n', data.length - take) + 1;
    const plain = plainText(cut > 0 ? data.slice(cut) : data);
    const text = dropLastNewline ? plain.replace(/\n$/, '') : plain;
    if (cut === 0 || text.length >= MAX_STEP_OUTPUT_CHARS) return text.slice(-MAX_STEP_OUTPUT_CHARS);
  }
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

/** Cuts `recording` into steps, paced by `pacing`; `snapshots` (ascending `done`) make seeking cheap. */
export function createTimeline(
  recording: Pick<AsciicastRecording, 'events' | 'header'>,
  pacing: ReplayPacing = DEFAULT_PACING,
  snapshots: readonly ScreenSnapshot[] = [],
): ReplayTimeline {
  const { events } = recording;
  const markers = listMarkers(recording);
  const unmarked = markers.length === 0;
  const steps = unmarked ? 1 : markers.length;
  const idleTimeLimit = Math.min(recording.header.idleTimeLimit ?? Infinity, pacing.idleCapS);
  const clamp = (index: number) => Math.min(Math.max(0, Math.trunc(index)), steps - 1);
  /** Position in `events` where the screen after `done` steps is reached (its marker, or the end). */
  const positionAt = (done: number): number => {
    if (done >= steps) return events.length;
    if (unmarked) return 0;
    return markers[Math.max(0, Math.trunc(done))]!.eventIndex;
  };
  const eventsOf = (index: number) => (unmarked ? events : events.slice(positionAt(clamp(index)), positionAt(clamp(index) + 1)));
  // Each step's output, joined once: outputOf and exitOf both read it as the step ends.
  const outputs = new Map<number, string>();
  const outputOfStep = (index: number): string => {
    let data = outputs.get(clamp(index));
    if (data === undefined) outputs.set(clamp(index), (data = output(eventsOf(index))));
    return data;
  };
  const usable = snapshots.filter((s) => s.done <= steps);

  return {
    steps,
    screenAt(done) {
      const target = Math.min(Math.max(0, Math.trunc(done)), steps);
      let snapshot: ScreenSnapshot | undefined;
      for (const s of usable) if (s.done <= target) snapshot = s;
      const from = snapshot ? positionAt(snapshot.done) : 0;
      return (snapshot?.data ?? '') + output(events.slice(from, positionAt(target)));
    },
    chunksOf(index) {
      const stepEvents = eventsOf(index);
      // Time counts from the step's marker: the presenter's own pause before it is not replayed.
      const startTime = unmarked ? 0 : (markers[clamp(index)]?.time ?? 0);
      return chunk(stepEvents, playbackDelays(stepEvents, { idleTimeLimit, speed: pacing.speed, startTime }));
    },
    outputOf(index) {
      const data = outputOfStep(index);
      const marks = commandMarks(data);
      return marks ? plainTail(data.slice(marks.start, marks.end), true) : plainTail(data, false);
    },
    exitOf(index) {
      const status = commandMarks(outputOfStep(index))?.status;
      if (status !== undefined && status !== null) return status;
      let exit: number | null = null;
      for (const e of eventsOf(index)) if (e.kind === 'x') exit = e.status;
      return exit;
    },
  };
}
