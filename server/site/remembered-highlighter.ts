// Highlighted code blocks remembered across compiles and dev starts: shiki's grammar loading and
// tokenizing are most of a deck's compile (about a second for the 30-slide deck on a cold start),
// while most edits and most starts leave every code block as it was.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { getHighlighter, type Highlighter } from '../deck/highlighter.ts';
import { PACKAGE_ROOT } from '../site/package-paths.ts';

type Highlighted = ReturnType<Highlighter['highlight']>;

/** Highlighting depends on the highlighter's code and shiki's version: both name the file. */
function memoFile(): string {
  const hash = createHash('sha256');
  for (const file of ['server/deck/highlighter.ts', 'node_modules/shiki/package.json']) {
    try {
      hash.update(fs.readFileSync(path.join(PACKAGE_ROOT, file)));
    } catch {
      hash.update(file); // not installed as a checkout: the name stands in
    }
  }
  return path.join(PACKAGE_ROOT, 'node_modules/.cache/ptydeck', `dev-highlight-${hash.digest('hex').slice(0, 16)}.json`);
}

const keyOf = (code: string, lang: string) => `${lang}\0${code}`;

export class RememberedHighlighter {
  private readonly file = memoFile();
  private readonly memo: Map<string, Highlighted>;
  private readonly langs = new Set<string>();
  /** Blocks of this server's compiles: only they are saved, so edited-away blocks are dropped. */
  private readonly used = new Set<string>();
  private real: Promise<Highlighter> | null = null;
  private dirty = false;

  constructor() {
    let saved: Record<string, Highlighted> = {};
    try {
      saved = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<string, Highlighted>;
    } catch {
      // no memo yet (or a broken one): every block is highlighted once
    }
    this.memo = new Map(Object.entries(saved));
  }

  /**
   * Compiles with remembered blocks only; when a block is new, loads shiki and compiles again
   * (the first pass's output is dropped, so a new block is never shown unhighlighted).
   */
  async compile<T>(compile: (highlighter: Highlighter) => Promise<T>): Promise<T> {
    let missed = false;
    const remembered: Highlighter = {
      load: async (langs) => void [...langs].forEach((lang) => this.langs.add(lang)),
      highlight: (code, lang) => {
        const key = keyOf(code, lang);
        const hit = this.memo.get(key);
        if (hit) {
          this.used.add(key);
          return hit;
        }
        missed = true;
        return { html: '', known: true };
      },
    };
    const first = await compile(remembered);
    if (!missed) return first;
    const real = await this.shiki();
    const memoizing: Highlighter = {
      load: (langs) => real.load(langs),
      highlight: (code, lang) => {
        const key = keyOf(code, lang);
        this.used.add(key);
        let result = this.memo.get(key);
        if (!result) {
          result = real.highlight(code, lang);
          this.memo.set(key, result);
          this.dirty = true;
        }
        return result;
      },
    };
    return compile(memoizing);
  }

  /** Loads shiki and the grammars decks used so far, so the first edit of a code block is quick. */
  warm(): void {
    void this.shiki().then((real) => real.load(this.langs), () => {});
  }

  /** Writes the memo for the next start (when it changed). */
  save(): void {
    if (!this.dirty) return;
    this.dirty = false;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, JSON.stringify(Object.fromEntries([...this.used].map((key) => [key, this.memo.get(key)]))));
      fs.renameSync(temp, this.file); // whole or not at all, also with two servers running
    } catch {
      // a read-only install: the next start highlights again
    }
  }

  private shiki(): Promise<Highlighter> {
    this.real ??= getHighlighter();
    return this.real;
  }
}
