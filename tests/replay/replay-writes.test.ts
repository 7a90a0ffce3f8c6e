// Replay's writes are cut into pieces no longer than REPLAY_WRITE_CHARS, in order, whole.
import { describe, expect, it } from 'vitest';
import type { OutputEvent } from '../../theme/demo/driver.ts';
import { REPLAY_WRITE_CHARS, writePieces } from '../../theme/demo/replay-writes.ts';

function collect(kind: 'screen' | 'data', data: string): OutputEvent[] {
  const events: OutputEvent[] = [];
  void writePieces((e) => (events.push(e), Promise.resolve()), kind, data);
  return events;
}

describe('writePieces', () => {
  it('writes a short screen as one event', () => {
    expect(collect('screen', 'abc')).toEqual([{ kind: 'screen', data: 'abc' }]);
  });

  it('cuts a long screen into a screen and data pieces that join back into it', () => {
    const data = 'x'.repeat(REPLAY_WRITE_CHARS * 2 + 5);
    const events = collect('screen', data);
    expect(events.map((e) => e.kind)).toEqual(['screen', 'data', 'data']);
    expect(events.map((e) => ('data' in e ? e.data : '')).join('')).toBe(data);
    for (const e of events) expect('data' in e && e.data.length <= REPLAY_WRITE_CHARS).toBe(true);
  });

  it('never cuts between the halves of a surrogate pair', () => {
    const data = 'a'.repeat(REPLAY_WRITE_CHARS - 1) + '😀' + 'b';
    const events = collect('data', data);
    expect(events.map((e) => ('data' in e ? e.data : '')).join('')).toBe(data);
    expect(events[1]).toEqual({ kind: 'data', data: '😀b' });
  });
});
