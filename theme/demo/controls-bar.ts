// The step / run all / interrupt / reset buttons in a demo's title bar. Each shows only when the
// driver's `can` flag grants it (a viewer sees none), and is disabled when it cannot act now.
import { DisposableStore, listen, toDisposable, type Disposable } from './disposable.ts';
import { hasStepsLeft, progressOf, type DriverCapabilities, type DriverState } from './driver.ts';

export type DemoAction = 'step' | 'runAll' | 'interrupt' | 'reset';

interface ButtonSpec {
  readonly action: DemoAction;
  /** SVG path data on a 16×16 grid: ⏭ and ⏹ are missing from many monospace fonts. */
  readonly icon: string;
  readonly label: string;
}

/** In the order they sit in the bar; the labels name the keys (key-bindings.ts). */
const BUTTONS: readonly ButtonSpec[] = [
  { action: 'step', icon: 'M5 3l7 5-7 5z', label: 'Run the next step (Space)' },
  { action: 'runAll', icon: 'M1.5 3l5.5 5-5.5 5zM7 3l5.5 5L7 13zM12.6 3h1.9v10h-1.9z', label: 'Run all remaining steps (A)' },
  { action: 'interrupt', icon: 'M4 4h8v8H4z', label: 'Interrupt, like Ctrl-C (I)' },
  {
    action: 'reset',
    icon: 'M8 2.2a5.8 5.8 0 1 1-5.5 4l1.8.6A3.9 3.9 0 1 0 8 4.1V6.4L4.6 3.3 8 0z',
    label: 'Reset the demo (R)',
  },
];

const SVG_NS = 'http://www.w3.org/2000/svg';

function icon(path: string): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const shape = document.createElementNS(SVG_NS, 'path');
  shape.setAttribute('d', path);
  svg.append(shape);
  return svg;
}

/** Whether `action` can do something in `state`. */
function enabled(action: DemoAction, state: DriverState): boolean {
  const progress = state.kind === 'live' || state.kind === 'recorded' ? progressOf(state) : null;
  if (!progress) return false;
  const busy = progress.status === 'running' || progress.status === 'starting' || progress.status === 'resetting';
  switch (action) {
    case 'step':
    case 'runAll':
      return !busy && hasStepsLeft(state);
    case 'interrupt':
      return progress.status !== 'finished' && progress.status !== 'disposed';
    case 'reset':
      return progress.status !== 'resetting' && progress.status !== 'disposed';
  }
}

export interface ControlsBar extends Disposable {
  update(can: DriverCapabilities, state: DriverState): void;
}

/** Adds the buttons to `bar`, right after the badge; `run` performs an action. */
export function createControlsBar(bar: HTMLElement, run: (action: DemoAction) => void): ControlsBar {
  const store = new DisposableStore();
  const group = document.createElement('span');
  group.className = 'ptydeck-demo-controls';
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', 'Demo controls');
  group.hidden = true;
  const buttons = BUTTONS.map((spec) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'ptydeck-demo-button';
    button.dataset.action = spec.action;
    button.append(icon(spec.icon));
    button.title = spec.label;
    button.setAttribute('aria-label', spec.label);
    // A click must not leave focus on the button, or the next Space would press it again.
    store.add(listen(button, 'mousedown', (event) => event.preventDefault()));
    store.add(listen(button, 'click', () => run(spec.action)));
    // Space or Enter on a tabbed-to button presses it; reveal.js must not also take it as "next".
    store.add(listen(button, 'keydown', (event) => {
      if (event.key === ' ' || event.key === 'Enter') event.stopPropagation();
    }));
    group.append(button);
    return { spec, button };
  });
  const badge = bar.querySelector('.ptydeck-demo-badge');
  bar.insertBefore(group, badge ? badge.nextSibling : bar.firstChild);
  store.add(toDisposable(() => group.remove()));

  return {
    update(can, state) {
      let shown = 0;
      for (const { spec, button } of buttons) {
        button.hidden = !can[spec.action];
        button.disabled = !enabled(spec.action, state);
        if (!button.hidden) shown += 1;
      }
      group.hidden = shown === 0;
    },
    dispose: () => store.dispose(),
  };
}
