// The presenter's keys for demos, registered with reveal.js's addKeyBinding so they work from
// the keyboard, a clicker and the speaker view alike (it forwards keys with triggerKey, which
// reads these bindings but never sees DOM listeners). Only on a page holding the token.
//
//   Space, →, N, Page Down   run the current slide's demo's next step while it has one left;
//                            then next fragment or slide, as reveal does
//   A                        run all remaining steps
//   I                        interrupt (Ctrl-C to what runs)
//   R                        reset the demo
//   T                        switch the demo between its live run and its recording, at the
//                            same step (the step that failed, if one did); T again goes back
//   Esc                      (in a focused interactive terminal) give the keyboard back to the deck
//
// During a recorded step, next shows the rest of that step at once (an impatient presenter
// skips ahead; a press is never swallowed).
//
// Left, Up, P, Page Up are reveal's own and still go back. Shift or Alt with a "next" key is
// reveal's own too (Shift+Space back, Alt skips fragments: and steps). I, R and T are unused by
// reveal (it ignores any letter with Shift, so Shift+R could not be bound); A is its auto-slide
// toggle, so A is left alone on decks that auto-slide.
import type { RevealApi } from 'reveal.js';
import type { DemoAction } from './controls-bar.ts';
import type { DemoController } from './demo-controller.ts';
import { toDisposable, type Disposable } from './disposable.ts';
import { hasStepsLeft } from './driver.ts';
import type { DemoMounts } from './mount-demos.ts';
import type { DriverChooser } from './choose-driver.ts';
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
  switchSource: { key: 'T', keyCodes: [84], description: 'Demo: switch between live and its recording' },
  leaveTerminal: { key: 'ESC', keyCodes: [27], description: 'Interactive demo: give the keyboard back to the deck' },
} as const satisfies Record<string, KeySpec>;

/** Registers the demo keys; `sources` switches a demo to its recording. Disposing removes them. */
export function installKeyBindings(deck: RevealApi, mounts: DemoMounts, sources: Pick<DriverChooser, 'toggle'>): Disposable {
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
  bind(keys.switchSource, () => {
    for (const demo of mounts.current()) if (sources.toggle(demo.id)) return;
  });

  return toDisposable(() => {
    for (const keyCode of bound) deck.removeKeyBinding(keyCode);
  });
}
