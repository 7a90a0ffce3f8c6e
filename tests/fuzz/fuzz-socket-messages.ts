// Generates socket.io messages that are well-formed at the transport and wrong in payload:
// unknown demos, wrong types, huge strings, odd numbers, bogus acknowledgements, requests in
// random order and bursts, input to demos that take none. Pure: a Random in, messages out.
import { WIRE_LIMITS, parseDemoRef } from '../../protocol/socket-events.ts';
import { FUZZ_DECK, FUZZ_DEMOS, INJECTED, type FuzzDemoId } from './fuzz-deck.ts';
import type { Random } from './fuzz-random.ts';

/** Which connection sends a message: the presenter that runs steps, a presenter sending junk, a viewer. */
export type Sender = 'steady' | 'junk' | 'viewer';

export interface SocketMessage {
  readonly sender: Sender;
  readonly event: string;
  readonly args: readonly unknown[];
  /** Whether an acknowledgement callback goes last (socket.io sends it as the packet id). */
  readonly ack: boolean;
  /** Set when this is a valid presenter request that may run steps of this demo. */
  readonly runs: { readonly demo: FuzzDemoId; readonly all: boolean } | null;
  /** Whether the server must answer it (a handled event with a callback, on a live connection). */
  readonly answered: boolean;
}

const DEMO_IDS = Object.keys(FUZZ_DEMOS) as FuzzDemoId[];
const NON_INTERACTIVE = DEMO_IDS.filter((id) => !FUZZ_DEMOS[id].interactive);
const INTERACTIVE = DEMO_IDS.filter((id) => FUZZ_DEMOS[id].interactive);
const REQUESTS = ['demo:attach', 'demo:step', 'demo:run-all', 'demo:interrupt', 'demo:reset', 'demo:input'] as const;
const EVENTS = [...REQUESTS, 'demo:detach', 'output:ack'] as const;
/**
 * Event names the server has no handler for, some of them names an object reserves. The names
 * socket.io-client refuses to emit (connect, disconnect, newListener, …) go raw: fuzz-raw-frames.ts.
 */
const STRANGE_EVENTS = ['', 'demo:', 'demo:step ', 'DEMO:STEP', 'error', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'demo:output', 'demo:state', 'session:role'];
/** Names that pass the name check but name nothing. */
const UNKNOWN_NAMES = ['nope', 'a', '0', 'fuzz-', 'log-', 'x'.repeat(WIRE_LIMITS.maxNameLength)];
/** Names the check must refuse. */
const BAD_NAMES = ['', 'LOG', 'log ', ' log', '../fuzz', 'fuzz/log', 'log\u0000', 'lög', '__proto__', 'x'.repeat(WIRE_LIMITS.maxNameLength + 1), 'a.b', 'log\n'];
const NUMBERS = [0, -0, -1, 1, 0.5, -0.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 53), 1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE, NaN, Infinity, -Infinity];

/** A JSON-ish value of any shape (NaN and Infinity travel as null, Buffers as binary attachments). */
export function randomValue(random: Random, depth = 0): unknown {
  const kind = random.int(0, depth > 2 ? 6 : 9);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return random.chance(0.5);
    case 2:
      return random.chance(0.5) ? random.pick(NUMBERS) : random.int(-1e6, 1e6);
    case 3:
      return random.pick([...UNKNOWN_NAMES, ...BAD_NAMES, ...DEMO_IDS, FUZZ_DECK]);
    case 4:
      return random.codeUnits(random.int(0, 40));
    case 5:
      return random.string(random.int(0, 200), 'abc-{}[]"\\\u0000\u001b\r\n');
    case 6:
      return random.chance(0.8) ? '' : random.bytes(random.int(0, 64));
    case 7:
      return Array.from({ length: random.int(0, 4) }, () => randomValue(random, depth + 1));
    default: {
      const keys = ['deck', 'id', 'data', 'bytes', '__proto__', 'constructor', 'toString', random.string(3, 'abc')];
      const object: Record<string, unknown> = {};
      // An own property even for "__proto__", as JSON.parse makes it on the server (assignment would set the prototype).
      for (let i = random.int(0, 4); i > 0; i--) Object.defineProperty(object, random.pick(keys), { value: randomValue(random, depth + 1), enumerable: true, configurable: true, writable: true });
      return object;
    }
  }
}

/** A DemoRef: right, naming nothing, or wrong in type, length or characters. */
function randomRef(random: Random): { ref: unknown; demo: FuzzDemoId | null } {
  const roll = random.next();
  if (roll < 0.35) {
    const demo = random.pick(DEMO_IDS);
    return { ref: { deck: FUZZ_DECK, id: demo }, demo };
  }
  if (roll < 0.5) return { ref: random.chance(0.5) ? { deck: FUZZ_DECK, id: random.pick(UNKNOWN_NAMES) } : { deck: random.pick(UNKNOWN_NAMES), id: random.pick(DEMO_IDS) }, demo: null };
  if (roll < 0.7) {
    // Right shape, one field wrong.
    const deck = random.chance(0.5) ? FUZZ_DECK : random.pick([...BAD_NAMES, ...NUMBERS, null, [], {}, true]);
    const id = random.chance(0.5) ? random.pick(DEMO_IDS) : random.pick([...BAD_NAMES, ...NUMBERS, null, [FUZZ_DECK], { id: 'log' }]);
    const extra = random.chance(0.3) ? { extra: randomValue(random) } : {};
    return { ref: { deck, id, ...extra }, demo: null };
  }
  return { ref: randomValue(random), demo: null };
}

/** Keystrokes: a command that would prove it ran, control bytes, or too much. */
function randomInput(random: Random): unknown {
  const roll = random.next();
  if (roll < 0.4) return `echo ${INJECTED} >> steps.log\r`;
  if (roll < 0.6) return random.codeUnits(random.int(0, 64));
  if (roll < 0.7) return 'x'.repeat(WIRE_LIMITS.maxInputChars + random.int(1, 100));
  return randomValue(random);
}

/** Bytes to acknowledge: real-looking, negative, fractional, huge, not a number at all. */
function randomBytes(random: Random): unknown {
  const roll = random.next();
  if (roll < 0.3) return random.int(1, 200_000);
  if (roll < 0.7) return random.pick(NUMBERS);
  return randomValue(random);
}

/** A request the steady presenter sends: a valid one, so steps run and the log can be checked. */
function steadyMessage(random: Random): SocketMessage {
  const demo = random.pick(NON_INTERACTIVE);
  const ref = { deck: FUZZ_DECK, id: demo };
  const event = random.pick(['demo:step', 'demo:step', 'demo:step', 'demo:run-all', 'demo:reset', 'demo:interrupt', 'demo:attach'] as const);
  const runs = event === 'demo:step' || event === 'demo:run-all' ? { demo, all: event === 'demo:run-all' } : null;
  return { sender: 'steady', event, args: [ref], ack: true, runs, answered: true };
}

/** A message from the junk presenter or the viewer: anything except a request that runs steps. */
export function junkMessage(random: Random, sender: 'junk' | 'viewer'): SocketMessage {
  const roll = random.next();
  if (roll < 0.08) {
    // An event the server does not handle, with anything.
    const event = random.chance(0.7) ? random.pick(STRANGE_EVENTS) : random.codeUnits(random.int(1, 20));
    const args = Array.from({ length: random.int(0, 3) }, () => randomValue(random));
    return { sender, event, args, ack: random.chance(0.3), runs: null, answered: false };
  }
  const event = random.pick(EVENTS);
  const { ref } = randomRef(random);
  const ack = (REQUESTS as readonly string[]).includes(event) ? random.chance(0.9) : random.chance(0.1);
  let payload: unknown = ref;
  if (event === 'demo:input') {
    // The junk presenter types only into demos that take no input; the viewer into any.
    const named = parseDemoRef(ref);
    const interactive = named !== null && named.deck === FUZZ_DECK && (INTERACTIVE as string[]).includes(named.id);
    const target = sender === 'junk' && interactive ? { deck: FUZZ_DECK, id: random.pick(NON_INTERACTIVE) } : ref;
    payload = typeof target === 'object' && target !== null && !Array.isArray(target) && !Buffer.isBuffer(target) ? { ...target, data: randomInput(random) } : target;
  } else if (event === 'output:ack') {
    payload = typeof ref === 'object' && ref !== null && !Array.isArray(ref) && !Buffer.isBuffer(ref) ? { ...ref, bytes: randomBytes(random) } : ref;
  } else if (sender === 'junk' && parseDemoRef(ref) !== null && (event === 'demo:step' || event === 'demo:run-all')) {
    // A valid step request from the junk sender would run a step nobody tracks: name nothing instead.
    payload = { deck: FUZZ_DECK, id: random.pick(UNKNOWN_NAMES) };
  } else if (sender === 'junk' && parseDemoRef(ref) !== null && event === 'demo:reset' && random.chance(JUNK_RESET_SKIP)) {
    // A reset kills and restarts a shell (a few hundred ms): most junk resets name nothing, or they would be the whole run.
    payload = { deck: FUZZ_DECK, id: random.pick(UNKNOWN_NAMES) };
  }
  // Extra arguments, or none at all, now and then.
  const args = random.chance(0.05) ? [] : random.chance(0.05) ? [payload, randomValue(random), randomValue(random)] : [payload];
  const answered = ack && (REQUESTS as readonly string[]).includes(event) && args.length === 1;
  return { sender, event, args, ack, runs: null, answered };
}

/** Now and then a payload over the server's message limit: the server must close that connection, nothing else. */
function oversized(random: Random): SocketMessage {
  const event = random.pick(EVENTS);
  const size = WIRE_LIMITS.maxMessageBytes + random.int(1, 4 * WIRE_LIMITS.maxMessageBytes);
  const payload = { deck: FUZZ_DECK, id: 'log', data: 'x'.repeat(size), bytes: 1 };
  return { sender: 'junk', event, args: [payload], ack: true, runs: null, answered: false };
}

/** Share of the junk sender's valid resets turned into resets of nothing (see junkMessage). */
const JUNK_RESET_SKIP = 0.8;

/** Weights of the senders: mostly junk, some viewer, a few valid requests (they are slow: a real shell runs them). */
const STEADY_SHARE = 0.03;
const VIEWER_SHARE = 0.2;
const OVERSIZED_SHARE = 0.002;

/** The next message of a run. */
export function nextSocketMessage(random: Random): SocketMessage {
  const roll = random.next();
  if (roll < STEADY_SHARE) return steadyMessage(random);
  if (roll < STEADY_SHARE + OVERSIZED_SHARE) return oversized(random);
  if (roll < STEADY_SHARE + OVERSIZED_SHARE + VIEWER_SHARE) return junkMessage(random, 'viewer');
  return junkMessage(random, 'junk');
}

/** Whether a reply is an acknowledgement as the protocol types it: `{ ok: true, … }` or `{ ok: false, error: { code, message } }`. */
export function isAck(reply: unknown): reply is { ok: true } | { ok: false; error: { code: string; message: string } } {
  if (typeof reply !== 'object' || reply === null) return false;
  const { ok, error } = reply as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (ok === true) return true;
  return ok === false && typeof error?.code === 'string' && typeof error.message === 'string';
}
