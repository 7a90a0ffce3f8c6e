// Highlighted code blocks remembered across compiles, builds and dev starts: loading shiki, its
// WebAssembly engine and each grammar is most of a deck's compile (300–500 ms of a 30-slide
// build), while most edits, starts and builds leave every code block as it was.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { getHighlighter, HIGHLIGHT_SETTINGS, type Highlighter } from '../deck/highlighter.ts';
import { PACKAGE_ROOT } from './package-paths.ts';

type Highlighted = ReturnType<Highlighter['highlight']>;

/** Bumped whenever the memo's layout changes, so an old file is never misread. */
const FORMAT = 'highlight-v2';
/**
 * Characters of HTML kept in the memo, most recently used blocks first. The five talks' blocks
 * are ~0.1 MB; 4 MB leaves room for dozens of decks (dev, builds and tests share the file)
 * while reading it stays a few tens of milliseconds, far cheaper than loading shiki.
 */
const MAX_REMEMBERED_CHARS = 4 * 1024 * 1024;

/** shiki's package.json: its version and the exact versions of its grammars and themes. */
function shikiPackage(): string {
  try {
    return fs.readFileSync(createRequire(import.meta.url).resolve('shiki/package.json'), 'utf8');
  } catch {
    return 'shiki-unresolved';
  }
}

/**
 * The memo file for this highlighter: named by shiki's version, the themes and options, and
 * the highlighter's own code, so a changed highlighter never serves stale HTML.
 */
export function defaultMemoFile(): string {
  const hash = createHash('sha256').update(FORMAT).update('\0').update(shikiPackage()).update('\0').update(HIGHLIGHT_SETTINGS).update('\0');
  try {
    hash.update(fs.readFileSync(path.join(PACKAGE_ROOT, 'server/deck/highlighter.ts')));
  } catch {
    hash.update('highlighter-source-missing'); // an install without sources: versions and settings decide
  }
  return path.join(PACKAGE_ROOT, 'node_modules/.cache/ptydeck', `highlight-${hash.digest('hex').slice(0, 16)}.json`);
}

/** The language is part of the key: the same code in another language is another block. */
const keyOf = (code: string, lang: string) => `${lang}\0${code}`;

function readMemo(file: string): Map<string, Highlighted> {
  try {
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Highlighted>;
    return new Map(Object.entries(saved).filter(([, v]) => typeof v?.html === 'string' && typeof v.known === 'boolean'));
  } catch {
    return new Map(); // no memo yet (or a broken one): every block is highlighted once
  }
}

export class RememberedHighlighter {
  private readonly memo: Map<string, Highlighted>;
  private readonly langs = new Set<string>();
  /** Blocks this process compiled: saved first, so they are the last to be dropped. */
  private readonly used = new Set<string>();
  private real: Promise<Highlighter> | null = null;
  private dirty = false;

  /** `file` is where the memo lives; tests give their own to start cold. */
  constructor(private readonly file: string = defaultMemoFile()) {
    this.memo = readMemo(file);
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

  /**
   * Writes the memo for the next process (when a block was added): this process's blocks
   * first, then the others it read, then any another process saved meanwhile, up to the cap.
   */
  save(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const merged = new Map<string, Highlighted>();
    for (const key of this.used) merged.set(key, this.memo.get(key)!);
    for (const [key, value] of this.memo) if (!merged.has(key)) merged.set(key, value);
    for (const [key, value] of readMemo(this.file)) if (!merged.has(key)) merged.set(key, value);
    const kept: [string, Highlighted][] = [];
    let chars = 0;
    for (const [key, value] of merged) {
      chars += key.length + value.html.length;
      if (chars > MAX_REMEMBERED_CHARS && kept.length > 0) break;
      kept.push([key, value]);
    }
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, JSON.stringify(Object.fromEntries(kept)));
      fs.renameSync(temp, this.file); // whole or not at all, also with two processes saving
    } catch {
      // a read-only install: the next process highlights again
    }
  }

  private shiki(): Promise<Highlighter> {
    this.real ??= getHighlighter();
    return this.real;
  }
}
