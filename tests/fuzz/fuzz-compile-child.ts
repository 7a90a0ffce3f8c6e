// Compiles the inputs the compiler fuzzer sends, in a child process of its own, so an input
// that hangs the compiler is caught by the parent's time bound (and the child killed) instead
// of hanging the fuzzer. Speaks over IPC only: an input in, its diagnostics (or the throw) out.
import fs from 'node:fs';
import path from 'node:path';
import { compileDeck } from '../../server/deck/compile-deck.ts';
import { getHighlighter } from '../../server/deck/highlighter.ts';

export interface CompileRequest {
  readonly n: number;
  readonly markdown: string;
}

export interface CompileReply {
  readonly n: number;
  /** The exception compileDeck threw (it must not), or null. */
  readonly threw: string | null;
  readonly diagnostics: ReadonlyArray<{ readonly code: string; readonly line: number; readonly file: string; readonly message: string }>;
  readonly htmlIsString: boolean;
}

/** The decks' folder and project: mutated decks include the real demos/ files and images. */
const PROJECT = path.resolve(import.meta.dirname, '../..');
const DECK_DIR = path.join(PROJECT, 'slides');
/** The deck's file name as diagnostics name it. */
export const FUZZ_FILE = 'slides/fuzz.md';

function readFileOrNull(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

const highlighter = await getHighlighter();

process.on('message', (request: CompileRequest) => {
  void (async () => {
    let reply: CompileReply;
    try {
      const compiled = await compileDeck(request.markdown, {
        deck: 'fuzz',
        file: FUZZ_FILE,
        deckDir: DECK_DIR,
        projectRoot: PROJECT,
        readFile: readFileOrNull,
        fileExists: (file) => fs.existsSync(file),
        highlighter,
        errorSlide: 'errors',
      });
      reply = {
        n: request.n,
        threw: null,
        diagnostics: compiled.diagnostics.map(({ code, line, file, message }) => ({ code, line, file, message })),
        htmlIsString: typeof compiled.html === 'string',
      };
    } catch (error) {
      reply = { n: request.n, threw: error instanceof Error ? (error.stack ?? error.message) : String(error), diagnostics: [], htmlIsString: false };
    }
    process.send?.(reply);
  })();
});
process.send?.({ ready: true });
