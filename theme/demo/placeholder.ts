// Reads a compiled demo placeholder (server/deck/demo-fence.ts renders it): which demo, its
// size, and the elements the terminal, the badge and the controls live in.
import type { DemoRef } from '../../protocol/socket-events.ts';

/** Every demo placeholder of a page. */
export const DEMO_SELECTOR = 'figure.ptydeck-demo[data-demo]';

/** The terminal size when an attribute is missing or bad: the deck format's default. */
const DEFAULT_SIZE = { cols: 80, rows: 18 } as const;
/** Sizes beyond these are a broken attribute, not a terminal anyone can read on a slide. */
const MAX_SIZE = { cols: 500, rows: 200 } as const;

export interface DemoPlaceholder {
  readonly figure: HTMLElement;
  readonly ref: DemoRef;
  readonly cols: number;
  readonly rows: number;
  readonly interactive: boolean;
  /** `.ptydeck-terminal`: the transcript is in it, the terminal goes in it. */
  readonly box: HTMLElement;
  readonly transcript: HTMLElement | null;
  readonly bar: HTMLElement | null;
  readonly badge: HTMLElement | null;
}

function size(value: string | undefined, fallback: number, max: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 && n <= max ? n : fallback;
}

/** The placeholder's parts, or null when the markup is not a demo placeholder. */
export function readPlaceholder(figure: HTMLElement, fallbackDeck: string): DemoPlaceholder | null {
  const id = figure.dataset.demo;
  const box = figure.querySelector<HTMLElement>(':scope > .ptydeck-terminal');
  if (!id || !box) return null;
  return {
    figure,
    ref: { deck: figure.dataset.deck || fallbackDeck, id },
    cols: size(figure.dataset.cols, DEFAULT_SIZE.cols, MAX_SIZE.cols),
    rows: size(figure.dataset.rows, DEFAULT_SIZE.rows, MAX_SIZE.rows),
    interactive: figure.dataset.interactive === 'true',
    box,
    transcript: box.querySelector<HTMLElement>(':scope > .ptydeck-transcript'),
    bar: figure.querySelector<HTMLElement>(':scope > .ptydeck-demo-bar'),
    badge: figure.querySelector<HTMLElement>('.ptydeck-demo-badge'),
  };
}

/** The transcript as plain text, trailing blank lines trimmed (what a demo shows with no terminal). */
export function transcriptText(placeholder: DemoPlaceholder): string {
  return (placeholder.transcript?.textContent ?? '').replace(/\s+$/, '');
}
