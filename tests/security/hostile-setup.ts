// Everything a hostile-browser attack needs, started together: the target (a real `ptydeck
// present` on a throwaway project), the hostile site on another loopback origin, and Chromium.
import { launchHostileChromium } from './hostile-chromium.ts';
import { hostileProject, TARGET_DECK } from './hostile-project.ts';
import { startHostilePageServer } from './hostile-page-server.ts';
import { startTarget } from './hostile-target.ts';
import { guessTokens, type Attack, type AttackContext } from './hostile-attack.ts';
import { socketFromForeignOrigin } from './hostile-socket-attack.ts';
import { fetchFromForeignOrigin } from './hostile-fetch-attack.ts';
import { frameFromForeignOrigin } from './hostile-frame-attack.ts';
import { dnsRebinding } from './hostile-rebinding-attack.ts';
import { viewerWithoutToken } from './hostile-viewer-attack.ts';

/** Every attack, in the order they run (the cheap ones first). */
export const ATTACKS: readonly Attack[] = [socketFromForeignOrigin, fetchFromForeignOrigin, frameFromForeignOrigin, dnsRebinding, viewerWithoutToken];

/** Starts the three; `close` ends them and removes the project. `guesses` tokens come from `seed`. */
export async function hostileSetup(seed: number, guesses: number): Promise<AttackContext & { close(): Promise<void> }> {
  const project = hostileProject({ 'target.md': TARGET_DECK });
  const [target, hostile, browser] = await Promise.all([startTarget(project.root, project.slides), startHostilePageServer(), launchHostileChromium()]);
  return {
    project,
    target,
    hostile,
    browser,
    guesses: guessTokens(guesses, seed),
    async close() {
      await browser.close();
      await hostile.close();
      await target.stop();
      project.remove();
    },
  };
}
