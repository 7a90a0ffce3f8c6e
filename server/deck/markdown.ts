// The deck's markdown-it instance. Plugin order and the fence chain are decided here, once.
import markdownit, { type MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import type { RenderEnv } from './render-env.ts';
import type { FenceInfo } from './fence-info.ts';
import { parseFenceInfo } from './fence-info.ts';
import { elementAttributes } from './element-attributes.ts';
import { listFragments } from './list-fragments.ts';
import { checkImages } from './check-images.ts';
import { renderDemoFence } from './demo-fence.ts';
import { renderCodeFence } from './code-fence.ts';

/** A fence transformer: returns HTML when it owns the block, undefined to pass it on. */
type FenceTransformer = (token: Token, info: FenceInfo, env: RenderEnv) => string | undefined;

/** First one that answers wins; the plain code renderer answers everything. */
const FENCE_CHAIN: readonly FenceTransformer[] = [
  (token, info, env) => (info.lang === 'demo' ? renderDemoFence(token, info, env) : undefined),
  (token, info, env) => renderCodeFence(token, info, env),
];

/** markdown-it plugins, in the order they run. */
const PLUGINS: ReadonlyArray<(md: MarkdownIt) => void> = [elementAttributes, listFragments, checkImages];

/** Creates the Markdown renderer decks use (HTML allowed: decks are the speaker's own). */
export function createMarkdown(): MarkdownIt {
  const md = markdownit({ html: true, linkify: true, typographer: false });
  for (const plugin of PLUGINS) md.use(plugin);
  md.renderer.rules.fence = (tokens, index, _options, renderEnv) => {
    const env = renderEnv as RenderEnv; // createMarkdown's callers always pass a RenderEnv
    const token = tokens[index]!;
    const info = parseFenceInfo(token.info);
    for (const transform of FENCE_CHAIN) {
      const html = transform(token, info, env);
      if (html !== undefined) return html;
    }
    return '';
  };
  return md;
}
