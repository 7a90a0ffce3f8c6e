// One compiler fuzz run: Markdown from fuzz-markdown.ts compiled in a child process with a time
// bound per input. Checks that compileDeck never throws, never hangs, renders every slide
// without its own guard firing, and that every diagnostic names a line inside its file.
// A failing input is saved to a file, named in the failure, to be replayed or minimized.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CompileReply, CompileRequest } from './fuzz-compile-child.ts';
import { FUZZ_FILE } from './fuzz-compile-child.ts';
import { lineCount, nextMarkdown } from './fuzz-markdown.ts';
import { Random } from './fuzz-random.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const CHILD = path.join(import.meta.dirname, 'fuzz-compile-child.ts');
const SLIDES = path.join(REPO_ROOT, 'slides');
/** Bound on one compile (ms): the largest real deck compiles in well under a second; ten times that, it hangs. */
export const COMPILE_TIMEOUT_MS = 10_000;
/** Bound on the child's start (ms): tsx and shiki's grammars load in a few seconds. */
const START_TIMEOUT_MS = 60_000;

export interface CompilerFuzzOptions {
  readonly seed: number;
  readonly inputs: number;
  /** Where failing inputs are saved (default: a fresh folder in the temp dir, removed if nothing failed). */
  readonly saveDir?: string;
}

export interface CompilerFuzzResult {
  readonly seed: number;
  readonly tried: { readonly mutated: number; readonly nasty: number };
  readonly failures: string[];
  /** Slowest compile (ms) and its input's size. */
  readonly slowest: { readonly ms: number; readonly chars: number };
  readonly savedTo: string | null;
}

/** Sizes of a run: quick is the npm test's (seconds), full the bench's (minutes). */
export function compilerFuzzSize(quick: boolean, seed: number): CompilerFuzzOptions {
  return { seed, inputs: quick ? 120 : 2_000 };
}

/** The compile child: started on demand, killed and restarted after a hang. */
class Compiler {
  private child: ChildProcess | null = null;

  private async start(): Promise<ChildProcess | string> {
    const child = fork(CHILD, [], { cwd: REPO_ROOT, execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const ready = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), START_TIMEOUT_MS);
      child.once('message', () => (clearTimeout(timer), resolve(true)));
      child.once('exit', () => (clearTimeout(timer), resolve(false)));
    });
    if (!ready) {
      child.kill('SIGKILL');
      return `the compile child did not start: ${stderr}`;
    }
    return (this.child = child);
  }

  /** Compiles one input: its reply, 'timeout', or why the child died. */
  async compile(n: number, markdown: string): Promise<CompileReply | { timeout: true } | { died: string }> {
    const child = this.child ?? (await this.start());
    if (typeof child === 'string') return { died: child };
    return new Promise((resolve) => {
      const done = (value: CompileReply | { timeout: true } | { died: string }) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(value);
      };
      const onMessage = (reply: CompileReply) => {
        if (reply.n === n) done(reply);
      };
      const onExit = (code: number | null, signal: string | null) => {
        this.child = null;
        done({ died: `the compile child exited with ${signal ?? `code ${code}`}` });
      };
      const timer = setTimeout(() => {
        // Hung: kill this child (ours, by its pid) and start a fresh one for the next input.
        this.child = null;
        child.off('exit', onExit);
        child.kill('SIGKILL');
        done({ timeout: true });
      }, COMPILE_TIMEOUT_MS);
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send({ n, markdown } satisfies CompileRequest);
    });
  }

  close(): void {
    this.child?.kill('SIGKILL');
    this.child = null;
  }
}

/** Lines of a file a diagnostic names: the input itself, or a file it includes. */
function linesOf(file: string, markdown: string): number | null {
  if (file === FUZZ_FILE) return lineCount(markdown);
  const absolute = path.resolve(REPO_ROOT, file);
  try {
    return lineCount(fs.readFileSync(absolute, 'utf8'));
  } catch {
    return null;
  }
}

/** What is wrong with one compile's reply, if anything. */
export function problemsOf(reply: CompileReply, markdown: string): string[] {
  if (reply.threw !== null) return [`compileDeck threw: ${reply.threw.split('\n').slice(0, 4).join(' | ')}`];
  const problems: string[] = [];
  if (!reply.htmlIsString) problems.push('html is not a string');
  for (const d of reply.diagnostics) {
    if (d.code === 'render-failed') problems.push(`a slide's render threw (${d.file}:${d.line}): ${d.message}`);
    const lines = linesOf(d.file, markdown);
    if (lines === null) problems.push(`diagnostic ${d.code} names a file that is not there: ${d.file}`);
    else if (!Number.isInteger(d.line) || d.line < 1 || d.line > lines) problems.push(`diagnostic ${d.code} at ${d.file}:${d.line}, outside its ${lines} lines`);
    if (d.message.trim().length === 0) problems.push(`diagnostic ${d.code} has no message`);
  }
  return problems;
}

/** The real decks, whose mutations make half the inputs. */
export function sourceDecks(): string[] {
  return fs
    .readdirSync(SLIDES)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => fs.readFileSync(path.join(SLIDES, f), 'utf8'));
}

export async function runCompilerFuzz(options: CompilerFuzzOptions): Promise<CompilerFuzzResult> {
  const random = new Random(options.seed);
  const decks = sourceDecks();
  const saveDir = options.saveDir ?? fs.mkdtempSync(path.join(os.tmpdir(), `ptydeck-compiler-fuzz-${options.seed}-`));
  const compiler = new Compiler();
  const tried = { mutated: 0, nasty: 0 };
  const failures: string[] = [];
  let slowest = { ms: 0, chars: 0 };
  try {
    for (let n = 0; n < options.inputs; n++) {
      const input = nextMarkdown(random, decks);
      tried[input.kind]++;
      const started = performance.now();
      const reply = await compiler.compile(n, input.markdown);
      const ms = performance.now() - started;
      if (ms > slowest.ms) slowest = { ms: Math.round(ms), chars: input.markdown.length };
      const problems = 'timeout' in reply ? [`no result within ${COMPILE_TIMEOUT_MS} ms (hang)`] : 'died' in reply ? [reply.died] : problemsOf(reply, input.markdown);
      if (problems.length === 0) continue;
      const file = path.join(saveDir, `input-${n}.md`);
      fs.mkdirSync(saveDir, { recursive: true });
      fs.writeFileSync(file, input.markdown);
      failures.push(`input ${n} (${input.kind}, saved to ${file}): ${[...new Set(problems)].slice(0, 3).join('; ')}`);
    }
  } finally {
    compiler.close();
  }
  const saved = failures.length > 0;
  if (!saved && options.saveDir === undefined) fs.rmSync(saveDir, { recursive: true, force: true });
  return { seed: options.seed, tried, failures, slowest, savedTo: saved ? saveDir : null };
}
