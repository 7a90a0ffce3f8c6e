// Renders a ```demo block as a terminal transcript placeholder and adds it to the manifest.
import type { Token } from 'markdown-it';
import type { RenderEnv } from './render-env.ts';
import { report } from './render-env.ts';
import type { FenceInfo } from './fence-info.ts';
import { parseDemo } from './demo-block.ts';
import { escapeHtml, renderAttributes } from './html-attributes.ts';
import { inlineError } from './code-fence.ts';

/** Renders the placeholder; a bad block still shows its transcript under an error box. */
export function renderDemoFence(token: Token, info: FenceInfo, env: RenderEnv): string {
  const offset = token.map?.[0] ?? 0;
  const parsed = parseDemo(info, token.content, env.ctx.deck, env.lineBase + offset, env.ctx.projectRoot);
  for (const p of parsed.problems) report(env, p.severity, p.code, p.message, offset + p.offset);
  let errorHtml = '';
  if (parsed.entry) {
    if (env.ctx.demos.some((d) => d.id === parsed.entry!.id)) {
      report(env, 'error', 'demo-id-duplicate', `demo id "${parsed.id}" is used twice in this deck: ids must be unique`, offset);
      errorHtml = inlineError('Duplicate demo id', `"${parsed.id}" is already used in this deck`);
    } else {
      env.ctx.demos.push(parsed.entry);
    }
  } else {
    const first = parsed.problems.find((p) => p.severity === 'error');
    errorHtml = inlineError('This demo cannot run', first?.message ?? 'invalid demo block');
  }
  const { cols, rows } = parsed.options;
  const transcript = parsed.steps
    .map((step) => {
      const cmd = `<span class="ptydeck-step"><span class="ptydeck-prompt">$ </span><span class="ptydeck-cmd">${escapeHtml(step.command)}</span></span>\n`;
      return cmd + step.expect.map((line) => `<span class="ptydeck-out">${escapeHtml(line)}</span>\n`).join('');
    })
    .join('');
  const requires = parsed.requires.length ? `<span class="ptydeck-demo-requires">${escapeHtml(parsed.requires.join(' · '))}</span>` : '';
  const title = parsed.title ? `<figcaption class="ptydeck-demo-title">${escapeHtml(parsed.title)}</figcaption>` : '';
  const attrs = renderAttributes([
    ['class', 'ptydeck-demo'],
    ['data-deck', env.ctx.deck],
    ['data-demo', parsed.id],
    ['data-cols', String(cols)],
    ['data-rows', String(rows)],
    ...(parsed.options.interactive ? ([['data-interactive', 'true']] as const) : []),
    ['style', `--cols:${cols};--rows:${rows}`],
    ...(token.attrs ?? []),
  ]);
  return (
    `${errorHtml}<figure${attrs}>${title}` +
    `<div class="ptydeck-demo-bar"><span class="ptydeck-demo-badge" data-state="transcript">transcript</span>${requires}</div>` +
    `<div class="ptydeck-terminal"><pre class="ptydeck-transcript"><code>${transcript}</code></pre></div></figure>\n`
  );
}
