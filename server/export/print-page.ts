// A built deck page made ready for print: each demo shows its final screen as text a reader can
// search and copy (the recording's last screen, replayed in a headless terminal; the Markdown
// transcript when a demo has none), and notes pages are set to be read on paper.
import { DECK_RECORDINGS_ID } from '../../protocol/deck-config.ts';
import { readAsciicast } from '../../protocol/asciicast/read.ts';
import { escapeHtml } from '../deck/html-attributes.ts';

/** The recordings a built deck page embeds (render-page.ts), as cast text by demo id. */
export function embeddedCasts(html: string): Map<string, string> {
  const match = new RegExp(`<script type="application/json" id="${DECK_RECORDINGS_ID}">([\\s\\S]*?)</script>`).exec(html);
  const casts = new Map<string, string>();
  if (!match) return casts;
  const parsed = JSON.parse(match[1]!) as Record<string, { cast?: unknown }>;
  for (const [id, entry] of Object.entries(parsed)) if (typeof entry.cast === 'string') casts.set(id, entry.cast);
  return casts;
}

/** Each recording's final screen as plain text, by demo id; unreadable recordings are left out. */
export async function finalScreens(casts: ReadonlyMap<string, string>): Promise<Map<string, string>> {
  const screens = new Map<string, string>();
  if (casts.size === 0) return screens;
  // Loaded only for a deck with recordings: importing xterm.js's CommonJS bundle runs Node's
  // export scanner over it, ~0.2 s of CPU that a deck without demos has no use for.
  const { replayScreen } = await import('../record/replay-screen.ts');
  for (const [id, cast] of casts) {
    const read = readAsciicast(cast);
    if (read.ok) screens.set(id, await replayScreen(read.recording));
  }
  return screens;
}

/**
 * Puts each screen into its demo's placeholder (server/deck/demo-fence.ts's markup: the
 * transcript's <code> and the badge), so the page prints the screen instead of the transcript.
 */
export function fillFinalScreens(html: string, screens: ReadonlyMap<string, string>): string {
  return html.replace(/<figure\b[^>]*\bdata-demo="([a-z0-9-]+)"[^>]*>[\s\S]*?<\/figure>/g, (figure, id: string) => {
    const screen = screens.get(id);
    if (screen === undefined) return figure;
    return figure
      .replace(/<span class="ptydeck-demo-badge" data-state="transcript">transcript<\/span>/, '<span class="ptydeck-demo-badge" data-state="recorded">recorded</span>')
      .replace(/<pre class="ptydeck-transcript"><code>[\s\S]*?<\/code><\/pre>/, () => `<pre class="ptydeck-transcript ptydeck-final-screen"><code>${escapeHtml(screen)}\n</code></pre>`);
  });
}

/**
 * reveal.js sets notes pages in its 18 px screen-overlay size, small print on a 1280 px page;
 * this sets them like a handout. Code blocks and demos drop their soft shadow: PDF cannot draw
 * a blur, so Chromium painted each shadow as a 300 dpi bitmap, which took most of page.pdf's
 * time and half the file's bytes, for a shade hardly seen on paper.
 */
const PRINT_STYLE = `<style data-ptydeck-print>
html.reveal-print .reveal .speaker-notes-pdf[data-layout=separate-page] { font-size: 28px; line-height: 1.45; padding: 56px 72px; }
html.reveal-print .reveal .slides pre.shiki, html.reveal-print .reveal .slides .ptydeck-demo { box-shadow: none; }
</style>
`;

/** Adds PRINT_STYLE after the page's stylesheets. */
export function addPrintStyle(html: string): string {
  return html.replace('</head>', `${PRINT_STYLE}</head>`);
}

/**
 * The printed page may load its own files (file:, and data:/blob: the page makes) and nothing
 * else: a deck's remote image or font would otherwise be fetched by the printing browser.
 */
const PRINT_POLICY = `<meta http-equiv="Content-Security-Policy" content="default-src file: data: blob: 'unsafe-inline' 'unsafe-eval'">`;

/** Puts PRINT_POLICY first in the head, before anything it governs. */
export function addPrintPolicy(html: string): string {
  return html.replace('<head>', `<head>\n${PRINT_POLICY}`);
}
