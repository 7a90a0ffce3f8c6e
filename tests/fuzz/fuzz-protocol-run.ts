// One protocol fuzz run against a running live server (a child process with the fuzz deck):
// socket.io messages from a presenter that runs steps, a presenter sending junk and a viewer,
// raw WebSocket connections sending broken frames; then the checks: the server is alive, a
// real step still runs, steps.log holds only requested steps, and the heap is back to baseline.
import { setTimeout as sleep } from 'node:timers/promises';
import { SOCKET_PATH } from '../../protocol/socket-events.ts';
import { FuzzClient, type Reply } from './fuzz-clients.ts';
import { createFuzzProject, FUZZ_DECK, FUZZ_DEMOS, type FuzzDemoId } from './fuzz-deck.ts';
import { Random } from './fuzz-random.ts';
import { connectFrame, nextRawFrame } from './fuzz-raw-frames.ts';
import { openRawWebSocket } from './fuzz-raw-websocket.ts';
import { startFuzzServer, type FuzzServer, type MemoryFigures } from './fuzz-server.ts';
import { isAck, nextSocketMessage, type Sender, type SocketMessage } from './fuzz-socket-messages.ts';
import { StepLedger } from './fuzz-step-log.ts';

/** Guard on a valid request's reply (ms): a reset waits for teardown and a new shell; far above that means hung. */
const VALID_GUARD_MS = 60_000;
/** Guard on a refusal's reply (ms): refusals need no shell, so this only detects a hang. */
const REFUSAL_GUARD_MS = 10_000;
/** Most messages sent before their replies are awaited: a burst, as a stuck key or a script sends. */
const MAX_BURST = 60;
/** Heap growth after GC, from baseline to the end, that counts as a leak (bytes): allocator noise stays far below. */
export const HEAP_SLACK_BYTES = 8 * 1024 * 1024;
/** Quiet time before a memory reading (ms), so sockets closed just now are gone. */
const QUIET_MS = 1_000;

export interface ProtocolFuzzOptions {
  readonly seed: number;
  /** socket.io messages to send. */
  readonly messages: number;
  /** Raw WebSocket connections, and frames sent on each. */
  readonly rawConnections: number;
  readonly framesPerConnection: number;
}

export interface ProtocolFuzzResult {
  readonly seed: number;
  /** Messages sent, by sender. */
  readonly sent: Record<Sender, number>;
  readonly rawFrames: number;
  /** What went wrong, by category (a message, the log, the server, memory). */
  readonly failures: {
    readonly socket: string[];
    readonly raw: string[];
    readonly server: string[];
    /** steps.log lines no valid request explains: a command ran that nobody asked for. */
    readonly log: string[];
    /** Steps replied as run with exit 0 that are not in steps.log (see StepLedger.check). */
    readonly lost: string[];
    readonly memory: string[];
  };
  /** Steps that valid requests ran to exit 0. */
  readonly stepsFinished: number;
  /** Connections the server closed, by sender (oversized messages must close the junk one). */
  readonly dropped: Record<Sender, number>;
  readonly memory: { readonly baseline: MemoryFigures; readonly after: MemoryFigures } | null;
}

const describe = (index: number, m: SocketMessage) => `#${index} ${m.sender} ${JSON.stringify(m.event)} ${JSON.stringify(m.args, (_k, v) => (typeof v === 'string' && v.length > 80 ? `${v.slice(0, 80)}…(${v.length})` : v)).slice(0, 300)}`;

/** The server's reply, or the reason there is none. */
const replyOf = (ended: Reply): unknown => (typeof ended === 'string' ? ended : 'reply' in ended ? ended.reply : ended.unconnected);

/** Judges one reply; returns what is wrong with it, or null. */
function judge(message: SocketMessage, reply: Reply): string | null {
  if (typeof reply === 'object' && 'unconnected' in reply) return `could not connect: ${reply.unconnected}`;
  if (reply === 'disconnected') return message.sender === 'steady' ? 'the presenter was disconnected' : null;
  if (reply === 'no-reply') return message.answered || message.sender === 'steady' ? 'no reply' : null;
  if (!isAck(reply.reply)) return `reply is no acknowledgement: ${JSON.stringify(reply.reply).slice(0, 200)}`;
  if (!reply.reply.ok) return null;
  if (message.sender === 'viewer' && message.event !== 'demo:attach') return 'a viewer was allowed to act';
  if (message.sender === 'junk' && ['demo:step', 'demo:run-all', 'demo:input'].includes(message.event)) return 'a request naming nothing, or input to a demo taking none, was accepted';
  return null;
}

/** Sends one raw connection's frames; returns a failure when the server would not even upgrade. */
async function rawConnection(server: FuzzServer, random: Random, frames: number): Promise<string | null> {
  const ws = await openRawWebSocket(server.port, `${SOCKET_PATH}/?EIO=4&transport=websocket`, server.url);
  if ('error' in ws) return `raw connection: ${ws.error}`;
  ws.write(connectFrame(random, server.token));
  for (let i = 0; i < frames; i++) ws.write(nextRawFrame(random));
  ws.close();
  return null;
}

async function measure(server: FuzzServer): Promise<MemoryFigures | string> {
  await sleep(QUIET_MS);
  const figures = await server.memory();
  return 'error' in figures ? figures.error : figures;
}

/** Runs a valid step of `demo` from a fresh presenter; returns what is wrong, or null. */
async function realStep(server: FuzzServer, ledger: StepLedger, demo: FuzzDemoId): Promise<string | null> {
  const client = new FuzzClient(server.url, server.token);
  try {
    const ref = { deck: FUZZ_DECK, id: demo };
    const reset = replyOf(await client.request('demo:reset', [ref], VALID_GUARD_MS));
    if (!isAck(reset) || !reset.ok) return `reset of ${demo} failed: ${JSON.stringify(reset)}`;
    const stepped = replyOf(await client.request('demo:step', [ref], VALID_GUARD_MS));
    ledger.record(demo, false, stepped);
    const outcome = (stepped as { outcome?: { index: number; exitCode: number | null } } | null)?.outcome;
    if (outcome?.index !== 0 || outcome.exitCode !== 0) return `a real step of ${demo} did not run: ${JSON.stringify(stepped).slice(0, 300)}`;
    return null;
  } finally {
    client.close();
  }
}

/** Sizes of a run: quick is the npm test's (seconds), full the bench's (minutes). */
export function protocolFuzzSize(quick: boolean, seed: number): ProtocolFuzzOptions {
  return quick ? { seed, messages: 2_000, rawConnections: 10, framesPerConnection: 20 } : { seed, messages: 20_000, rawConnections: 200, framesPerConnection: 30 };
}

/** The run itself, on a server already started. */
async function fuzz(server: FuzzServer, options: ProtocolFuzzOptions, log: () => string[]): Promise<ProtocolFuzzResult> {
  const random = new Random(options.seed);
  const rawRandom = random.fork();
  const ledger = new StepLedger();
  const failures = { socket: [] as string[], raw: [] as string[], server: [] as string[], log: [] as string[], lost: [] as string[], memory: [] as string[] };
  const sent: Record<Sender, number> = { steady: 0, junk: 0, viewer: 0 };

  // Warm-up: every demo runs once and is reset, so its session and shell exist before the baseline.
  for (const demo of Object.keys(FUZZ_DEMOS) as FuzzDemoId[]) {
    const problem = await realStep(server, ledger, demo);
    if (problem) failures.server.push(`warm-up: ${problem}`);
  }
  const baseline = await measure(server);
  if (typeof baseline === 'string') failures.memory.push(`baseline: ${baseline}`);

  const clients: Record<Sender, FuzzClient> = {
    steady: new FuzzClient(server.url, server.token),
    junk: new FuzzClient(server.url, server.token),
    viewer: new FuzzClient(server.url, null),
  };
  const rawEvery = options.rawConnections > 0 ? Math.max(1, Math.floor(options.messages / options.rawConnections)) : Infinity;
  let rawDone = 0;
  let index = 0;
  while (index < options.messages && !server.exit()) {
    const burst = random.int(1, MAX_BURST);
    const waits: Array<Promise<void>> = [];
    for (let b = 0; b < burst && index < options.messages; b++, index++) {
      const message = nextSocketMessage(random);
      sent[message.sender]++;
      const client = clients[message.sender];
      const at = index;
      if (!message.ack || !message.answered) {
        const done = await client.send(message.event, message.args, message.ack);
        if (done) failures.socket.push(`${describe(at, message)}: ${done.error}`);
      } else {
        const guard = message.sender === 'steady' ? VALID_GUARD_MS : REFUSAL_GUARD_MS;
        waits.push(
          client.request(message.event, message.args, guard).then((ended) => {
            if (message.runs) ledger.record(message.runs.demo, message.runs.all, replyOf(ended));
            const problem = judge(message, ended);
            if (problem) failures.socket.push(`${describe(at, message)}: ${problem}`);
          }),
        );
      }
      if (index > 0 && index % rawEvery === 0 && rawDone < options.rawConnections) {
        rawDone++;
        const problem = await rawConnection(server, rawRandom, options.framesPerConnection);
        if (problem) failures.raw.push(`raw connection ${rawDone}: ${problem}`);
      }
    }
    await Promise.all(waits);
  }
  const dropped: Record<Sender, number> = { steady: clients.steady.dropped, junk: clients.junk.dropped, viewer: clients.viewer.dropped };
  for (const client of Object.values(clients)) client.close();

  if (server.exit()) failures.server.push(`the server ${server.exit()} at message ${index}: ${server.stderr().slice(-2000)}`);
  else {
    const problem = await realStep(server, ledger, 'log');
    if (problem) failures.server.push(`after the fuzz: ${problem}`);
  }
  const checked = ledger.check(log());
  failures.log.push(...checked.unrequested);
  failures.lost.push(...checked.lost);

  let memory: ProtocolFuzzResult['memory'] = null;
  if (!server.exit()) {
    const after = await measure(server);
    if (typeof after === 'string') failures.memory.push(`after: ${after}`);
    else if (typeof baseline !== 'string') {
      memory = { baseline, after };
      const growth = after.heapUsed - baseline.heapUsed;
      if (growth > HEAP_SLACK_BYTES) failures.memory.push(`heap after GC grew by ${(growth / 1048576).toFixed(1)} MB (over ${HEAP_SLACK_BYTES / 1048576} MB)`);
    }
  }
  return { seed: options.seed, sent, rawFrames: rawDone * options.framesPerConnection, failures, stepsFinished: ledger.finished, dropped, memory };
}

/** Starts a server on a fresh fuzz deck, fuzzes it, closes it and removes the deck. */
export async function runProtocolFuzz(options: ProtocolFuzzOptions): Promise<ProtocolFuzzResult | { error: string }> {
  const project = createFuzzProject();
  try {
    const server = await startFuzzServer(project.slides);
    if ('error' in server) return server;
    try {
      return await fuzz(server, options, () => project.log());
    } finally {
      await server.close();
    }
  } finally {
    project.remove();
  }
}

/** A one-line summary of a result, figures included. */
export function summarize(result: ProtocolFuzzResult): string {
  const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
  const memory = result.memory
    ? `heap after GC ${mb(result.memory.baseline.heapUsed)} → ${mb(result.memory.after.heapUsed)}, RSS ${mb(result.memory.baseline.rss)} → ${mb(result.memory.after.rss)}`
    : 'memory not measured';
  return `seed ${result.seed}: ${result.sent.steady} valid, ${result.sent.junk} junk, ${result.sent.viewer} viewer messages, ${result.rawFrames} raw frames; ${result.stepsFinished} steps ran; connections closed by the server: junk ${result.dropped.junk}, viewer ${result.dropped.viewer}, presenter ${result.dropped.steady}; ${memory}`;
}
