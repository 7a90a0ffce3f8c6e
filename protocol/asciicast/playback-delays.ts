// How long replay waits before each event: idle pauses capped, then scaled by the speed.

import type { AsciicastEvent } from './types.ts';

export interface PlaybackOptions {
  /** Pauses longer than this many seconds are shortened to it (the header's idleTimeLimit); none if absent. */
  readonly idleTimeLimit?: number | null;
  /** 2 plays twice as fast; default 1. */
  readonly speed?: number;
  /** Absolute time the first delay counts from (default 0, the start of the recording). */
  readonly startTime?: number;
}

/** Seconds to wait before applying each event, in order, with idle gaps capped and speed applied. */
export function playbackDelays(events: readonly AsciicastEvent[], options: PlaybackOptions = {}): number[] {
  const { idleTimeLimit = null, speed = 1, startTime = 0 } = options;
  if (!Number.isFinite(speed) || speed <= 0) {
    throw new RangeError(`playbackDelays: speed must be a positive number, got ${speed}`);
  }
  if (idleTimeLimit !== null && !(idleTimeLimit > 0)) {
    throw new RangeError(`playbackDelays: idleTimeLimit must be a positive number, got ${idleTimeLimit}`);
  }
  const limit = idleTimeLimit ?? Infinity;
  let previous = startTime;
  return events.map((event) => {
    const gap = Math.max(0, event.time - previous);
    previous = event.time;
    return Math.min(gap, limit) / speed;
  });
}
