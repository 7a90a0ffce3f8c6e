// markdown-it core rule: with `animateLists`, every list item becomes a reveal.js fragment.
import type { MarkdownIt } from 'markdown-it';
import type { RenderEnv } from './render-env.ts';

/** Registers the rule; it acts only when the deck's front matter sets `animateLists: true`. */
export function listFragments(md: MarkdownIt): void {
  md.core.ruler.push('ptydeck_list_fragments', (state) => {
    if (!(state.env as RenderEnv).ctx.animateLists) return;
    for (const token of state.tokens) {
      if (token.type !== 'list_item_open') continue;
      const classes = String(token.attrGet('class') ?? '');
      if (!/\bfragment\b/.test(classes)) token.attrJoin('class', 'fragment');
    }
  });
}
