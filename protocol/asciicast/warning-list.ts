// A bounded list of reader warnings: a mangled file must not turn into a million messages.

/** At most this many warnings are kept; one more line then says how many were left out. */
export const MAX_READ_WARNINGS = 100;

export interface WarningList {
  add(message: string): void;
  /** The kept warnings, plus a last one counting those left out. */
  list(): string[];
}

/** Creates an empty warning list that keeps the first MAX_READ_WARNINGS messages. */
export function createWarningList(): WarningList {
  const kept: string[] = [];
  let dropped = 0;
  return {
    add(message) {
      if (kept.length < MAX_READ_WARNINGS) kept.push(message);
      else dropped++;
    },
    list() {
      return dropped === 0 ? [...kept] : [...kept, `${dropped} more warnings were left out`];
    },
  };
}
