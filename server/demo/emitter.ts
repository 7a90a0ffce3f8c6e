// A tiny typed event emitter whose listeners are removed by disposing, never by `off`.

import { toDisposable, type Disposable } from './disposable.ts';

/**
 * Listener registration: every `on` returns the disposable that removes it. `E` maps each event
 * name (`noun:verb`) to the payload its listeners receive.
 */
export interface EventSource<E extends object> {
  on<K extends keyof E>(name: K, listener: (payload: E[K]) => void): Disposable;
}

/** Emits typed events to listeners; a throwing listener is reported, not propagated. */
export class Emitter<E extends object> implements EventSource<E> {
  private readonly listeners = new Map<keyof E, Set<(payload: never) => void>>();

  /** Adds a listener for one event; dispose the result to remove it. */
  on<K extends keyof E>(name: K, listener: (payload: E[K]) => void): Disposable {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    const entry = listener as (payload: never) => void;
    set.add(entry);
    return toDisposable(() => set.delete(entry));
  }

  /** Calls every listener of `name` with `payload`, in registration order. */
  emit<K extends keyof E>(name: K, payload: E[K]): void {
    const set = this.listeners.get(name);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as (p: E[K]) => void)(payload);
      } catch (error) {
        // One broken listener (a closed socket, say) must not stop the session or its peers.
        console.error(`ptydeck: a listener of "${String(name)}" threw`, error);
      }
    }
  }

  /** Removes every listener. */
  clear(): void {
    this.listeners.clear();
  }
}
