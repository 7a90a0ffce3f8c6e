// How a demo's output is joined into socket messages: a flood in few large ones, an echo alone
// and at once. The clock is faked (it is what is measured); the batching is the real class.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BATCH_HOLD_MS, MAX_BATCH_CHARS, OutputBatch, QUIET_OUTPUT_MS } from '../../server/live/output-batch.ts';

describe('OutputBatch', () => {
  let sent: string[];
  let batch: OutputBatch;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    sent = [];
    batch = new OutputBatch((data) => sent.push(data));
  });
  afterEach(() => {
    batch.dispose();
    vi.useRealTimers();
  });

  it('sends output after a quiet spell at once, and joins what follows for BATCH_HOLD_MS', () => {
    batch.push('first');
    expect(sent).toEqual(['first']);
    vi.advanceTimersByTime(1);
    batch.push('a');
    batch.push('b');
    expect(sent).toEqual(['first']);
    vi.advanceTimersByTime(BATCH_HOLD_MS);
    expect(sent).toEqual(['first', 'ab']);
  });

  it('sends a full batch without waiting', () => {
    batch.push('x');
    batch.push('y'.repeat(MAX_BATCH_CHARS));
    expect(sent).toEqual(['x', 'y'.repeat(MAX_BATCH_CHARS)]);
  });

  it('sends the echo of just-typed input at once, even right after other output', () => {
    batch.push('prompt$ ');
    vi.advanceTimersByTime(QUIET_OUTPUT_MS / 2);
    batch.push('tail');
    // A step is typed now: what is held goes first, then the echo alone, unheld.
    batch.answerNext();
    expect(sent).toEqual(['prompt$ ', 'tail']);
    batch.push('echo hi');
    expect(sent).toEqual(['prompt$ ', 'tail', 'echo hi']);
    // Without answerNext, output this soon after the last is held.
    batch.push('hi');
    expect(sent).toHaveLength(3);
    vi.advanceTimersByTime(BATCH_HOLD_MS);
    expect(sent).toEqual(['prompt$ ', 'tail', 'echo hi', 'hi']);
  });

  it('drops what is held on discard (Ctrl-C), and says how much', () => {
    batch.push('sent');
    batch.push('held 1');
    batch.push('held 2');
    expect(batch.discard()).toBe('held 1held 2'.length);
    vi.advanceTimersByTime(BATCH_HOLD_MS * 2);
    expect(sent).toEqual(['sent']);
  });
});
