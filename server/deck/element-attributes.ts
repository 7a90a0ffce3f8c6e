// markdown-it core rule: `<!-- .element: … -->` sets attributes on the element before it,
// as reveal.js does: the nearest previous sibling element, else the parent element.
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import type { RenderEnv } from './render-env.ts';
import { report } from './render-env.ts';
import { parseAttributes } from './html-attributes.ts';

const ELEMENT_COMMENT = /<!--\s*\.element:\s*([\s\S]*?)-->/g;
const ONLY_ELEMENT_COMMENTS = /^(\s*<!--\s*\.element:[\s\S]*?-->\s*)+$/;

/** Registers the rule on a markdown-it instance. */
export function elementAttributes(md: MarkdownIt): void {
  md.core.ruler.push('ptydeck_element_attributes', (state) => {
    const env = state.env as RenderEnv;
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.type === 'html_block' && ONLY_ELEMENT_COMMENTS.test(token.content)) {
        const target = previousSiblingBlock(tokens, i);
        applyComments(token.content, target, env, token.map?.[0] ?? 0);
        token.content = '';
      } else if (token.type === 'inline' && token.children) {
        applyInline(tokens, i, env);
      }
    }
  });
}

function applyInline(tokens: Token[], index: number, env: RenderEnv): void {
  const inline = tokens[index]!;
  const children = inline.children!;
  for (let c = 0; c < children.length; c++) {
    const child = children[c]!;
    if (child.type !== 'html_inline' || !child.content.includes('.element:')) continue;
    const target = previousSiblingInline(children, c) ?? parentBlock(tokens, index);
    applyComments(child.content, target, env, inline.map?.[0] ?? 0);
    child.content = '';
    // `text <!-- .element -->`: the space before the comment is not part of the text.
    const before = children[c - 1];
    if (before?.type === 'text') before.content = before.content.replace(/\s+$/, '');
  }
}

function applyComments(text: string, target: Token | null, env: RenderEnv, line: number): void {
  for (const match of text.matchAll(ELEMENT_COMMENT)) {
    if (!target) {
      report(env, 'warning', 'element-no-target', '<!-- .element: --> has no element before it to apply to', line);
      continue;
    }
    const parsed = parseAttributes(match[1]!);
    for (const name of parsed.refused) {
      report(env, 'warning', 'attribute-refused', `attribute "${name}" is not allowed in .element (event handlers and malformed names are dropped)`, line);
    }
    for (const [name, value] of parsed.attributes) {
      if (name === 'class') target.attrJoin('class', value);
      else target.attrSet(name, value);
    }
  }
}

/** The open token of the block just before `index` at the same nesting level. */
function previousSiblingBlock(tokens: Token[], index: number): Token | null {
  const level = tokens[index]!.level;
  for (let j = index - 1; j >= 0; j--) {
    const t = tokens[j]!;
    if (t.level < level) return null;
    if (t.level !== level) continue;
    if (t.nesting === 0) return t.type === 'html_block' && t.content === '' ? null : t;
    if (t.nesting === -1) return matchingOpen(tokens, j);
    return null;
  }
  return null;
}

function previousSiblingInline(children: Token[], index: number): Token | null {
  let depth = 0;
  for (let j = index - 1; j >= 0; j--) {
    const t = children[j]!;
    if (t.nesting === -1) {
      if (depth === 0) return matchingOpen(children, j);
      depth++;
    } else if (t.nesting === 1) {
      if (depth === 0) return null; // we are inside this element: the parent rule applies
      depth--;
    } else if (depth === 0 && (t.type === 'image' || t.type === 'code_inline')) {
      return t;
    }
  }
  return null;
}

function matchingOpen(tokens: Token[], closeIndex: number): Token | null {
  const close = tokens[closeIndex]!;
  for (let j = closeIndex - 1; j >= 0; j--) {
    const t = tokens[j]!;
    if (t.nesting === 1 && t.level === close.level && t.tag === close.tag) return t;
  }
  return null;
}

/** The visible element containing an inline token (a tight list's hidden <p> is skipped). */
function parentBlock(tokens: Token[], inlineIndex: number): Token | null {
  for (let j = inlineIndex - 1; j >= 0; j--) {
    const t = tokens[j]!;
    if (t.nesting === 1 && !t.hidden) return t;
    if (t.nesting === -1) return null;
  }
  return null;
}
