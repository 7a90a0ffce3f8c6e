// One socket's requests: validates every payload, lets presenters act and everyone watch, and
// answers every request that has a callback, whatever happens (an exception included).
import type { Socket } from 'socket.io';
import type { Ack, ClientToServerEvents, DemoRef, DemoSnapshot, ServerToClientEvents, StepOutcome } from '../../protocol/socket-events.ts';
import { MAX_STEP_OUTPUT_CHARS, WIRE_LIMITS, parseDemoRef } from '../../protocol/socket-events.ts';
import type { StepResult } from '../demo/demo-result.ts';
import { logDebug } from './debug-log.ts';
import type { LiveDemo, View } from './live-demo.ts';
import type { LiveDemoSet } from './live-demo-set.ts';

export type Role = 'presenter' | 'viewer';
export type DemoSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { role: Role }>;

/** What a step reply carries: its result, with the output cut to its tail. */
function toOutcome(result: StepResult): StepOutcome {
  const { index, exitCode, timedOut, output } = result;
  return { index, exitCode, timedOut, output: output.slice(-MAX_STEP_OUTPUT_CHARS) };
}

const refuse = (code: string, message: string): Ack<never> => ({ ok: false, error: { code, message } });
const BAD_REF = 'expected { deck, id } naming a demo';

/** Serves one connection's requests until it disconnects. */
export function serveConnection(socket: DemoSocket, demos: LiveDemoSet): void {
  socket.emit('session:role', { role: socket.data.role });
  const keyOf = (ref: DemoRef) => `${ref.deck}/${ref.id}`;
  const attached = new Map<string, { ref: DemoRef; demo: LiveDemo }>();
  const view = (ref: DemoRef): View => ({
    id: `${socket.id}/${keyOf(ref)}`,
    output: (data, seq) => socket.emit('demo:output', { ...ref, data, seq }),
    discard: (seq) => socket.emit('demo:discard', { ...ref, seq }),
    state: (snapshot) => socket.emit('demo:state', snapshot),
    drop: (reason) => {
      logDebug(`dropping a view of ${keyOf(ref)}: ${reason}`);
      socket.disconnect(true);
    },
  });
  const detach = (ref: DemoRef) => {
    const found = attached.get(keyOf(ref));
    if (!found) return;
    attached.delete(keyOf(ref));
    found.demo.detach(view(ref).id);
    demos.watched(ref, found.demo);
  };
  /** Replies to the request whatever `work` does: a thrown error is an `internal` refusal, never a crash. */
  const answer = <T>(reply: (r: Ack<T>) => void, work: () => Promise<Ack<T>> | Ack<T>) => {
    void Promise.resolve()
      .then(work)
      .then(reply, (error: unknown) => {
        logDebug(`request failed: ${(error as Error).stack ?? String(error)}`);
        reply(refuse('internal', (error as Error).message ?? String(error)));
      });
  };
  /** A presenter's request on a demo: validated, then `act` runs on the live demo. */
  const act = <T>(raw: unknown, ack: unknown, work: (demo: LiveDemo) => Promise<Ack<T>> | Ack<T>) => {
    if (typeof ack !== 'function') return; // nobody to answer: nothing to do either
    const reply = ack as (r: Ack<T>) => void;
    const ref = parseDemoRef(raw);
    if (!ref) return reply(refuse('bad-request', BAD_REF));
    if (socket.data.role !== 'presenter') return reply(refuse('read-only', 'this view has no presenter token: it can watch, not act'));
    answer(reply, async () => {
      // A demo this socket attached is acted on as attached: its view shows that session, and a
      // page re-attaches when its deck's slides are replaced (deck-updates.ts). Asking the catalog
      // (a stat of the deck file) took 40 µs of the ~130 µs from a step's request to its command
      // being typed (median of 800 steps, taken in turn with other terminals); and after an edit
      // it replaced the session under the view, whose output then went nowhere.
      const mine = attached.get(keyOf(ref))?.demo;
      const demo = mine && demos.isCurrent(ref, mine) ? mine : await demos.demoFor(ref);
      return 'error' in demo ? { ok: false, error: demo.error } : work(demo);
    });
  };

  socket.on('demo:attach', (raw, ack) => {
    if (typeof ack !== 'function') return;
    const ref = parseDemoRef(raw);
    if (!ref) return ack(refuse('bad-request', BAD_REF));
    answer<{ snapshot: DemoSnapshot }>(
      (reply) => {
        ack(reply);
        // Only now, after the snapshot went out, the output that followed it.
        if (reply.ok) attached.get(keyOf(ref))?.demo.stream(view(ref).id);
      },
      async () => {
        const demo = await demos.demoFor(ref);
        if ('error' in demo) return { ok: false, error: demo.error };
        // Gone while the catalog loaded: a view added now would never be removed.
        if (socket.disconnected) return refuse('disconnected', 'the view left');
        detach(ref);
        attached.set(keyOf(ref), { ref, demo });
        demos.watched(ref, demo);
        return { ok: true, snapshot: await demo.attach(view(ref)) };
      },
    );
  });
  socket.on('demo:detach', (raw) => {
    const ref = parseDemoRef(raw);
    if (ref) detach(ref);
  });
  socket.on('output:ack', (raw) => {
    const ref = parseDemoRef(raw);
    const bytes = (raw as { bytes?: unknown } | null)?.bytes;
    if (ref && typeof bytes === 'number') attached.get(keyOf(ref))?.demo.acked(view(ref).id, bytes);
  });
  socket.on('demo:step', (raw, ack) =>
    act<{ outcome: StepOutcome }>(raw, ack, async (demo) => {
      const done = await demo.session.step();
      return done.ok ? { ok: true, outcome: toOutcome(done.result) } : done;
    }),
  );
  socket.on('demo:run-all', (raw, ack) =>
    act<{ outcomes: StepOutcome[] }>(raw, ack, async (demo) => {
      const done = await demo.session.runAll();
      return done.ok ? { ok: true, outcomes: done.results.map(toOutcome) } : done;
    }),
  );
  socket.on('demo:interrupt', (raw, ack) => act<object>(raw, ack, (demo) => demo.interrupt()));
  socket.on('demo:reset', (raw, ack) =>
    act<object>(raw, ack, async (demo) => {
      const done = await demo.session.reset();
      return done.ok ? { ok: true } : done;
    }),
  );
  socket.on('demo:input', (raw, ack) =>
    act<object>(raw, ack, (demo) => {
      const data = (raw as { data?: unknown }).data;
      if (typeof data !== 'string' || data.length > WIRE_LIMITS.maxInputChars) {
        return refuse('bad-request', `input must be text of at most ${WIRE_LIMITS.maxInputChars} characters`);
      }
      return demo.input(data);
    }),
  );
  socket.on('disconnect', () => {
    for (const { ref } of [...attached.values()]) detach(ref);
  });
}
