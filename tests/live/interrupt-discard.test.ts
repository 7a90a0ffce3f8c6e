// Ctrl-C under a flood flushes the view's output queue, as a terminal's INTR does: a real `yes`
// in a real pty, the real dev server and socket.io, and the page's own LiveAttachment feeding a
// slow terminal. What the view still writes after the interrupt's reply is bounded, where
// without the discard it would draw the whole window it had received.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOW_CONTROL, type DemoRef, type StepOutcome } from '../../protocol/socket-events.ts';
import type { OutputEvent } from '../../theme/demo/driver.ts';
import { MAX_BATCH_CHARS } from '../../server/live/output-batch.ts';
import { IN_TERMINAL_CHARS, LiveAttachment } from '../../theme/demo/live-attachment.ts';
import type { ConnectionState, SocketConnection } from '../../theme/demo/socket-connection.ts';
import { outputOf } from '../../theme/demo/wire-guards.ts';
import { outputText } from './screen-helpers.ts';
import { connect, ok, request, startLiveServer, type ClientSocket } from './live-harness.ts';

const FLOOD: DemoRef = { deck: 'live', id: 'flood' };
/** Received and not yet written when Ctrl-C is pressed: most of a window. */
const QUEUED_AT_INTERRUPT = FLOW_CONTROL.highWatermark / 2;
/** At most this is written after the reply: what the terminal held (128 KiB, a chunk over) and the prompt. */
const WRITTEN_AFTER_REPLY_MAX = 256 * 1024;

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await sleep(10);
  }
}

type Route = Parameters<SocketConnection['route']>[1];

/**
 * The part of the page's SocketConnection a LiveAttachment uses, over a Node socket.io client
 * (the page's own needs a page's location and Origin). `interrupt` keeps its contract: the
 * route hears of the Ctrl-C before it is sent, and of its reply.
 */
function pageConnection(socket: ClientSocket): SocketConnection & { interrupt(ref: DemoRef): Promise<unknown> } {
  const routes = new Map<string, Route>();
  const key = (ref: DemoRef) => `${ref.deck}/${ref.id}`;
  socket.on('demo:output', (payload) => {
    const output = outputOf(payload); // as the page reads it: a string for ASCII text, bytes otherwise
    if (output) routes.get(key(output))?.output(output.data);
  });
  socket.on('demo:discard', (payload) => routes.get(key(payload))?.discard());
  const state: ConnectionState = { kind: 'online', role: 'presenter' };
  const connection = {
    state,
    onChanged: () => ({ dispose() {} }),
    route(ref: DemoRef, route: Route) {
      routes.set(key(ref), route);
      return { dispose: () => routes.delete(key(ref)) };
    },
    attach: (ref: DemoRef) => request(socket, 'demo:attach', ref),
    detach: (ref: DemoRef) => socket.emit('demo:detach', ref),
    acknowledge: (ref: DemoRef, bytes: number) => bytes > 0 && socket.emit('output:ack', { ...ref, bytes }),
    async interrupt(ref: DemoRef) {
      routes.get(key(ref))?.interrupting?.();
      const reply = await request(socket, 'demo:interrupt', ref);
      routes.get(key(ref))?.interrupted?.((reply as { ok: boolean }).ok);
      return reply;
    },
  };
  return connection as unknown as SocketConnection & { interrupt(ref: DemoRef): Promise<unknown> };
}

describe('Ctrl-C under a flood', { timeout: 120_000 }, () => {
  let server: Awaited<ReturnType<typeof startLiveServer>>;
  beforeAll(async () => {
    server = await startLiveServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('drops the output a view received and has not written, so the prompt follows at once', async () => {
    const socket = await connect(server.url, { token: server.live.token });
    let received = 0;
    let written = 0;
    let discards = 0;
    socket.on('demo:output', ({ data }) => (received += data.length));
    socket.on('demo:discard', () => (discards += 1));
    let screen = '';
    let live = false;
    // A busy terminal: it writes nothing until Ctrl-C is pressed (so the view lags by most of a
    // window), then one chunk every few ms.
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const sink = async (event: OutputEvent): Promise<void> => {
      if (event.kind === 'data') await gate;
      await sleep(5);
      if (event.kind === 'data') {
        written += event.data.length;
        screen = (screen + outputText(event.data)).slice(-4096);
      }
    };
    const attachment = new LiveAttachment(pageConnection(socket), FLOOD, sink, (state) => (live ||= state.kind === 'live'));
    try {
      await until(() => live, 'the view is attached');
      const step = request(socket, 'demo:step', FLOOD);
      await until(() => received - written > QUEUED_AT_INTERRUPT, 'the view lags behind the flood');
      const interrupted = request(socket, 'demo:interrupt', FLOOD);
      open();
      ok(await interrupted);
      const outcome: StepOutcome = ok(await step).outcome;
      const writtenAtReply = written;
      const receivedAtReply = received;
      // Everything received is either written or dropped: wait for the prompt to be drawn.
      await until(() => screen.includes('\x1b]133;B'), 'the view draws the prompt');
      await sleep(50);
      const writtenAfterReply = written - writtenAtReply;
      console.log(
        `interrupt: ${receivedAtReply} chars received by the reply, ${writtenAtReply} written by then, ` +
          `${writtenAfterReply} written after it; ${discards} discard(s)`,
      );
      expect(outcome.exitCode).toBe(130);
      expect(discards).toBe(1);
      expect(receivedAtReply - writtenAtReply).toBeGreaterThan(WRITTEN_AFTER_REPLY_MAX); // it had more to draw…
      expect(writtenAfterReply).toBeLessThan(WRITTEN_AFTER_REPLY_MAX); // …and drew only what its terminal held
    } finally {
      attachment.dispose();
      await request(socket, 'demo:reset', FLOOD);
      socket.close();
    }
  });

  it("drops on arrival what comes between the page's own Ctrl-C and the server's discard", async () => {
    const socket = await connect(server.url, { token: server.live.token });
    let received = 0;
    let written = 0;
    socket.on('demo:output', ({ data }) => (received += data.length));
    let screen = '';
    let live = false;
    // Busy until Ctrl-C is pressed, then as fast as output comes: what reaches the terminal
    // after the press is what the page let through, not what a slow terminal had time for.
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const sink = async (event: OutputEvent): Promise<void> => {
      if (event.kind !== 'data') return;
      await gate;
      written += event.data.length;
      screen = (screen + outputText(event.data)).slice(-4096);
    };
    const connection = pageConnection(socket);
    const attachment = new LiveAttachment(connection, FLOOD, sink, (state) => (live ||= state.kind === 'live'));
    try {
      await until(() => live, 'the view is attached');
      const step = request(socket, 'demo:step', FLOOD);
      await until(() => received - written > QUEUED_AT_INTERRUPT, 'the view lags behind the flood');
      const interrupted = connection.interrupt(FLOOD);
      const writtenAtPress = written;
      open();
      ok((await interrupted) as Parameters<typeof ok>[0]);
      expect(ok(await step).outcome.exitCode).toBe(130);
      await until(() => screen.includes('\x1b]133;B'), 'the view draws the prompt');
      await sleep(50);
      const writtenAfterPress = written - writtenAtPress;
      console.log(`interrupt: ${received} chars received, ${writtenAfterPress} written after the press`);
      // What the terminal held at the press (IN_TERMINAL_CHARS, and the chunk that crossed it), then the prompt.
      expect(writtenAfterPress).toBeLessThanOrEqual(IN_TERMINAL_CHARS + MAX_BATCH_CHARS + 4096);
    } finally {
      attachment.dispose();
      await request(socket, 'demo:reset', FLOOD);
      socket.close();
    }
  });

  it("loses nothing on a refused Ctrl-C (a viewer's key): the view attaches again and redraws the server's screen", async () => {
    const presenter = await connect(server.url, { token: server.live.token });
    const viewer = await connect(server.url);
    let received = 0;
    let written = 0;
    let screens = 0;
    viewer.on('demo:output', ({ data }) => (received += data.length));
    let live = false;
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    // Busy until the key is pressed, so output waits in the attachment's queue.
    const sink = async (event: OutputEvent): Promise<void> => {
      if (event.kind === 'screen') screens += 1;
      if (event.kind !== 'data') return;
      await gate;
      written += event.data.length;
    };
    const connection = pageConnection(viewer);
    const attachment = new LiveAttachment(connection, FLOOD, sink, (state) => (live ||= state.kind === 'live'));
    try {
      await until(() => live && screens === 1, 'the viewer is attached');
      const step = request(presenter, 'demo:step', FLOOD);
      await until(() => received - written > FLOW_CONTROL.ackEvery * 2, 'the viewer has output queued');
      const refused = (await connection.interrupt(FLOOD)) as { ok: boolean; error?: { code: string } };
      open();
      expect(refused).toMatchObject({ ok: false, error: { code: 'read-only' } });
      // What it dropped at the press is missing from its terminal only: it attaches again.
      await until(() => screens === 2, 'the viewer redraws from a fresh snapshot');
      ok(await request(presenter, 'demo:interrupt', FLOOD));
      expect(ok(await step).outcome.exitCode).toBe(130);
    } finally {
      attachment.dispose();
      await request(presenter, 'demo:reset', FLOOD);
      viewer.close();
      presenter.close();
    }
  });
});
