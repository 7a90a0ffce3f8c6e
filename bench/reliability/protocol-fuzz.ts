// Reliability bench part: protocol fuzzing of a running live server (fuzz-protocol-run.ts).
// Quick: a few thousand messages, as in npm test; full: tens of thousands.
import { protocolFuzzSize, runProtocolFuzz, summarize } from '../../tests/fuzz/fuzz-protocol-run.ts';
import type { ReliabilityPart, ReliabilityRow } from './row.ts';

const CATEGORY = 'protocol fuzz';

export const run: ReliabilityPart = async ({ quick, seed }) => {
  const result = await runProtocolFuzz(protocolFuzzSize(quick, seed));
  if ('error' in result) {
    return [{ category: CATEGORY, attack: 'start a live server with the fuzz deck', tried: 1, failed: 1, notes: `seed ${seed}: ${result.error}` }];
  }
  const { failures, sent } = result;
  const first = (list: readonly string[]) => (list.length > 0 ? ` First: ${list[0]!.slice(0, 300)}` : '');
  const steadyFailures = failures.socket.filter((f) => / steady /.test(f));
  const junkFailures = failures.socket.filter((f) => !/ steady /.test(f));
  const memory = result.memory
    ? `heap after GC ${mb(result.memory.baseline.heapUsed)} → ${mb(result.memory.after.heapUsed)}, RSS ${mb(result.memory.baseline.rss)} → ${mb(result.memory.after.rss)}`
    : 'memory not measured';
  const rows: ReliabilityRow[] = [
    {
      category: CATEGORY,
      attack: 'socket.io messages well-formed at the transport, wrong in payload: unknown demos, wrong types, NaN and huge numbers, huge strings, bogus output acks, input to demos taking none, viewer requests, oversized messages',
      tried: sent.junk + sent.viewer,
      failed: junkFailures.length,
      notes: `seed ${seed}; connections the server closed (oversized messages): ${result.dropped.junk + result.dropped.viewer}.${first(junkFailures)}`,
    },
    {
      category: CATEGORY,
      attack: 'valid step, run-all, interrupt and reset requests in random order and bursts, amid the junk; steps.log holds only requested steps, in order',
      tried: sent.steady,
      failed: steadyFailures.length + failures.log.length + failures.lost.length,
      notes: `seed ${seed}; ${result.stepsFinished} steps ran to exit 0; commands nobody asked for: ${failures.log.length}; demos with steps replied as run that never ran: ${failures.lost.length}.${first([...steadyFailures, ...failures.log, ...failures.lost])}`,
    },
    {
      category: CATEGORY,
      attack: 'raw WebSocket frames: malformed engine.io and socket.io packets, unannounced binary attachments, binary garbage, oversized frames, lying lengths, unmasked and reserved-bit frames',
      tried: result.rawFrames,
      failed: failures.raw.length,
      notes: `seed ${seed}.${first(failures.raw)}`,
    },
    {
      category: CATEGORY,
      attack: 'after all of it: the server process is alive, a real demo step runs, the heap after GC is back to its baseline',
      tried: 1,
      failed: failures.server.length + failures.memory.length > 0 ? 1 : 0,
      notes: `seed ${seed}; ${memory}.${first([...failures.server, ...failures.memory])}`,
    },
  ];
  if (process.env.FUZZ_VERBOSE) console.log(summarize(result));
  return rows;
};

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
