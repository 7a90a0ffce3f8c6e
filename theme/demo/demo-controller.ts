// One demo placeholder on the page: its driver, badge and buttons for as long as the page
// lives, and a terminal only while its slide is current (mount/unmount).
import { describeBadge, renderBadge } from './badge.ts';
import { createControlsBar, type ControlsBar, type DemoAction } from './controls-bar.ts';
import { DisposableStore, toDisposable, type Disposable } from './disposable.ts';
import type { ActionResult, DemoDriver, DriverCapabilities, DriverState, OutputEvent, RunAllResult, StepResult } from './driver.ts';
import type { KeyboardPause } from './keyboard-pause.ts';
import { transcriptText, type DemoPlaceholder } from './placeholder.ts';
import { keepFocusOnDeck, wireInteractiveInput } from './terminal-focus.ts';
import { mountTerminal, type TerminalView } from './terminal-view.ts';

export interface ActionResults {
  step: StepResult;
  runAll: RunAllResult;
  interrupt: ActionResult;
  reset: ActionResult;
}

export class DemoController implements Disposable {
  private readonly store = new DisposableStore();
  private readonly controls: ControlsBar | null;
  private mountStore: DisposableStore | null = null;
  private view: TerminalView | null = null;
  /** True once this mount drew a screen (the transcript is replaced). */
  private shown = false;
  private waiters: Array<() => void> = [];

  constructor(
    readonly placeholder: DemoPlaceholder,
    private readonly driver: DemoDriver,
    private readonly keyboard: KeyboardPause,
  ) {
    this.store.add(driver);
    this.controls = placeholder.bar ? this.store.add(createControlsBar(placeholder.bar, (action) => void this.perform(action))) : null;
    placeholder.badge?.setAttribute('role', 'status');
    this.store.add(toDisposable(() => this.unmount()));
    this.refresh(driver.state);
  }

  get id(): string {
    return this.placeholder.ref.id;
  }

  get can(): DriverCapabilities {
    return this.driver.can;
  }

  get state(): DriverState {
    return this.driver.state;
  }

  get mounted(): boolean {
    return this.mountStore !== null;
  }

  /** A terminal is on the slide (rather than the transcript). */
  get showingScreen(): boolean {
    return this.view !== null;
  }

  /** Attaches the driver; its first screen replaces the transcript. Idempotent. */
  mount(): void {
    if (this.mountStore) return;
    const store = (this.mountStore = new DisposableStore());
    this.shown = false;
    // Registered before attaching, so it is disposed after the driver detached.
    store.add(toDisposable(() => {
      this.view?.dispose();
      this.view = null;
      this.placeholder.figure.classList.remove('ptydeck-live');
    }));
    store.add(this.driver.attach((event, written) => this.write(event, written), (state) => this.refresh(state)));
  }

  /** Detaches and disposes the terminal; the transcript is back. Idempotent. */
  unmount(): void {
    if (!this.mountStore) return;
    this.mountStore.dispose();
    this.mountStore = null;
    this.refresh(this.driver.state);
  }

  /** Resolves once the mounted demo shows what it will show: a screen, or the transcript. */
  settled(): Promise<void> {
    if (this.isSettled()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Runs an action; the result's error (busy, offline, …) is also shown in the badge's tooltip. */
  async perform<A extends DemoAction>(action: A): Promise<ActionResults[A]> {
    const result = (await this.driver[action]()) as ActionResults[A];
    await this.flush();
    if (!result.ok) {
      console.warn(`ptydeck: demo "${this.id}": ${result.error.message}`);
      if (this.placeholder.badge) this.placeholder.badge.title = result.error.message;
    }
    return result;
  }

  /** Resolves once every output received so far is in the terminal's buffer. */
  flush(): Promise<void> {
    return this.view?.flush() ?? Promise.resolve();
  }

  /** The terminal's text, or the transcript's when no terminal is on the slide. */
  text(): string {
    return this.view ? this.view.text() : transcriptText(this.placeholder);
  }

  dispose(): void {
    this.store.dispose();
  }

  private write(event: OutputEvent, written?: () => void): Promise<void> {
    const store = this.mountStore;
    if (!store) return Promise.resolve();
    if (!this.view) {
      // With nothing drawn yet the transcript is on show: a notice has nothing to annotate.
      if (event.kind === 'notice') return Promise.resolve();
      this.view = this.createView(store);
    }
    const done = this.view.write(event, written);
    if (event.kind === 'screen' && !this.shown) {
      this.shown = true;
      this.refresh(this.driver.state);
    }
    return done;
  }

  private createView(store: DisposableStore): TerminalView {
    const input = this.driver.can.input;
    const view = mountTerminal(this.placeholder, { stdin: input });
    this.placeholder.figure.classList.add('ptydeck-live');
    this.placeholder.figure.classList.toggle('ptydeck-interactive', input);
    store.add(input ? wireInteractiveInput(view, this.driver, this.keyboard) : keepFocusOnDeck(view));
    return view;
  }

  private refresh(state: DriverState): void {
    if (this.placeholder.badge) renderBadge(this.placeholder.badge, describeBadge(state, this.showingScreen));
    this.controls?.update(this.driver.can, state);
    if (this.isSettled()) {
      const waiters = this.waiters;
      this.waiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private isSettled(): boolean {
    if (!this.mountStore) return false;
    if (this.shown) return true;
    const kind = this.driver.state.kind;
    return kind === 'transcript' || kind === 'offline';
  }
}
