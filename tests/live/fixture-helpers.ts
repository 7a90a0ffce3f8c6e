// Copies fixture decks into a fresh temporary project, so what their demos write (marker files,
// teardown logs) lands in a folder the test owns and removes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const SECURITY_DECKS = path.resolve(import.meta.dirname, '../fixtures/live-security/slides');

export interface TempProject {
  /** The project root: demos run here (their default cwd), so their files land here. */
  readonly root: string;
  /** The slides folder to serve. */
  readonly slides: string;
  /** Whether a file exists in the project root. */
  has(file: string): boolean;
  /** A file's text in the project root, or '' when it is missing. */
  read(file: string): string;
  remove(): void;
}

/**
 * A temporary project holding copies of `decks` (file names in the security fixtures), and the
 * decks `written` (file name → Markdown) of a test's own.
 */
export function tempProject(decks: readonly string[], written: Readonly<Record<string, string>> = {}): TempProject {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-live-test-'));
  const slides = path.join(root, 'slides');
  fs.mkdirSync(slides);
  // package.json marks the project root (findProjectRoot), so demos run in `root`.
  fs.writeFileSync(path.join(root, 'package.json'), '{"private": true}\n');
  for (const deck of decks) fs.copyFileSync(path.join(SECURITY_DECKS, deck), path.join(slides, deck));
  for (const [name, markdown] of Object.entries(written)) fs.writeFileSync(path.join(slides, name), markdown);
  return {
    root,
    slides,
    has: (file) => fs.existsSync(path.join(root, file)),
    read: (file) => (fs.existsSync(path.join(root, file)) ? fs.readFileSync(path.join(root, file), 'utf8') : ''),
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
