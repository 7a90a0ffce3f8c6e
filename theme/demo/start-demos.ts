// Entry of the demo side of a deck page: picks the drivers (live when the page names a demo
// server, the transcript otherwise), mounts terminals as slides change, binds the presenter's
// keys and adds the scripting API. theme/main.ts calls startDemos once reveal.js exists.
import '@xterm/xterm/css/xterm.css';
import '../styles/terminal.css';
import type { RevealApi } from 'reveal.js';
import type { DeckPageConfig } from '../../protocol/deck-config.ts';
import { DemoController } from './demo-controller.ts';
import { DisposableStore, type Disposable } from './disposable.ts';
import type { DemoDriver } from './driver.ts';
import { installKeyBindings } from './key-bindings.ts';
import { createKeyboardPause } from './keyboard-pause.ts';
import { mountDemos, type DemoMounts } from './mount-demos.ts';
import { readPlaceholder, type DemoPlaceholder } from './placeholder.ts';
import { installScriptingApi } from './scripting-api.ts';
import { createTranscriptDriver } from './transcript-driver.ts';

type DriverFactory = (placeholder: DemoPlaceholder) => DemoDriver;

/**
 * The live module is imported only when the config names a server, so a static page never
 * opens a connection (and a bundler that splits chunks never loads socket.io-client for it).
 */
async function driverFactory(config: DeckPageConfig, token: string | null, store: DisposableStore): Promise<DriverFactory> {
  if (!config.live) return () => createTranscriptDriver();
  try {
    const { createLiveDrivers } = await import('./live-demos.ts');
    const live = store.add(createLiveDrivers(config.live.socketPath, token));
    return (placeholder) => live.create(placeholder);
  } catch (error) {
    console.error('ptydeck: live demos could not start; showing transcripts', error);
    return () => createTranscriptDriver();
  }
}

/**
 * Starts the deck's demos. `token` is the presenter's (token.ts), or null on a viewer's page:
 * a viewer watches live demos but has no controls and no demo keys.
 */
export function startDemos(deck: RevealApi, config: DeckPageConfig, token: string | null): Disposable {
  const store = new DisposableStore();
  const keyboard = createKeyboardPause(deck);
  const mounts: Promise<DemoMounts> = driverFactory(config, token, store).then((create) => {
    const demos = store.add(
      mountDemos(deck, (figure) => {
        const placeholder = readPlaceholder(figure, config.deck);
        return placeholder ? new DemoController(placeholder, create(placeholder), keyboard) : null;
      }),
    );
    if (token && config.live) store.add(installKeyBindings(deck, demos));
    return demos;
  });
  store.add(installScriptingApi(deck, mounts));
  return store;
}
