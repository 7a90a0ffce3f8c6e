// LiveAttachment hands the next chunk to the terminal from the written callback of the one
// before (inside xterm.js's parse slice), keeps only a little in the terminal, and still works
// with a sink that never calls `written` (its promise is enough).
import { describe, expect, it } from 'vitest';
import type { DemoRef, DemoSnapshot } from '../../protocol/socket-events.ts';
import { toDisposable } from '../../theme/demo/disposable.ts';
import type { OutputEvent } from '../../theme/demo/driver.ts';
import { LiveAttachment } from '../../theme/demo/live-attachment.ts';
import type { DemoRoute, SocketConnection } from '../../theme/demo/socket-connection.ts';

const REF: DemoRef = { deck: 'd', id: 'x' };
const SNAPSHOT: DemoSnapshot = { ...REF, status: 'ready', nextStep: 0, steps: 1, lastExit: null, lastTimedOut: false, interactive: false, screen: '', message: null };
const CHUNK = new TextEncoder().encode('y'.repeat(60 * 1024)); // about one server message, as the page receives it

/** Just what LiveAttachment uses of a SocketConnection; output goes in through `route`. */
function fakeConnection() {
  const routes: DemoRoute[] = [];
  const acks: number[] = [];
  const connection = {
    state: { kind: 'online', role: 'presenter' },
    route: (_ref: DemoRef, route: DemoRoute) => (routes.push(route), toDisposable(() => {})),
    onChanged: () => toDisposable(() => {}),
    attach: () => Promise.resolve({ ok: true, snapshot: SNAPSHOT }),
    detach: () => {},
    acknowledge: (_ref: DemoRef, chars: number) => acks.push(chars),
  } as unknown as SocketConnection;
  return { connection, route: () => routes[0]!, acks };
}

/** A sink that holds each write until the test says it was written. */
function heldSink(passWritten: boolean) {
  const held: Array<{ event: OutputEvent; finish: () => void }> = [];
  const sink = (event: OutputEvent, written?: () => void) =>
    new Promise<void>((resolve) =>
      held.push({
        event,
        finish: () => {
          if (passWritten) written?.();
          resolve();
        },
      }),
    );
  return { sink, held };
}

async function attached(passWritten: boolean) {
  const fake = fakeConnection();
  const { sink, held } = heldSink(passWritten);
  let live: () => void = () => {};
  const ready = new Promise<void>((resolve) => (live = resolve));
  const attachment = new LiveAttachment(fake.connection, REF, sink, (state) => state.kind === 'live' && live());
  await ready;
  held.shift()!.finish(); // the attach snapshot's screen
  await Promise.resolve();
  return { ...fake, held, attachment };
}

describe('LiveAttachment handover', () => {
  it('hands the next chunk synchronously from the written callback of the one before', async () => {
    const { route, held, attachment } = await attached(true);
    for (let i = 0; i < 5; i++) route().output(CHUNK);
    const inTerminal = held.length;
    expect(inTerminal).toBeLessThanOrEqual(2); // a small queue ahead, the rest waits for Ctrl-C to drop
    held[0]!.finish();
    expect(held.length).toBe(inTerminal + 1); // no await: handed within the same task
    attachment.dispose();
  });

  it('still writes everything and acknowledges it when the sink only resolves its promise', async () => {
    const { route, held, acks, attachment } = await attached(false);
    for (let i = 0; i < 3; i++) route().output(CHUNK);
    let written = 0;
    while (held.length > 0) {
      held.shift()!.finish();
      written += 1;
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    expect(written).toBe(3);
    expect(acks.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2 * CHUNK.length);
    attachment.dispose();
  });

  it('drops the chunks not handed to the terminal on discard and acknowledges them at once', async () => {
    const { route, held, acks, attachment } = await attached(true);
    for (let i = 0; i < 5; i++) route().output(CHUNK);
    const inTerminal = held.length;
    route().discard();
    expect(acks).toEqual([(5 - inTerminal) * CHUNK.length]);
    attachment.dispose();
  });
});
