// Step boundaries in a recording: ptydeck writes one "m" marker as each demo step starts.

import type { AsciicastEvent, AsciicastRecording } from './types.ts';

/** A marker found in a recording. */
export interface MarkerInfo {
  /** 0-based position among the recording's markers: the step it starts. */
  readonly index: number;
  /** Absolute time in seconds. */
  readonly time: number;
  readonly label: string;
  /** Position of the marker event in recording.events. */
  readonly eventIndex: number;
}

type EventsOf = Pick<AsciicastRecording, 'events'>;

/** Lists the markers of a recording in order, with their step index, time and label. */
export function listMarkers(recording: EventsOf): MarkerInfo[] {
  const markers: MarkerInfo[] = [];
  recording.events.forEach((event, eventIndex) => {
    if (event.kind !== 'm') return;
    markers.push({ index: markers.length, time: event.time, label: event.data, eventIndex });
  });
  return markers;
}

function checkStep(step: number, name: string): void {
  if (!Number.isInteger(step) || step < -1) {
    throw new RangeError(`${name}: step must be an integer >= -1, got ${step}`);
  }
}

/** Position in recording.events of marker `n`, or events.length when there are not that many markers. */
function markerPosition(events: readonly AsciicastEvent[], n: number): number {
  let seen = -1;
  for (let i = 0; i < events.length; i++) {
    if (events[i]?.kind === 'm' && ++seen === n) return i;
  }
  return events.length;
}

/**
 * Events to apply from the start to show the screen right after step `step` (marker `step`
 * included, marker `step + 1` not): -1 gives what precedes the first step; a step past the last
 * marker gives every event, so a stale recording with fewer steps shows all it has.
 */
export function eventsUntilMarker(recording: EventsOf, step: number): readonly AsciicastEvent[] {
  checkStep(step, 'eventsUntilMarker');
  return recording.events.slice(0, markerPosition(recording.events, step + 1));
}

/**
 * Events that play step `step` alone: from its marker (included) up to the next marker (not
 * included); -1 gives what precedes the first marker, a step without a marker gives nothing.
 */
export function eventsOfStep(recording: EventsOf, step: number): readonly AsciicastEvent[] {
  checkStep(step, 'eventsOfStep');
  const start = step === -1 ? 0 : markerPosition(recording.events, step);
  return recording.events.slice(start, markerPosition(recording.events, step + 1));
}
