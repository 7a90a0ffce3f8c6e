// Who gets the keyboard: an interactive demo's terminal takes typing while focused (reveal's
// keys paused, Escape gives focus back to the deck); any other terminal never keeps focus, so
// the clicker's keys always reach reveal.js.
import { DisposableStore, listen, toDisposable, type Disposable } from './disposable.ts';
import type { DemoDriver } from './driver.ts';
import type { KeyboardPause } from './keyboard-pause.ts';
import type { TerminalView } from './terminal-view.ts';

/** Keystrokes go to the demo while the terminal is focused; Escape leaves it. */
export function wireInteractiveInput(view: TerminalView, driver: DemoDriver, keyboard: KeyboardPause): Disposable {
  const store = new DisposableStore();
  const { terminal } = view;
  store.add(terminal.onData((data) => void driver.input(data)));
  terminal.attachCustomKeyEventHandler((event) => {
    if (event.key !== 'Escape') return true;
    // Stop it here: reveal's listener is back on the document by the time the event got there,
    // and would take this Escape as "overview".
    event.preventDefault();
    event.stopPropagation();
    if (event.type === 'keydown') terminal.blur();
    return false;
  });
  store.add(toDisposable(() => terminal.attachCustomKeyEventHandler(() => true)));
  const textarea = terminal.textarea;
  if (textarea) {
    let hold: Disposable | null = null;
    const release = () => {
      hold?.dispose();
      hold = null;
    };
    store.add(listen(textarea as HTMLElement, 'focus', () => (hold ??= keyboard.hold())));
    store.add(listen(textarea as HTMLElement, 'blur', release));
    store.add(toDisposable(release));
  }
  return store;
}

/** A non-interactive terminal hands focus straight back, so reveal.js keeps the keyboard. */
export function keepFocusOnDeck(view: TerminalView): Disposable {
  const textarea = view.terminal.textarea;
  if (!textarea) return toDisposable(() => {});
  return listen(textarea as HTMLElement, 'focus', () => textarea.blur());
}
