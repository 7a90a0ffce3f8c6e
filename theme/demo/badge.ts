// The badge over a demo terminal: which of base.css's states it is in, and what it says.
import type { DemoProgress, DriverState } from './driver.ts';

/** `data-state` values base.css styles (`transcript` is the compiled placeholder's own). */
export type BadgeState = 'transcript' | 'ready' | 'running' | 'ok' | 'failed' | 'offline' | 'recorded';

export interface BadgeView {
  readonly state: BadgeState;
  readonly text: string;
  /** A longer sentence for the tooltip (the failure message, the step count), or ''. */
  readonly title: string;
}

function stepsRun(progress: DemoProgress): string {
  return progress.steps > 0 ? `${progress.nextStep} of ${progress.steps} steps ran` : '';
}

function progressBadge(progress: DemoProgress): BadgeView {
  const title = progress.message ?? stepsRun(progress);
  switch (progress.status) {
    case 'running': {
      const step = (progress.runningStep ?? progress.nextStep) + 1;
      return { state: 'running', text: `running step ${Math.min(step, progress.steps)}/${progress.steps}`, title };
    }
    case 'starting':
      return { state: 'running', text: 'starting', title };
    case 'resetting':
      return { state: 'running', text: 'resetting', title };
    case 'failed':
      return { state: 'failed', text: progress.lastTimedOut ? 'timed out' : 'failed', title };
    case 'disposed':
      return { state: 'offline', text: 'session closed', title };
    case 'idle':
    case 'ready':
    case 'finished':
      if (progress.lastTimedOut) return { state: 'failed', text: 'timed out', title };
      if (progress.lastExit === null) return { state: 'ready', text: progress.status === 'finished' ? 'done' : 'ready', title };
      return { state: progress.lastExit === 0 ? 'ok' : 'failed', text: `exit ${progress.lastExit}`, title };
  }
}

/** What the badge shows for `state`; `showingScreen` says whether a terminal is on the slide. */
export function describeBadge(state: DriverState, showingScreen: boolean): BadgeView {
  switch (state.kind) {
    case 'transcript':
      return { state: 'transcript', text: 'transcript', title: '' };
    case 'connecting':
      return { state: 'offline', text: 'connecting…', title: 'connecting to the demo server' };
    case 'offline':
      return showingScreen
        ? { state: 'offline', text: 'offline', title: state.reason }
        : { state: 'offline', text: 'offline — showing transcript', title: state.reason };
    case 'live':
      return progressBadge(state.progress);
    case 'recorded': {
      const inner = progressBadge(state.progress);
      return { state: 'recorded', text: 'recorded', title: inner.title };
    }
  }
}

/** Draws `view` into the badge element. */
export function renderBadge(element: HTMLElement, view: BadgeView): void {
  element.dataset.state = view.state;
  if (element.textContent !== view.text) element.textContent = view.text;
  if (view.title) element.title = view.title;
  else element.removeAttribute('title');
}
