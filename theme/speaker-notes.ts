// reveal's speaker view, loaded when it is asked for: key S, a `?notes` URL, or a speaker view
// left open by a page that reloaded (it sends heartbeats to find the page again). The plugin
// weighs as much as the rest of ptydeck's start-up code, and audiences never use it.
import type { RevealApi } from 'reveal.js';
import { BUNDLE_FILES, BUNDLE_GLOBALS } from '../protocol/browser-bundle.ts';
import { loadedGlobal, loadScript } from './load-asset.ts';

type NotesPart = typeof import('./notes-part.ts');
type NotesPlugin = { open(): void };

/** The key reveal's Notes plugin binds (S), with its own description for the help overlay. */
const NOTES_KEY = { keyCode: 83, key: 'S', description: 'Speaker notes view' } as const;

/** The speaker view's message that a page (re)connecting to it listens for. */
function isHeartbeat(data: unknown): boolean {
  if (typeof data !== 'string') return false;
  try {
    const message = JSON.parse(data) as { namespace?: unknown; type?: unknown } | null;
    return message?.namespace === 'reveal-notes' && message.type === 'heartbeat';
  } catch {
    return false;
  }
}

/** Binds S and listens for an open speaker view; loads and registers the plugin on first need. */
export function installSpeakerNotes(deck: RevealApi): void {
  // The speaker view's own previews of the deck (`?receiver`) never open one.
  if (/receiver/i.test(window.location.search)) return;
  let plugin: Promise<NotesPlugin> | null = null;
  const ready = new Promise<void>((resolve) => (deck.isReady() ? resolve() : deck.on('ready', () => resolve())));
  const load = (): Promise<NotesPlugin> =>
    (plugin ??= Promise.all([loadScript(BUNDLE_FILES.notesScript), ready]).then(() => {
      window.removeEventListener('message', onMessage);
      // The plugin binds S itself, and its init opens the view for `?notes` and answers heartbeats.
      deck.removeKeyBinding(NOTES_KEY.keyCode);
      const instance = loadedGlobal<NotesPart>(BUNDLE_GLOBALS.notes).Notes() as unknown as NotesPlugin;
      deck.registerPlugin(instance as never);
      return instance;
    }));
  const onMessage = (event: MessageEvent) => {
    // The plugin reconnects on the next heartbeat, a second later.
    if (isHeartbeat(event.data)) void load();
  };
  window.addEventListener('message', onMessage);
  if (/[?&]notes/i.test(window.location.search)) void load();
  // Called within the key press, so the popup the plugin opens a moment later is still allowed.
  deck.addKeyBinding(NOTES_KEY, () => void load().then((notes) => notes.open(), (error: unknown) => console.error(error)));
}
