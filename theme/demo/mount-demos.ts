// Gives the current slide's demos a terminal and takes it away when the slide is left: reveal.js
// keeps every slide in the DOM, and a terminal per demo of a long deck would cost far too much.
import type { RevealApi } from 'reveal.js';
import type { DemoController } from './demo-controller.ts';
import { DisposableStore, toDisposable, type Disposable } from './disposable.ts';
import { DEMO_SELECTOR } from './placeholder.ts';

export interface DemoMounts extends Disposable {
  /** Controllers of the current slide's demos, in document order. */
  current(): DemoController[];
  /** Ids of the deck's demos, in slide order. */
  ids(): string[];
  /** The controller of demo `id` (made on first use), or null when the deck has none such. */
  get(id: string): DemoController | null;
  /** The slide section that holds demo `id`. */
  slideOf(id: string): HTMLElement | null;
}

/**
 * reveal.js 6 has isPrintView() at run time; its d.ts still names the old isPrintingPDF(),
 * which no longer exists. Ask for either.
 */
function isPrintView(deck: RevealApi): boolean {
  const api = deck as RevealApi & { isPrintView?: () => boolean; isPrintingPDF?: () => boolean };
  return api.isPrintView?.() ?? api.isPrintingPDF?.() ?? false;
}

/** Watches reveal's `ready` and `slidechanged`, and slide replacement in dev, to mount demos. */
export function mountDemos(deck: RevealApi, createController: (figure: HTMLElement) => DemoController | null): DemoMounts {
  const store = new DisposableStore();
  const controllers = new Map<HTMLElement, DemoController>();
  store.add(toDisposable(() => {
    for (const controller of controllers.values()) controller.dispose();
    controllers.clear();
  }));

  const figures = () => [...(deck.getSlidesElement() ?? document).querySelectorAll<HTMLElement>(DEMO_SELECTOR)];
  const controllerOf = (figure: HTMLElement): DemoController | null => {
    let controller = controllers.get(figure) ?? null;
    if (!controller && !store.isDisposed) {
      controller = createController(figure);
      if (controller) controllers.set(figure, controller);
    }
    return controller;
  };
  const currentFigures = (): HTMLElement[] => {
    if (!deck.isReady()) return [];
    const slide = deck.getCurrentSlide();
    return slide ? [...slide.querySelectorAll<HTMLElement>(DEMO_SELECTOR)] : [];
  };

  const sync = () => {
    for (const [figure, controller] of controllers) {
      if (figure.isConnected) continue; // slides replaced (a deck edit in dev): drop the old
      controller.dispose();
      controllers.delete(figure);
    }
    // A PDF shows every slide at once, as transcripts.
    const wanted = new Set(isPrintView(deck) ? [] : currentFigures());
    for (const [figure, controller] of controllers) if (!wanted.has(figure)) controller.unmount();
    for (const figure of wanted) controllerOf(figure)?.mount();
  };

  deck.on('ready', sync);
  deck.on('slidechanged', sync);
  store.add(toDisposable(() => {
    deck.off('ready', sync);
    deck.off('slidechanged', sync);
  }));
  const slides = deck.getSlidesElement() ?? document.querySelector<HTMLElement>('.reveal .slides');
  if (slides) {
    const observer = new MutationObserver(sync);
    observer.observe(slides, { childList: true });
    store.add(toDisposable(() => observer.disconnect()));
  }
  if (deck.isReady()) sync();

  return {
    current: () => currentFigures().map(controllerOf).filter((c): c is DemoController => c !== null),
    ids: () => figures().map((figure) => figure.dataset.demo ?? '').filter(Boolean),
    get(id) {
      const figure = figures().find((f) => f.dataset.demo === id);
      return figure ? controllerOf(figure) : null;
    },
    slideOf: (id) => figures().find((f) => f.dataset.demo === id)?.closest('section') ?? null,
    dispose: () => store.dispose(),
  };
}
