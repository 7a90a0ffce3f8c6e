// What reveal.js does for its "next" keys. A key binding replaces reveal's own handling of its
// key, so when the demo has no step left we do what reveal would have done. Mirrors the system
// bindings of reveal.js 6's js/controllers/keyboard.js (onDocumentKeyDown, step 3).
import type { RevealApi } from 'reveal.js';

/** Key codes of reveal's "next": what a presenter's clicker sends (PageDown or Right). */
export const NEXT_KEY_CODES = { space: 32, pageDown: 34, right: 39, n: 78 } as const;

/** The parts of a key event reveal reads; the speaker view's `triggerKey` sends keyCode alone. */
export type KeyLike = Pick<KeyboardEvent, 'keyCode'> & Partial<Pick<KeyboardEvent, 'shiftKey' | 'altKey'>>;

/** Performs reveal's own action for a "next" key. */
export function revealNextKey(deck: RevealApi, event: KeyLike): void {
  const skipFragments = Boolean(event.altKey);
  switch (event.keyCode) {
    case NEXT_KEY_CODES.space:
      if (deck.isOverview()) deck.toggleOverview(false);
      if (event.shiftKey) deck.prev({ skipFragments });
      else deck.next({ skipFragments });
      return;
    case NEXT_KEY_CODES.pageDown:
    case NEXT_KEY_CODES.n:
      deck.next({ skipFragments });
      return;
    case NEXT_KEY_CODES.right: {
      if (event.shiftKey) {
        deck.slide(deck.getHorizontalSlides().length - 1);
        return;
      }
      const config = deck.getConfig();
      const linear = config.navigationMode === 'linear' || !deck.hasHorizontalSlides() || !deck.hasVerticalSlides();
      if (!deck.isOverview() && linear) {
        if (config.rtl) deck.prev({ skipFragments });
        else deck.next({ skipFragments });
      } else {
        deck.right({ skipFragments });
      }
      return;
    }
  }
}
