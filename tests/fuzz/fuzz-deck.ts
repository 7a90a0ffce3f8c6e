// The deck the protocol fuzzer runs against, in a temporary project of its own: every demo step
// appends "<demo>:<step>:<shell pid>" to steps.log in the project, so the log proves which steps ran and in
// which order. Input that reaches a shell it must not reach would append an INJECTED line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The deck's name (its file is fuzz.md). */
export const FUZZ_DECK = 'fuzz';
/** Written by typed input if it ever reaches a shell: its presence in the log is a failure. */
export const INJECTED = 'INJECTED';
/** Steps per demo: each demo below has this many. */
export const STEPS_PER_DEMO = 3;

/** Demos of the fuzz deck, by id: what each exercises. */
export const FUZZ_DEMOS = {
  /** Quick steps. */
  log: { interactive: false },
  /** Steps that run a moment, so interrupts and resets land mid-step. */
  slow: { interactive: false },
  /** Steps that print more than the flow-control high watermark. */
  loud: { interactive: false },
  /** Interactive: only a viewer ever types into it here, and must be refused. */
  chat: { interactive: true },
} as const;
export type FuzzDemoId = keyof typeof FUZZ_DEMOS;

/** The step command of a demo: appends its marker line first, then does the demo's work. */
function stepCommand(id: FuzzDemoId, index: number): string {
  // The shell's pid tells which shell (a reset starts a new one) ran the step.
  const mark = `echo ${id}:${index}:$$ >> steps.log`;
  if (id === 'slow') return `${mark}; sleep 0.2`;
  // ~190 KB of output: above the high watermark, so flow control pauses and resumes.
  if (id === 'loud') return `${mark}; seq 1 30000`;
  return mark;
}

function deckMarkdown(): string {
  const slides = (Object.keys(FUZZ_DEMOS) as FuzzDemoId[]).map((id) => {
    const steps = Array.from({ length: STEPS_PER_DEMO }, (_, i) => `$ ${stepCommand(id, i)}`).join('\n');
    return '```demo id=' + id + (FUZZ_DEMOS[id].interactive ? ' interactive' : '') + '\n' + steps + '\n```';
  });
  return ['---', 'title: Protocol fuzz', '---', '# Protocol fuzz', ...slides.map((s) => `---\n\n${s}`)].join('\n\n') + '\n';
}

export interface FuzzProject {
  readonly root: string;
  readonly slides: string;
  /** The lines of steps.log so far. */
  log(): string[];
  remove(): void;
}

/** Creates a temporary project holding the fuzz deck. */
export function createFuzzProject(): FuzzProject {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-fuzz-'));
  const slides = path.join(root, 'slides');
  fs.mkdirSync(slides);
  // package.json marks the project root, so demos run (and write steps.log) here.
  fs.writeFileSync(path.join(root, 'package.json'), '{"private": true}\n');
  fs.writeFileSync(path.join(slides, `${FUZZ_DECK}.md`), deckMarkdown());
  const logFile = path.join(root, 'steps.log');
  return {
    root,
    slides,
    log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').filter((l) => l !== '') : []),
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
