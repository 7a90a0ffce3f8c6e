// Entry of the lazily loaded demo part (ptydeck-demos.js): xterm.js, the drivers (live,
// recording, transcript), the controls and the presenter's keys. start-demos.ts loads it when a
// demo slide comes near; until then a deck page carries none of it.
import '@xterm/xterm/css/xterm.css';
import '../styles/terminal.css';
import type { RevealApi } from 'reveal.js';
import type { DeckPageConfig } from '../../protocol/deck-config.ts';
import { createDriverChooser, pageFacts } from './choose-driver.ts';
import { DemoController } from './demo-controller.ts';
import { DisposableStore } from './disposable.ts';
import type { DemoDriver } from './driver.ts';
import { installKeyBindings } from './key-bindings.ts';
import { createKeyboardPause } from './keyboard-pause.ts';
import { mountDemos, type DemoMounts } from './mount-demos.ts';
import { readPlaceholder, type DemoPlaceholder } from './placeholder.ts';
import { readReplaySources } from './replay-sources.ts';

/**
 * Set by Vite's `define` (server/site/build-browser.ts): false in the static bundle, so the
 * branch below, the live driver and socket.io-client are dropped from a published site.
 */
declare const __PTYDECK_LIVE__: boolean;

type LiveFactory = (placeholder: DemoPlaceholder) => DemoDriver;

/**
 * The live module is imported only when the config names a server (and --offline is off), so
 * a static page never opens a connection; null when there is no live side.
 */
async function liveFactory(config: DeckPageConfig, token: string | null, store: DisposableStore): Promise<LiveFactory | null> {
  if (!(__PTYDECK_LIVE__ && config.live && !config.offline)) return null;
  try {
    const { createLiveDrivers } = await import('./live-demos.ts');
    const live = store.add(createLiveDrivers(config.live.socketPath, token));
    return (placeholder) => live.create(placeholder);
  } catch (error) {
    console.error('ptydeck: live demos could not start; showing recordings and transcripts', error);
    return null;
  }
}

/** The started demo side: its mounts once the drivers are there, and how to end it. */
export interface DemoSide {
  readonly mounts: Promise<DemoMounts>;
  dispose(): void;
}

/**
 * Starts the deck's demos. `token` is the presenter's (token.ts), or null on a viewer's page:
 * a viewer watches live demos but cannot act on them (recordings replay for anyone).
 */
export function startDemoSide(deck: RevealApi, config: DeckPageConfig, token: string | null): DemoSide {
  const store = new DisposableStore();
  const keyboard = createKeyboardPause(deck);
  const sources = readReplaySources();
  const mounts: Promise<DemoMounts> = liveFactory(config, token, store).then((live) => {
    const chooser = createDriverChooser(pageFacts(config, live !== null), sources, live);
    const demos = store.add(
      mountDemos(deck, (figure) => {
        const placeholder = readPlaceholder(figure, config.deck);
        return placeholder ? new DemoController(placeholder, chooser.driverFor(placeholder), keyboard) : null;
      }),
    );
    // Every page: a recording is stepped by whoever watches it; a live demo refuses a viewer.
    store.add(installKeyBindings(deck, demos, chooser));
    return demos;
  });
  return { mounts, dispose: () => store.dispose() };
}
