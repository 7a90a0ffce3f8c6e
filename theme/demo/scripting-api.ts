// The demos' part of the scripting API on `window.ptydeck` (theme/main.ts sets `deck`; this
// adds to the same object). Tests and tools drive live demos through it.
//
//   ptydeck.demos(): string[]
//       Ids of this deck's demos, in slide order.
//   ptydeck.demo(id): DemoHandle            (throws an Error naming `id` when the deck has none)
//     .show(): Promise<void>
//       Goes to the demo's slide (reveal's slide(h, v)) unless it is current, and resolves once
//       its terminal shows the server's screen or the recording's, or the transcript when the
//       demo has neither (choose-driver.ts decides which).
//     .step(), .runAll(), .interrupt(), .reset(): Promise<Ack>
//       show() first, then the action; resolves with the server's reply (or the driver's
//       refusal: { ok: false, error: { code, message } }) once the output received so far is in
//       the terminal. A step's output can still be arriving; poll text() for what you expect.
//       A recorded step resolves once it has played (step() during one shows the rest at once).
//     .state: DemoStateView        (a getter: a fresh plain object on every read)
//       { kind: 'transcript' | 'connecting' | 'live' | 'recorded' | 'offline',
//         status: 'idle' | 'ready' | 'running' | … | null, badge: 'ready' | 'ok' | …, label: the
//         badge's text, nextStep, steps, lastExit, lastTimedOut, message, mounted, can }
//     .text(): string
//       The terminal's buffer as plain text (each line right-trimmed, trailing blank lines
//       dropped); when no terminal is mounted, the Markdown transcript's text.
//
// Why navigate rather than mount off-screen: a terminal needs a laid-out slide to measure its
// font, the presenter and the test then see the same thing, and a screenshot shows it.
import type { RevealApi } from 'reveal.js';
import { describeBadge, type BadgeState } from './badge.ts';
import type { DemoController, ActionResults } from './demo-controller.ts';
import type { DemoAction } from './controls-bar.ts';
import { capabilities, progressOf, type DriverCapabilities, type DriverState } from './driver.ts';
import { DEMO_SELECTOR, readPlaceholder, transcriptText } from './placeholder.ts';
import { toDisposable, type Disposable } from './disposable.ts';
import type { DemoMounts } from './mount-demos.ts';
import type { DemoStatus } from '../../protocol/socket-events.ts';

/** Longest show() waits for a server's first screen; the transcript stays up after that. */
const SHOW_TIMEOUT_MS = 15_000;

export interface DemoStateView {
  readonly kind: DriverState['kind'];
  readonly status: DemoStatus | null;
  readonly badge: BadgeState;
  readonly label: string;
  readonly nextStep: number | null;
  readonly steps: number | null;
  readonly lastExit: number | null;
  readonly lastTimedOut: boolean;
  readonly message: string | null;
  readonly mounted: boolean;
  readonly can: DriverCapabilities;
}

export interface DemoHandle {
  show(): Promise<void>;
  step(): Promise<ActionResults['step']>;
  runAll(): Promise<ActionResults['runAll']>;
  interrupt(): Promise<ActionResults['interrupt']>;
  reset(): Promise<ActionResults['reset']>;
  readonly state: DemoStateView;
  text(): string;
}

/** What this module adds to window.ptydeck. */
export interface DemoScripting {
  demos(): string[];
  demo(id: string): DemoHandle;
}

/** Before the drivers are there (the live module is still loading). */
const STARTING: DemoStateView = {
  kind: 'connecting',
  status: null,
  badge: 'offline',
  label: 'starting',
  nextStep: null,
  steps: null,
  lastExit: null,
  lastTimedOut: false,
  message: null,
  mounted: false,
  can: capabilities({}),
};

function stateView(controller: DemoController | null | undefined): DemoStateView {
  if (!controller) return STARTING;
  const state = controller.state;
  const progress = progressOf(state);
  const badge = describeBadge(state, controller.showingScreen);
  return {
    kind: state.kind,
    status: progress?.status ?? null,
    badge: badge.state,
    label: badge.text,
    nextStep: progress?.nextStep ?? null,
    steps: progress?.steps ?? null,
    lastExit: progress?.lastExit ?? null,
    lastTimedOut: progress?.lastTimedOut ?? false,
    message: state.kind === 'offline' ? state.reason : (progress?.message ?? null),
    mounted: controller.mounted,
    can: controller.can,
  };
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void promise.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The demo part, loaded lazily (start-demos.ts): `load()` loads it if it is not yet there. */
export interface LazyDemoMounts {
  load(): Promise<DemoMounts>;
  /** The mounts once the part has loaded and its drivers are there, else null. */
  readonly loaded: DemoMounts | null;
}

/** Adds demos() and demo(id) to window.ptydeck; a demo's actions load the demo part first. */
export function installScriptingApi(deck: RevealApi, lazy: LazyDemoMounts): Disposable {
  const mounts = () => lazy.load();
  const controller = async (id: string): Promise<DemoController> => {
    const found = (await mounts()).get(id);
    if (!found) throw new Error(`ptydeck: this deck has no demo "${id}"`);
    return found;
  };
  const show = async (id: string): Promise<DemoController> => {
    const c = await controller(id);
    const slide = (await mounts()).slideOf(id);
    if (slide && deck.getCurrentSlide() !== slide) {
      const { h, v } = deck.getIndices(slide);
      deck.slide(h, v);
    }
    await withTimeout(c.settled(), SHOW_TIMEOUT_MS);
    await c.flush();
    return c;
  };
  const act = <A extends DemoAction>(id: string, action: A) => async (): Promise<ActionResults[A]> => (await show(id)).perform(action);
  const figures = () => [...document.querySelectorAll<HTMLElement>(DEMO_SELECTOR)];
  const ids = () => figures().map((f) => f.dataset.demo!);

  const api: DemoScripting = {
    demos: () => lazy.loaded?.ids() ?? ids(),
    demo(id) {
      if (!ids().includes(id)) throw new Error(`ptydeck: this deck has no demo "${id}"; its demos are: ${ids().join(', ') || 'none'}`);
      return {
        show: async () => void (await show(id)),
        step: act(id, 'step'),
        runAll: act(id, 'runAll'),
        interrupt: act(id, 'interrupt'),
        reset: act(id, 'reset'),
        get state() {
          return stateView(lazy.loaded?.get(id));
        },
        text() {
          const c = lazy.loaded?.get(id);
          if (c) return c.text();
          const figure = figures().find((f) => f.dataset.demo === id);
          const placeholder = figure ? readPlaceholder(figure, '') : null;
          return placeholder ? transcriptText(placeholder) : '';
        },
      };
    },
  };
  Object.assign(window.ptydeck, api);
  return toDisposable(() => {
    const target = window.ptydeck as Partial<DemoScripting>;
    delete target.demos;
    delete target.demo;
  });
}
