// Flow-control accounting: acknowledge in batches of ackEvery, and what is left once idle.
import { describe, expect, it } from 'vitest';
import { AckCounter } from '../../theme/demo/ack-counter.ts';
import { FLOW_CONTROL } from '../../protocol/socket-events.ts';

describe('AckCounter', () => {
  it('acknowledges at once when a batch of ackEvery characters is written', () => {
    const counter = new AckCounter(100);
    counter.queued();
    counter.queued();
    expect(counter.written(60)).toEqual({ kind: 'wait' });
    expect(counter.written(50)).toEqual({ kind: 'ack', bytes: 110 });
    expect(counter.flush()).toBe(0);
  });

  it('says idle when the last queued chunk is written below the batch size, and flush hands it over', () => {
    const counter = new AckCounter(100);
    counter.queued();
    expect(counter.written(10)).toEqual({ kind: 'idle' });
    expect(counter.flush()).toBe(10);
    expect(counter.flush()).toBe(0);
  });

  it('waits while more chunks are on their way into the terminal', () => {
    const counter = new AckCounter(100);
    counter.queued();
    counter.queued();
    counter.queued();
    expect(counter.written(10)).toEqual({ kind: 'wait' });
    expect(counter.written(10)).toEqual({ kind: 'wait' });
    expect(counter.written(10)).toEqual({ kind: 'idle' });
    expect(counter.flush()).toBe(30);
  });

  it('never acknowledges a character twice, across many batches', () => {
    const counter = new AckCounter();
    let acked = 0;
    let sent = 0;
    for (let i = 0; i < 1000; i += 1) {
      const chars = 1 + ((i * 7919) % 4000);
      sent += chars;
      counter.queued();
      const decision = counter.written(chars);
      if (decision.kind === 'ack') acked += decision.bytes;
    }
    acked += counter.flush();
    expect(acked).toBe(sent);
  });

  it('batches at FLOW_CONTROL.ackEvery by default, below the high watermark', () => {
    const counter = new AckCounter();
    counter.queued();
    counter.queued();
    expect(counter.written(FLOW_CONTROL.ackEvery - 1)).toEqual({ kind: 'wait' });
    expect(counter.written(1)).toEqual({ kind: 'ack', bytes: FLOW_CONTROL.ackEvery });
    expect(FLOW_CONTROL.ackEvery).toBeLessThan(FLOW_CONTROL.highWatermark);
  });

  it('forgets pending characters on reset (a new connection counts afresh)', () => {
    const counter = new AckCounter(100);
    counter.queued();
    counter.written(40);
    counter.reset();
    expect(counter.flush()).toBe(0);
    counter.queued();
    expect(counter.written(5)).toEqual({ kind: 'idle' });
  });

  it('counts dropped chunks as written and hands over everything pending at once (Ctrl-C)', () => {
    const counter = new AckCounter(100);
    for (let i = 0; i < 4; i++) counter.queued();
    expect(counter.written(30)).toEqual({ kind: 'wait' });
    expect(counter.dropped(2, 200)).toBe(230);
    expect(counter.written(10)).toEqual({ kind: 'idle' });
    expect(counter.flush()).toBe(10);
  });
});
