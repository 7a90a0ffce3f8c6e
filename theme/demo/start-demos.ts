// The demo side of a deck page at start-up: the scripting API at once, and the demo part
// (demo-part.ts: xterm.js, drivers, controls, keys) loaded only when a demo slide comes near or
// a script asks for a demo. A first slide without a demo loads none of it.
// theme/main.ts calls startDemos once reveal.js exists.
import type { RevealApi } from 'reveal.js';
import type { DeckPageConfig } from '../../protocol/deck-config.ts';
import { BUNDLE_FILES, BUNDLE_GLOBALS } from '../../protocol/browser-bundle.ts';
import { loadedGlobal, loadScript, loadStyle } from '../load-asset.ts';
import { DisposableStore, type Disposable } from './disposable.ts';
import type { DemoMounts } from './mount-demos.ts';
import { watchNearbyDemos } from './nearby-demos.ts';
import { installScriptingApi } from './scripting-api.ts';

type DemoPart = typeof import('./demo-part.ts');

/**
 * Starts the deck's demos. `token` is the presenter's (token.ts), or null on a viewer's page:
 * a viewer watches live demos but cannot act on them (recordings replay for anyone).
 */
export function startDemos(deck: RevealApi, config: DeckPageConfig, token: string | null): Disposable {
  const store = new DisposableStore();
  let mounts: Promise<DemoMounts> | null = null;
  let loaded: DemoMounts | null = null;
  const load = (): Promise<DemoMounts> =>
    (mounts ??= Promise.all([loadStyle(BUNDLE_FILES.demosStyle), loadScript(BUNDLE_FILES.demosScript)]).then(() => {
      // The stylesheet first: a terminal measures its font when it mounts.
      const side = store.add(loadedGlobal<DemoPart>(BUNDLE_GLOBALS.demos).startDemoSide(deck, config, token));
      return side.mounts.then((m) => (loaded = m));
    }));
  store.add(watchNearbyDemos(deck, () => void load().catch((error: unknown) => console.error(error))));
  store.add(installScriptingApi(deck, { load, get loaded() { return loaded; } }));
  return store;
}
