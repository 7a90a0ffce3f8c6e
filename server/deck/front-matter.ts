// Front matter: the YAML block at the top of a deck, parsed with line-accurate diagnostics.
import { parseDocument } from 'yaml';
import type { Diagnostic } from '../../protocol/diagnostic.ts';

export interface FrontMatter {
  /** The parsed mapping, or an empty one when absent or broken. */
  readonly data: Readonly<Record<string, unknown>>;
  /** The Markdown after the front matter. */
  readonly body: string;
  /** Lines consumed before `body` starts (to turn body lines into file lines). */
  readonly bodyLineOffset: number;
  readonly diagnostics: readonly Diagnostic[];
}

const OPEN = /^---[ \t]*$/;
const CLOSE = /^(---|\.\.\.)[ \t]*$/;

/** Splits the front matter from a deck; broken YAML becomes a diagnostic and an empty mapping. */
export function parseFrontMatter(markdown: string, file: string): FrontMatter {
  const lines = markdown.split('\n');
  if (lines.length === 0 || !OPEN.test(lines[0] ?? '')) {
    return { data: {}, body: markdown, bodyLineOffset: 0, diagnostics: [] };
  }
  const close = lines.findIndex((line, i) => i > 0 && CLOSE.test(line));
  if (close < 0) {
    // A deck may legitimately start with a slide separator: only treat it as front matter
    // when the next line looks like YAML (`key: value`).
    if (!/^[A-Za-z_][\w-]*\s*:/.test(lines[1] ?? '')) {
      return { data: {}, body: markdown, bodyLineOffset: 0, diagnostics: [] };
    }
    return {
      data: {},
      body: markdown,
      bodyLineOffset: 0,
      diagnostics: [
        {
          severity: 'error',
          code: 'front-matter-unclosed',
          message: 'front matter opened with --- is never closed: add a line with --- after the YAML',
          file,
          line: 1,
        },
      ],
    };
  }
  const yamlText = lines.slice(1, close).join('\n');
  const body = lines.slice(close + 1).join('\n');
  const diagnostics: Diagnostic[] = [];
  const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: false });
  for (const error of doc.errors) {
    const line = 1 + (error.linePos?.[0]?.line ?? 1);
    diagnostics.push({
      severity: 'error',
      code: 'front-matter-yaml',
      message: `invalid YAML in front matter: ${error.message.split('\n')[0]}`,
      file,
      line,
    });
  }
  let data: Record<string, unknown> = {};
  if (doc.errors.length === 0) {
    const value: unknown = doc.toJS();
    if (value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value))) {
      diagnostics.push({
        severity: 'error',
        code: 'front-matter-not-mapping',
        message: 'front matter must be a YAML mapping (key: value lines)',
        file,
        line: 2,
      });
    } else if (value) {
      data = value as Record<string, unknown>;
    }
  }
  return { data, body, bodyLineOffset: close + 1, diagnostics };
}
