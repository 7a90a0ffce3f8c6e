// The presenter's keys for demos, registered with reveal.js's addKeyBinding so they work from
// the keyboard, a clicker and the speaker view alike (it forwards keys with triggerKey, which
// reads these bindings but never sees DOM listeners). Only on a page holding the token.
//
//   Space, →, N, Page Down   run the current slide's demo's next step while it has one left;
//                            then next fragment or slide, as reveal does
//   A                        run all remaining steps
//   I                        interrupt (Ctrl-C to what runs)
//   R                        reset the demo
//   Esc                      (in a focused interactive terminal) give the keyboard back to the deck
//
// Left, Up, P, Page Up are reveal's own and still go back. Shift or Alt with a "next" key is
// reveal's own too (Shift+Space back, Alt skips fragments: and steps). I and R are unused by
// reveal; A is its auto-slide toggle, so A is left alone on decks that auto-slide.
import type { RevealApi } from 'reveal.js';
import type { DemoAction } from './controls-bar.ts';
import type { DemoController } from './demo-controller.ts';
import { toDisposable, type Disposable } from './disposable.ts';
import { hasStepsLeft } from './driver.ts';
import type { DemoMounts } from './mount-demos.ts';
import { NEXT_KEY_CODES, revealNextKey, type KeyLike } from './reveal-next-key.ts';

export interface KeySpec {
  readonly key: string;
  readonly keyCodes: readonly number[];
  readonly description: string;
}

/** The keys, as documented above; the help overlay (`?`) lists them too. */
export const keys = {
  next: {
    key: 'SPACE, →, N, PG DN',
    keyCodes: Object.values(NEXT_KEY_CODES),
    description: "Demo: next step (then next slide as usual)",
  },
  runAll: { key: 'A', keyCodes: [65], description: 'Demo: run all remaining steps' },
  interrupt: { key: 'I', keyCodes: [73], description: 'Demo: interrupt (Ctrl-C)' },
  reset: { key: 'R', keyCodes: [82], description: 'Demo: reset' },
  leaveTerminal: { key: 'ESC', keyCodes: [27], description: 'Interactive demo: give the keyboard back to the deck' },
} as const satisfies Record<string, KeySpec>;

/** Registers the demo keys; disposing removes them. */
export function installKeyBindings(deck: RevealApi, mounts: DemoMounts): Disposable {
  const bound: number[] = [];
  const bind = (spec: KeySpec, handler: (event: KeyLike) => void) => {
    spec.keyCodes.forEach((keyCode, i) => {
      // One row in the help overlay per spec: it lists bindings that have key and description.
      deck.addKeyBinding(i === 0 ? { keyCode, key: spec.key, description: spec.description } : keyCode, handler);
      bound.push(keyCode);
    });
  };
  const withDemo = (action: Exclude<DemoAction, 'step'>) => () => {
    const demo = mounts.current().find((c) => c.can[action]);
    if (demo) void demo.perform(action);
  };

  bind(keys.next, (event) => {
    if (!event.shiftKey && !event.altKey && !deck.isOverview()) {
      const demo = mounts.current().find((c: DemoController) => c.can.step && hasStepsLeft(c.state));
      if (demo) {
        void demo.perform('step');
        return;
      }
    }
    revealNextKey(deck, event);
  });
  if (!deck.getConfig().autoSlide) bind(keys.runAll, withDemo('runAll'));
  bind(keys.interrupt, withDemo('interrupt'));
  bind(keys.reset, withDemo('reset'));

  return toDisposable(() => {
    for (const keyCode of bound) deck.removeKeyBinding(keyCode);
  });
}
