// Screens of a recording drawn ahead of time at some of its markers (server/record/
// screen-snapshots.ts), so replay seeks by drawing one small snapshot instead of every byte
// of output before the marker.

/** The screen after `done` steps, as data that draws it on a freshly reset terminal. */
export interface ScreenSnapshot {
  /** Steps played (0: before the first marker), as ReplayTimeline.screenAt counts them. */
  readonly done: number;
  /** Terminal data (xterm.js's serializer): scrollback, screen, cursor and modes. */
  readonly data: string;
}

/** Whether `value` is a list of snapshots, as a page reads them from its embedded JSON. */
export function isScreenSnapshots(value: unknown): value is ScreenSnapshot[] {
  return (
    Array.isArray(value) &&
    value.every((s: unknown) => {
      if (typeof s !== 'object' || s === null) return false;
      const { done, data } = s as Record<string, unknown>;
      return Number.isInteger(done) && (done as number) >= 0 && typeof data === 'string';
    })
  );
}
