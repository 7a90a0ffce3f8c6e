// markdown-it core rule and renderer: images resolve against the deck's folder; a missing one
// is a diagnostic and a visible placeholder, never a broken image.
import path from 'node:path';
import type { MarkdownIt } from 'markdown-it';
import type { RenderEnv } from './render-env.ts';
import { report } from './render-env.ts';
import { escapeHtml } from './html-attributes.ts';

const REMOTE = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The file path a URL names. A malformed escape (`%E0%A4%A`) makes decodeURI throw, which
 * failed the whole slide's render; such a path names the file as written.
 */
function decodePath(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/** Registers the check (core rule) and the placeholder renderer for missing images. */
export function checkImages(md: MarkdownIt): void {
  md.core.ruler.push('ptydeck_check_images', (state) => {
    const env = state.env as RenderEnv;
    for (const token of state.tokens) {
      if (token.type !== 'inline' || !token.children) continue;
      for (const child of token.children) {
        if (child.type !== 'image') continue;
        const src = String(child.attrGet('src') ?? '');
        const line = token.map?.[0] ?? 0;
        if (src.startsWith('data:')) continue;
        if (REMOTE.test(src) || src.startsWith('//')) {
          report(env, 'warning', 'image-remote', `image ${src} is fetched from the network: copy it into the slides folder so the deck works offline`, line);
          continue;
        }
        const relative = decodePath(src.split(/[?#]/)[0]!);
        const absolute = path.resolve(env.ctx.deckDir, relative);
        if (!absolute.startsWith(env.ctx.deckDir + path.sep)) {
          report(env, 'error', 'image-outside', `image ${src} is outside the slides folder: move it into ${path.basename(env.ctx.deckDir)}/`, line);
          child.meta = { missing: true };
        } else if (!env.ctx.fileExists(absolute)) {
          report(env, 'error', 'image-missing', `image ${src} does not exist: add the file or fix the path (relative to the deck)`, line);
          child.meta = { missing: true };
        } else {
          const asset = path.relative(env.ctx.deckDir, absolute).split(path.sep).join('/');
          env.ctx.assets.add(asset);
          child.attrSet('src', env.ctx.assetPrefix + asset.split('/').map(encodeURIComponent).join('/'));
        }
      }
    }
  });
  const renderImage = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, index, options, env, self) => {
    const token = tokens[index]!;
    if ((token.meta as { missing?: boolean } | null)?.missing) {
      const alt = self.renderInlineAsText(token.children ?? [], options, env);
      return `<span class="ptydeck-inline-error" role="alert"><strong>Missing image</strong> ${escapeHtml(String(token.attrGet('src') ?? ''))}${alt ? ` (${escapeHtml(alt)})` : ''}</span>`;
    }
    return renderImage(tokens, index, options, env, self);
  };
}
