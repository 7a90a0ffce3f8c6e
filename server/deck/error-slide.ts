// The visible slide that lists a deck's problems, so a broken deck is never a blank page.
import type { Diagnostic } from '../../protocol/diagnostic.ts';
import { escapeHtml } from './html-attributes.ts';

/** Renders diagnostics as the deck's first slide. */
export function renderErrorSlide(diagnostics: readonly Diagnostic[]): string {
  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  const items = diagnostics
    .map((d) => `<li class="${d.severity}"><code>${escapeHtml(d.file)}:${d.line}</code> ${escapeHtml(d.message)}</li>`)
    .join('\n');
  const heading = hasErrors ? 'This deck has problems' : 'This deck has warnings';
  return `<section class="ptydeck-error" data-state="ptydeck-error"><h2>${heading}</h2><ul class="ptydeck-diagnostics">\n${items}\n</ul></section>\n`;
}
