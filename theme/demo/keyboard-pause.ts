// Pauses reveal.js's keyboard while a terminal takes typing, and gives it back afterwards.
import type { RevealApi } from 'reveal.js';
import { toDisposable, type Disposable } from './disposable.ts';

export interface KeyboardPause {
  /** Turns reveal's keyboard off until every hold is disposed. */
  hold(): Disposable;
}

export function createKeyboardPause(deck: RevealApi): KeyboardPause {
  let holders = 0;
  // The deck's own `keyboard` setting (true, or a map of custom keys) comes back unchanged.
  let saved: ReturnType<RevealApi['getConfig']>['keyboard'] = true;
  return {
    hold() {
      if (holders === 0) {
        saved = deck.getConfig().keyboard ?? true;
        deck.configure({ keyboard: false });
      }
      holders += 1;
      return toDisposable(() => {
        holders -= 1;
        if (holders === 0) deck.configure({ keyboard: saved });
      });
    },
  };
}
