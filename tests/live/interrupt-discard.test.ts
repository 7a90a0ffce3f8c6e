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
function pageConnection(
  socket: ClientSocket,
  /** Resolves when the Ctrl-C may leave: the time it takes to reach the server (default: none). */
  travel: () => Promise<void> = async () => {},
): SocketConnection & { interrupt(ref: DemoRef): Promise<unknown> } {
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
      await travel();
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
    let handed = 0;
    let lastHanded = 0;
    let written = 0;
    let receivedAtDiscard = -1;
    socket.on('demo:output', ({ data }) => (received += data.length));
    // Registered before the page's own listener: counts what arrived before the discard mark.
    socket.on('demo:discard', () => (receivedAtDiscard = received));
    let screen = '';
    let live = false;
    // Busy until Ctrl-C is pressed, then as fast as output comes: what reaches the terminal
    // after the press is what the page let through, not what a slow terminal had time for.
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const sink = async (event: OutputEvent): Promise<void> => {
      if (event.kind !== 'data') return;
      handed += event.data.length;
      lastHanded = event.data.length;
      await gate;
      written += event.data.length;
      screen = (screen + outputText(event.data)).slice(-4096);
    };
    // The Ctrl-C takes a while to reach the server: the page drops and acknowledges what waited,
    // so the server sends a full window meanwhile, all of it made before the interrupt.
    let receivedAtPress = 0;
    const travel = () => until(() => received - receivedAtPress > MAX_BATCH_CHARS, 'output arrives after the press');
    const connection = pageConnection(socket, travel);
    const attachment = new LiveAttachment(connection, FLOOD, sink, (state) => (live ||= state.kind === 'live'));
    try {
      await until(() => live, 'the view is attached');
      const step = request(socket, 'demo:step', FLOOD);
      await until(() => received - handed > QUEUED_AT_INTERRUPT, 'the view lags behind the flood');
      receivedAtPress = received;
      const heldAtPress = handed - written;
      const lastAtPress = lastHanded;
      const interrupted = connection.interrupt(FLOOD);
      open();
      ok((await interrupted) as Parameters<typeof ok>[0]);
      expect(ok(await step).outcome.exitCode).toBe(130);
      await until(() => screen.includes('\x1b]133;B'), 'the view draws the prompt');
      await sleep(50);
      const between = receivedAtDiscard - receivedAtPress;
      const afterDiscard = received - receivedAtDiscard;
      console.log(
        `interrupt: the terminal held ${heldAtPress} chars at the press; ${between} arrived before the discard, ` +
          `${afterDiscard} after it; ${written} written after the press`,
      );
      // The terminal held its share (IN_TERMINAL_CHARS, and the chunk that crossed it)…
      expect(heldAtPress - lastAtPress).toBeLessThan(IN_TERMINAL_CHARS);
      // …and more than a batch arrived between the press and the discard…
      expect(between).toBeGreaterThan(MAX_BATCH_CHARS);
      // …none of which was drawn: after the press, the terminal wrote what it held, then what
      // followed the discard (what the program wrote before the kernel delivered its SIGINT, and the prompt).
      expect(written).toBeLessThanOrEqual(heldAtPress + afterDiscard);
      expect(written).toBeGreaterThanOrEqual(heldAtPress);
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
    let handed = 0;
    let screens = 0;
    viewer.on('demo:output', ({ data }) => (received += data.length));
    let live = false;
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    // Busy until the key is pressed, so output waits in the attachment's queue.
    const sink = async (event: OutputEvent): Promise<void> => {
      if (event.kind === 'screen') screens += 1;
      if (event.kind !== 'data') return;
      handed += event.data.length;
      await gate;
    };
    const connection = pageConnection(viewer);
    const attachment = new LiveAttachment(connection, FLOOD, sink, (state) => (live ||= state.kind === 'live'));
    try {
      await until(() => live && screens === 1, 'the viewer is attached');
      const step = request(presenter, 'demo:step', FLOOD);
      // Not merely unwritten: the terminal holds up to IN_TERMINAL_CHARS and a batch, which the press keeps.
      await until(() => received - handed > FLOW_CONTROL.ackEvery, 'the viewer has output queued');
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
