// Reliability bench part: compiler fuzzing (fuzz-compiler-run.ts). Quick: a hundred-odd inputs,
// as in npm test; full: a couple of thousand.
import { compilerFuzzSize, runCompilerFuzz } from '../../tests/fuzz/fuzz-compiler-run.ts';
import type { ReliabilityPart } from './row.ts';

export const run: ReliabilityPart = async ({ quick, seed }) => {
  const result = await runCompilerFuzz(compilerFuzzSize(quick, seed));
  const first = result.failures[0] ? ` First: ${result.failures[0].slice(0, 300)}` : '';
  const saved = result.savedTo ? ` Failing inputs saved in ${result.savedTo}.` : '';
  return [
    {
      category: 'compiler fuzz',
      attack: 'mutated real decks and nasty hand-made Markdown (unclosed and nested fences, separators everywhere, huge lines, binary bytes, mixed line endings, a BOM, deep nesting, broken front matter, demo options, comments and includes) through compileDeck: no throw, no hang, diagnostics inside the input',
      tried: result.tried.mutated + result.tried.nasty,
      failed: result.failures.length,
      notes: `seed ${seed}; ${result.tried.mutated} mutated, ${result.tried.nasty} nasty; slowest compile ${result.slowest.ms} ms (${result.slowest.chars} characters).${saved}${first}`,
    },
  ];
};
