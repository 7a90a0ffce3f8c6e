// A one-event emitter whose listeners are removed by disposing, never by `off` (STYLE.md 7).
import { toDisposable, type Disposable } from './disposable.ts';

export class Signal<T> implements Disposable {
  private readonly listeners = new Set<(value: T) => void>();

  /** Adds a listener; dispose the result to remove it. */
  on(listener: (value: T) => void): Disposable {
    this.listeners.add(listener);
    return toDisposable(() => this.listeners.delete(listener));
  }

  /** Calls every listener; a throwing listener is reported and does not stop the others. */
  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        console.error('ptydeck: a demo listener threw', error);
      }
    }
  }

  /** Removes every listener. */
  dispose(): void {
    this.listeners.clear();
  }
}
