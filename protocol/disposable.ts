// Disposables: everything that holds a resource (a listener, a pty, a terminal, a socket, a
// timer) hands one back and is registered in a store when created (STYLE.md habit 7). Pure, so
// server/ and theme/ share it.

/** Something that releases a resource when disposed; disposing twice is harmless. */
export interface Disposable {
  dispose(): void;
}

/** Wraps a function as a disposable that runs it at most once. */
export function toDisposable(release: () => void): Disposable {
  let done = false;
  return {
    dispose() {
      if (done) return;
      done = true;
      release();
    },
  };
}

/** Holds disposables registered as they are created, and disposes them all, newest first. */
export class DisposableStore implements Disposable {
  private readonly items: Disposable[] = [];
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Registers a disposable (disposing it at once if the store is already disposed). */
  add<T extends Disposable>(item: T): T {
    if (this.disposed) item.dispose();
    else this.items.push(item);
    return item;
  }

  /** Disposes every registered item, newest first. */
  dispose(): void {
    this.disposed = true;
    while (this.items.length > 0) this.items.pop()?.dispose();
  }
}
