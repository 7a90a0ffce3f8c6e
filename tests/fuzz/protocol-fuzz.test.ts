// Protocol fuzzing, the quick size (bench/reliability/protocol-fuzz.ts runs the long one): a
// live server in a child process with the fuzz deck, a few thousand seeded socket.io messages
// wrong in payload, valid requests in bursts, raw WebSocket frames. FUZZ_SEED=<n> replays a run.
import { describe, expect, it } from 'vitest';
import { protocolFuzzSize, runProtocolFuzz, summarize, type ProtocolFuzzResult } from './fuzz-protocol-run.ts';
import { seedFromEnv } from './fuzz-random.ts';
import { skipReason } from '../skip-reason.ts';

const seed = seedFromEnv();
const skip = skipReason(process.platform === 'linux' ? null : 'live demos (node-pty sessions) need Linux');
/** Generous guard on the whole run: it takes about 20 s. */
const RUN_TIMEOUT_MS = 240_000;

describe.skipIf(skip !== null)('the live server under protocol fuzzing', () => {
  let result: ProtocolFuzzResult | null = null;
  const fuzzed = async (): Promise<ProtocolFuzzResult> => {
    if (result) return result;
    console.log(`protocol fuzz seed ${seed} (replay: FUZZ_SEED=${seed})`);
    const ran = await runProtocolFuzz(protocolFuzzSize(true, seed));
    if ('error' in ran) throw new Error(ran.error);
    console.log(summarize(ran));
    return (result = ran);
  };

  it('answers every request with a well-formed acknowledgement and lets no viewer act', { timeout: RUN_TIMEOUT_MS }, async () => {
    const { failures, sent } = await fuzzed();
    expect(sent.junk + sent.viewer, 'junk was sent').toBeGreaterThan(1000);
    expect(failures.socket, `seed ${seed}`).toEqual([]);
  });

  it('survives raw WebSocket garbage', { timeout: RUN_TIMEOUT_MS }, async () => {
    const { failures, rawFrames } = await fuzzed();
    expect(rawFrames).toBeGreaterThan(0);
    expect(failures.raw, `seed ${seed}`).toEqual([]);
  });

  it('stays up and still runs a real demo step afterwards', { timeout: RUN_TIMEOUT_MS }, async () => {
    const { failures, stepsFinished } = await fuzzed();
    expect(failures.server, `seed ${seed}`).toEqual([]);
    expect(stepsFinished).toBeGreaterThan(0);
  });

  it('runs no command that no valid request asked for', { timeout: RUN_TIMEOUT_MS }, async () => {
    const { failures } = await fuzzed();
    expect(failures.log, `seed ${seed}`).toEqual([]);
    // A step replied as run whose command never ran: once found here (Ctrl-C at an idle prompt
    // right before a step, tests/demo/control.test.ts), fixed in marked-shell.ts.
    expect(failures.lost, `seed ${seed}`).toEqual([]);
  });

  it('returns to its baseline heap once the fuzzing stops', { timeout: RUN_TIMEOUT_MS }, async () => {
    const { failures, memory } = await fuzzed();
    expect(failures.memory, `seed ${seed}`).toEqual([]);
    expect(memory).not.toBeNull();
  });
});
