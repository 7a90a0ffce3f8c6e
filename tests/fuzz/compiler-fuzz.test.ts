// Compiler fuzzing, the quick size (bench/reliability/compiler-fuzz.ts runs the long one):
// mutations of the five decks and nasty hand-made decks through compileDeck in a child process
// with a time bound per input. FUZZ_SEED=<n> replays a run; failing inputs are saved to files.
import { describe, expect, it } from 'vitest';
import { compilerFuzzSize, runCompilerFuzz } from './fuzz-compiler-run.ts';
import { seedFromEnv } from './fuzz-random.ts';

const seed = seedFromEnv();
/** Generous guard on the whole run (a hang is caught per input, long before this). */
const RUN_TIMEOUT_MS = 240_000;

describe('the deck compiler under fuzzing', () => {
  it('never throws, never hangs, and every diagnostic names a line inside its file', { timeout: RUN_TIMEOUT_MS }, async () => {
    console.log(`compiler fuzz seed ${seed} (replay: FUZZ_SEED=${seed})`);
    const result = await runCompilerFuzz(compilerFuzzSize(true, seed));
    console.log(`seed ${seed}: ${result.tried.mutated} mutated and ${result.tried.nasty} nasty decks; slowest ${result.slowest.ms} ms (${result.slowest.chars} characters)`);
    expect(result.tried.mutated + result.tried.nasty).toBeGreaterThan(0);
    expect(result.failures, `seed ${seed}`).toEqual([]);
  });
});
