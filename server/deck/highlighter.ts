// Build-time syntax highlighting with shiki: no highlighter ships to the browser.
// shiki is imported when the highlighter is created, not with this module: a build whose code
// blocks are all remembered (server/site/remembered-highlighter.ts) never loads it.
import type { HighlighterCore } from 'shiki/core';

/** The two themes every code block carries, as CSS variables the deck theme picks from. */
export const CODE_THEMES = { light: 'github-light', dark: 'github-dark' } as const;

/** Names that mean "no highlighting" and deserve no warning. */
const PLAIN = new Set(['', 'text', 'txt', 'plain', 'plaintext', 'output']);

export interface Highlighter {
  /** Loads the grammars a deck uses; unknown names are ignored (highlight() reports them). */
  load(langs: Iterable<string>): Promise<void>;
  /** Renders code as shiki HTML; `known` is false when the language fell back to plain text. */
  highlight(code: string, lang: string): { html: string; known: boolean };
}

/**
 * Characters per line worth colouring on a slide; longer lines stay plain. A slide shows about
 * 100. TextMate grammars can take polynomial time on some lines (the compiler fuzzer found a line
 * of 600 backticks in a Markdown block taking 4 s, 800 taking 7 s); at 200 such a line costs
 * about 0.1 s, so no deck can stall a build, while the result stays the same on every machine
 * (no time limit, see below).
 */
const MAX_TOKENIZED_LINE = 200;

/**
 * Everything besides shiki's version and the code that decides a block's HTML. A memo of
 * highlighted blocks keys on it, so changing a theme or an option never serves stale HTML.
 */
export const HIGHLIGHT_SETTINGS = JSON.stringify({ themes: CODE_THEMES, maxLine: MAX_TOKENIZED_LINE, plain: [...PLAIN], defaultColor: false });

let shared: Promise<Highlighter> | null = null;

/** The process-wide highlighter (grammars load once and stay loaded). */
export function getHighlighter(): Promise<Highlighter> {
  shared ??= create();
  shared.catch(() => (shared = null)); // a failed load is tried again by the next caller
  return shared;
}

async function create(): Promise<Highlighter> {
  const [{ createHighlighterCore }, { createOnigurumaEngine }, { bundledLanguages, bundledLanguagesAlias }] = await Promise.all([
    import('shiki/core'),
    import('shiki/engine/oniguruma'),
    import('shiki/langs'),
  ]);
  const all = { ...bundledLanguages, ...bundledLanguagesAlias } as Record<string, (typeof bundledLanguages)[keyof typeof bundledLanguages]>;
  const canonical = (lang: string): string | null => {
    const lower = lang.toLowerCase();
    return Object.hasOwn(all, lower) ? lower : null;
  };
  // Oniguruma (WebAssembly) is the engine the TextMate grammars were written for.
  const core: HighlighterCore = await createHighlighterCore({
    themes: [import('shiki/themes/github-light.mjs'), import('shiki/themes/github-dark.mjs')],
    langs: [],
    engine: createOnigurumaEngine(import('shiki/wasm')),
  });
  const loaded = new Set<string>();
  return {
    async load(langs) {
      const wanted = [...new Set([...langs].map(canonical).filter((l): l is string => l !== null && !loaded.has(l)))];
      await Promise.all(
        wanted.map(async (lang) => {
          await core.loadLanguage(all[lang]!);
          loaded.add(lang);
        }),
      );
    },
    highlight(code, lang) {
      const name = canonical(lang);
      const known = name !== null && loaded.has(name);
      const html = core.codeToHtml(code, {
        lang: known ? name : 'text',
        themes: CODE_THEMES,
        defaultColor: false,
        // A minified line or a pasted blob must not stall the build: past this, plain text.
        tokenizeMaxLineLength: MAX_TOKENIZED_LINE,
        // No time limit: shiki's default (500 ms a line) cuts tokenizing short on a loaded
        // machine, so the same code came out in different colours from build to build.
        tokenizeTimeLimit: 0,
      });
      return { html, known: known || PLAIN.has(lang.toLowerCase()) };
    },
  };
}
