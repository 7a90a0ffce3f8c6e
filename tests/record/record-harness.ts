// Temporary projects holding copies of the recording fixtures, and the real CLI run on them as a
// child process, so recordings land in a folder the test owns, never in the repo's demos/.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readAsciicast } from '../../protocol/asciicast/read.ts';
import type { AsciicastRecording } from '../../protocol/asciicast/types.ts';
import type { DemoEntry } from '../../protocol/demo-manifest.ts';
import { loadDemos } from '../../server/record/load-demos.ts';
import { recordingPath } from '../../server/record/recording-path.ts';

const REPO = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(REPO, 'tests/fixtures/record');

/**
 * How long one CLI run may take, in ms: starting the CLI alone takes ~2 s here and ~9 s on a box
 * loaded by other test runs, and a run starts real shells.
 */
export const CLI_TIMEOUT_MS = 90_000;
/** Per-test time-out for tests that run the CLI a few times. */
export const CLI_TEST_TIMEOUT_MS = 4 * CLI_TIMEOUT_MS;

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node bin/ptydeck.mjs …args` from the repository, as a presenter would. */
export function runCli(args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(REPO, 'bin/ptydeck.mjs'), ...args],
      { cwd: REPO, timeout: CLI_TIMEOUT_MS, killSignal: 'SIGKILL', env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

export interface TempProject {
  readonly root: string;
  /** The slides folder, holding copies of one fixture folder's decks. */
  readonly slides: string;
  /** Absolute path of a demo's recording in this project. */
  recording(deck: string, demo: string): string;
  /** Replaces a deck's Markdown (the deck changes, so its demo's hash may too). */
  writeDeck(deck: string, markdown: string): void;
  remove(): void;
}

/** A temporary project with the decks of `tests/fixtures/record/<fixture>/`. */
export function tempProject(fixture: 'slides' | 'missing'): TempProject {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-record-test-'));
  const slides = path.join(root, 'slides');
  // package.json marks the project root (findProjectRoot): recordings go under `root`.
  fs.writeFileSync(path.join(root, 'package.json'), '{"private": true}\n');
  fs.cpSync(path.join(FIXTURES, fixture), slides, { recursive: true });
  return {
    root,
    slides,
    recording: (deck, demo) => recordingPath(root, deck, demo),
    writeDeck: (deck, markdown) => fs.writeFileSync(path.join(slides, `${deck}.md`), markdown),
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/** The compiled manifest entry of a demo in a project's slides. */
export async function demoEntryOf(project: TempProject, demo: string): Promise<DemoEntry> {
  const loaded = await loadDemos(project.slides, demo);
  if ('error' in loaded) throw new Error(loaded.error);
  return loaded.entries[0]!;
}

/** Reads a recording file, failing the test when it is not a clean asciicast file. */
export function readRecording(file: string): AsciicastRecording {
  const read = readAsciicast(fs.readFileSync(file, 'utf8'));
  if (!read.ok) throw new Error(`${file}: ${read.error.message}`);
  if (read.warnings.length > 0) throw new Error(`${file}: ${read.warnings.join('; ')}`);
  return read.recording;
}

/** The files in a recording's folder: a failed write must leave no temporary file there. */
export function filesBeside(file: string): string[] {
  return fs.readdirSync(path.dirname(file)).sort();
}

/** The UTS fixture deck with other steps, for tests that change or break the demo. */
export function utsDeck(steps: readonly string[]): string {
  return ['# UTS', '', '```demo id=uts requires=root,unshare', ...steps.map((s) => `$ ${s}`), '```', ''].join('\n');
}
