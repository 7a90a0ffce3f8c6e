// The deck compiler: Markdown in; reveal.js sections, notes, demo manifest and diagnostics out.
import path from 'node:path';
import type { Diagnostic } from '../../protocol/diagnostic.ts';
import type { DemoEntry } from '../../protocol/demo-manifest.ts';
import type { DeckContext, RenderEnv } from './render-env.ts';
import { parseFrontMatter } from './front-matter.ts';
import { readDeckMeta, type DeckMeta } from './deck-meta.ts';
import { splitSlides } from './split-slides.ts';
import { splitNotes } from './split-notes.ts';
import { extractSlideAttributes } from './slide-attributes.ts';
import { renderAttributes, escapeHtml } from './html-attributes.ts';
import { createMarkdown } from './markdown.ts';
import { renderErrorSlide } from './error-slide.ts';
import { fenceLanguages } from './fence-languages.ts';

/** Where the deck is and how to read what it includes (see DeckContext), and how to render it. */
export type CompileOptions = Pick<DeckContext, 'deck' | 'file' | 'deckDir' | 'projectRoot' | 'readFile' | 'fileExists' | 'highlighter'> & {
  /** URL prefix from the deck's page to its folder's assets (default '../'). */
  readonly assetPrefix?: string;
  /** Which diagnostics get a visible slide at the start of the deck (default: errors). */
  readonly errorSlide?: 'errors' | 'all' | 'none';
};

export interface CompiledDeck {
  readonly deck: string;
  readonly meta: DeckMeta;
  /** The `<section>` elements of the deck, ready for `.reveal > .slides`. */
  readonly html: string;
  /** Number of slides, vertical ones included (the error slide not counted). */
  readonly slideCount: number;
  /** Speaker notes as Markdown, by slide in document order (null where none). */
  readonly notes: ReadonlyArray<string | null>;
  readonly demos: readonly DemoEntry[];
  readonly diagnostics: readonly Diagnostic[];
  /** Asset paths relative to the deck's folder that the page loads. */
  readonly assets: readonly string[];
}

/** Compiles a deck. Never throws on content: problems become diagnostics and error slides. */
export async function compileDeck(markdown: string, options: CompileOptions): Promise<CompiledDeck> {
  const source = markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const front = parseFrontMatter(source, options.file);
  const diagnostics: Diagnostic[] = [...front.diagnostics];
  const meta = readDeckMeta(front.data, options.file, diagnostics);
  await options.highlighter.load(fenceLanguages(front.body));
  const ctx: DeckContext = {
    deck: options.deck,
    file: options.file,
    deckDir: path.resolve(options.deckDir),
    projectRoot: path.resolve(options.projectRoot),
    readFile: options.readFile,
    fileExists: options.fileExists,
    highlighter: options.highlighter,
    animateLists: meta.animateLists,
    diagnostics,
    demos: [],
    assets: new Set(),
    assetPrefix: options.assetPrefix ?? '../',
  };
  const split = splitSlides(front.body, {
    separator: meta.separator,
    verticalSeparator: meta.verticalSeparator,
    lineOffset: front.bodyLineOffset,
    file: options.file,
  });
  diagnostics.push(...split.diagnostics);
  const md = createMarkdown();
  const notes: Array<string | null> = [];
  const sections: string[] = [];
  const stacks = split.stacks.map((stack) => stack.filter((s) => s.markdown.trim() !== '')).filter((s) => s.length > 0);
  for (const stack of stacks) {
    const rendered = stack.map((slide) => {
      const parts = splitNotes(slide.markdown);
      const attrs = extractSlideAttributes(parts.content);
      for (const r of attrs.refused) {
        diagnostics.push({ severity: 'warning', code: 'attribute-refused', message: `attribute "${r.name}" is not allowed in .slide (event handlers and malformed names are dropped)`, file: options.file, line: slide.line + r.line });
      }
      const env: RenderEnv = { ctx, lineBase: slide.line };
      let body = safeRender(md, attrs.markdown, env);
      notes.push(parts.notes);
      if (parts.notes !== null) {
        const notesEnv: RenderEnv = { ctx, lineBase: slide.line + parts.notesLine };
        body += `<aside class="notes">${safeRender(md, parts.notes, notesEnv)}</aside>`;
      }
      return `<section${renderAttributes([...attrs.attributes, ['data-line', String(slide.line)]])}>\n${body}</section>`;
    });
    sections.push(rendered.length === 1 ? rendered[0]! : `<section>\n${rendered.join('\n')}\n</section>`);
  }
  const slideCount = notes.length;
  if (slideCount === 0) {
    diagnostics.push({ severity: 'warning', code: 'deck-empty', message: 'the deck has no slides: write Markdown, separating slides with ---', file: options.file, line: 1 });
  }
  diagnostics.sort((a, b) => a.line - b.line);
  const shown = diagnostics.filter((d) => (options.errorSlide ?? 'errors') === 'all' || ((options.errorSlide ?? 'errors') === 'errors' && d.severity === 'error'));
  const errorSlide = shown.length > 0 ? renderErrorSlide(shown) : '';
  return {
    deck: options.deck,
    meta,
    html: errorSlide + sections.join('\n'),
    slideCount,
    notes,
    demos: ctx.demos,
    diagnostics,
    assets: [...ctx.assets].sort(),
  };

  function safeRender(md: ReturnType<typeof createMarkdown>, text: string, env: RenderEnv): string {
    try {
      return md.render(text, env);
    } catch (error) {
      // markdown-it does not throw on content; this guards our own rules, so one slide's
      // failure never blanks the deck.
      const message = error instanceof Error ? error.message : String(error);
      diagnostics.push({ severity: 'error', code: 'render-failed', message: `this slide could not be rendered: ${message}`, file: options.file, line: env.lineBase });
      return `<div class="ptydeck-inline-error" role="alert"><strong>Render failed</strong> ${escapeHtml(message)}</div>`;
    }
  }
}
