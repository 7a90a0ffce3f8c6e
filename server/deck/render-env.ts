// The per-render context markdown-it rules read from `env`: where the slide is and what to report.
import type { Diagnostic, Severity } from '../../protocol/diagnostic.ts';
import type { DemoEntry } from '../../protocol/demo-manifest.ts';
import type { Env } from 'markdown-it';
import type { Highlighter } from './highlighter.ts';

/** What a deck compilation shares across its slides. */
export interface DeckContext {
  readonly deck: string;
  /** The deck's path as the speaker sees it, for diagnostics. */
  readonly file: string;
  /** Absolute folder of the deck file: images and `./` includes resolve here. */
  readonly deckDir: string;
  /** Absolute project root: `file=` includes and demo `cwd` resolve here. */
  readonly projectRoot: string;
  readonly readFile: (absolutePath: string) => string | null;
  readonly fileExists: (absolutePath: string) => boolean;
  readonly highlighter: Highlighter;
  readonly animateLists: boolean;
  readonly diagnostics: Diagnostic[];
  readonly demos: DemoEntry[];
  /** Image paths relative to deckDir that the deck uses (the build copies them). */
  readonly assets: Set<string>;
  /** Prefix that turns a deckDir-relative asset path into a URL from the deck's page ('../'). */
  readonly assetPrefix: string;
}

/** The `env` object passed to markdown-it for one block of Markdown. */
export interface RenderEnv extends Env {
  readonly ctx: DeckContext;
  /** File line of the rendered text's first line. */
  readonly lineBase: number;
}

/** Records a diagnostic at a 0-based line of the text being rendered. */
export function report(env: RenderEnv, severity: Severity, code: string, message: string, mapLine = 0): void {
  env.ctx.diagnostics.push({ severity, code, message, file: env.ctx.file, line: env.lineBase + mapLine });
}
