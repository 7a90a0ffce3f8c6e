// Disposables for the browser side: the shared ones, and DOM listeners as disposables.
import { toDisposable, type Disposable } from '../../protocol/disposable.ts';

export { DisposableStore, toDisposable, type Disposable } from '../../protocol/disposable.ts';

/** Adds a DOM listener and returns the disposable that removes it. */
export function listen<K extends keyof HTMLElementEventMap>(
  target: HTMLElement,
  type: K,
  listener: (event: HTMLElementEventMap[K]) => void,
  options?: AddEventListenerOptions,
): Disposable {
  target.addEventListener(type, listener, options);
  return toDisposable(() => target.removeEventListener(type, listener, options));
}
