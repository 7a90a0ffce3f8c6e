// Renders an ordinary fenced code block: include from file, shiki, reveal line-highlight steps.
import path from 'node:path';
import type { Token } from 'markdown-it';
import type { RenderEnv } from './render-env.ts';
import { report } from './render-env.ts';
import type { FenceInfo, LineSpec } from './fence-info.ts';
import { parseLineSpec } from './fence-info.ts';
import { escapeHtml, renderAttributes } from './html-attributes.ts';

const CODE_KEYS = new Set(['file', 'lines']);

/** Renders the fence; reports problems and still shows what it can. */
export function renderCodeFence(token: Token, info: FenceInfo, env: RenderEnv): string {
  const line = token.map?.[0] ?? 0;
  let code = token.content.replace(/\n$/, '');
  let errorHtml = '';
  const keys = new Map(info.keys);
  for (const [key] of info.keys) {
    if (!CODE_KEYS.has(key)) report(env, 'warning', 'fence-unknown-key', `unknown key "${key}" in code fence (known: file, lines)`, line);
  }
  const file = keys.get('file');
  if (file !== undefined) {
    const included = includeFile(file, keys.get('lines'), env, line);
    if (typeof included === 'string') code = included;
    else errorHtml = inlineError('Cannot include file', included.error);
  }
  const lang = info.lang || guessLanguage(file);
  const { html, known } = env.ctx.highlighter.highlight(code, lang);
  if (!known) report(env, 'warning', 'fence-unknown-language', `unknown language "${lang}": shown as plain text`, line);
  let spec: LineSpec = { startFrom: 1, steps: [] };
  if (info.lines !== null) {
    const parsed = parseLineSpec(info.lines);
    if ('error' in parsed) report(env, 'warning', 'fence-line-spec', `line highlight [${info.lines}]: ${parsed.error}`, line);
    else spec = parsed;
  }
  const lineCount = code.split('\n').length;
  for (const step of spec.steps) {
    for (const n of step) {
      if (n > lineCount) {
        report(env, 'warning', 'fence-line-range', `line ${n} highlighted, but the code has ${lineCount} lines`, line);
        break;
      }
    }
  }
  return errorHtml + renderSteps(html, info, spec, lang, renderAttributes(token.attrs ?? []));
}

function renderSteps(html: string, info: FenceInfo, spec: LineSpec, lang: string, attrs: string): string {
  const numbered = info.lines !== null;
  const classes = ['shiki'];
  if (numbered) classes.push('line-numbers');
  const style = spec.startFrom !== 1 ? `counter-reset: ptydeck-line ${spec.startFrom - 1};` : '';
  const variant = (step: ReadonlySet<number> | null, fragmentIndex: number | null) => {
    let n = 0;
    const body = step
      ? html.replace(/<span class="line"/g, () => (step.has(++n) ? '<span class="line highlighted"' : '<span class="line"'))
      : html;
    const extra = [...classes, step ? 'has-highlights' : '', fragmentIndex !== null ? 'fragment' : ''].filter(Boolean).join(' ');
    return body.replace(/^<pre class="shiki([^"]*)"( style=")?/, (_m, rest: string, hasStyle?: string) => {
      const fragment = fragmentIndex !== null ? ` data-fragment-index="${fragmentIndex}"` : '';
      const styleAttr = hasStyle ? ` style="${style}` : style ? ` style="${style}"` : '';
      return `<pre class="${extra}${rest}" data-lang="${escapeHtml(lang)}"${fragment}${attrs}${styleAttr}`;
    });
  };
  if (spec.steps.length === 0) return variant(null, null);
  if (spec.steps.length === 1) return variant(spec.steps[0]!, null);
  return `<div class="ptydeck-code-steps">${spec.steps.map((step, i) => variant(step, i === 0 ? null : i - 1)).join('')}</div>`;
}

function includeFile(file: string, lines: string | undefined, env: RenderEnv, line: number): string | { error: string } {
  const base = file.startsWith('./') || file.startsWith('../') ? env.ctx.deckDir : env.ctx.projectRoot;
  const absolute = path.resolve(base, file);
  if (!absolute.startsWith(env.ctx.projectRoot + path.sep)) {
    const error = `${file} is outside the project folder`;
    report(env, 'error', 'include-outside', `cannot include ${error}`, line);
    return { error };
  }
  const text = env.ctx.readFile(absolute);
  if (text === null) {
    const error = `${file} does not exist (paths are relative to the project root, or to the deck with ./)`;
    report(env, 'error', 'include-missing', `cannot include ${error}`, line);
    return { error };
  }
  const all = text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  if (lines === undefined) return all.join('\n');
  const range = /^(\d+)(?:-(\d+))?$/.exec(lines.trim());
  if (!range) {
    report(env, 'warning', 'include-lines', `lines=${lines} is not a range like 10-20: including the whole file`, line);
    return all.join('\n');
  }
  const from = Number(range[1]);
  const to = range[2] === undefined ? from : Number(range[2]);
  if (from < 1 || to < from || from > all.length) {
    report(env, 'warning', 'include-lines', `lines=${lines} is outside ${file} (${all.length} lines): including the whole file`, line);
    return all.join('\n');
  }
  return all.slice(from - 1, to).join('\n');
}

function guessLanguage(file: string | undefined): string {
  if (!file) return '';
  const ext = path.extname(file).slice(1).toLowerCase();
  const byExt: Record<string, string> = { sh: 'bash', py: 'python', yml: 'yaml', h: 'c', js: 'javascript', ts: 'typescript', md: 'markdown' };
  if (path.basename(file).toLowerCase() === 'dockerfile') return 'dockerfile';
  return byExt[ext] ?? ext;
}

/** A visible inline error box (used when part of a slide cannot render). */
export function inlineError(title: string, message: string): string {
  return `<div class="ptydeck-inline-error" role="alert"><strong>${escapeHtml(title)}</strong> ${escapeHtml(message)}</div>`;
}
