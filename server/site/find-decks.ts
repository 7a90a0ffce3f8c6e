// Finds the decks a command was pointed at: a folder of Markdown files, or one file.
import fs from 'node:fs';
import path from 'node:path';

export interface DeckSource {
  /** Deck name: the file's base name, which is also its URL path. */
  readonly name: string;
  readonly file: string;
}

export interface DeckSet {
  /** Absolute folder holding the decks (a deck's images resolve here). */
  readonly deckDir: string;
  /** Absolute project root: the nearest folder at or above deckDir with package.json or demos/. */
  readonly projectRoot: string;
  readonly decks: readonly DeckSource[];
}

/** Markdown files that are documentation, not decks. */
const NOT_DECKS = new Set(['readme.md', 'changelog.md', 'license.md']);

/** Resolves a path to its decks; returns an error message when there are none. */
export function findDecks(target: string): DeckSet | { error: string } {
  const absolute = path.resolve(target);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch {
    return { error: `${target} does not exist: give a folder of .md decks or one .md file` };
  }
  const deckDir = stat.isDirectory() ? absolute : path.dirname(absolute);
  const files = stat.isDirectory()
    ? fs.readdirSync(absolute).filter((f) => f.endsWith('.md') && !NOT_DECKS.has(f.toLowerCase())).sort()
    : [path.basename(absolute)];
  if (files.length === 0) return { error: `${target} has no .md decks` };
  const decks = files.map((f) => ({ name: f.replace(/\.md$/, '').toLowerCase().replace(/[^a-z0-9-]+/g, '-'), file: path.join(deckDir, f) }));
  return { deckDir, projectRoot: findProjectRoot(deckDir), decks };
}

/** The nearest folder at or above `start` that holds package.json or demos/, else `start`. */
export function findProjectRoot(start: string): string {
  let dir = start;
  for (let i = 0; i < 4; i++) {
    if (fs.existsSync(path.join(dir, 'package.json')) || fs.existsSync(path.join(dir, 'demos'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return start;
}
