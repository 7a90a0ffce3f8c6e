// Disposables for the Node side: the shared implementation in protocol/.

export { DisposableStore, toDisposable, type Disposable } from '../../protocol/disposable.ts';
