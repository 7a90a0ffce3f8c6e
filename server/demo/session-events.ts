// The states a demo session moves through and the events it emits (names read `noun:verb`).

import type { StepResult, TeardownReport } from './demo-result.ts';

/**
 * - idle: created or reset, no shell yet (start() or step() starts one)
 * - starting: checking requirements, starting the shell, running setup steps
 * - ready: at a prompt, waiting for the next step (or for typing, when interactive)
 * - running: a step is running
 * - finished: every step ran (or the shell exited); its processes are gone, teardown ran,
 *   and the last screen stays for viewers; reset() runs it again
 * - failed: could not start (a requirement, the cwd, the shell, a setup step); the reason is
 *   on the screen
 * - resetting: killing, tearing down, starting again
 * - disposed: gone for good
 */
export type SessionState = 'idle' | 'starting' | 'ready' | 'running' | 'finished' | 'failed' | 'resetting' | 'disposed';

/** Everything a session tells its listeners (the socket layer forwards these). */
export interface SessionEvents {
  /** Raw output for viewers, marks included (terminals ignore them). */
  'output:data': string;
  'step:started': { readonly index: number; readonly command: string };
  'step:finished': StepResult;
  'state:changed': { readonly state: SessionState; readonly previous: SessionState };
  'teardown:finished': TeardownReport;
}

/** Why no step can run in `state`, as a sentence for the presenter. */
export function whyNotRunning(state: SessionState): string {
  switch (state) {
    case 'finished':
      return 'the demo has finished: reset runs it again';
    case 'failed':
      return 'the demo could not start (its terminal says why): reset tries again';
    case 'resetting':
      return 'the demo is being reset';
    case 'disposed':
      return 'the demo session is closed';
    case 'idle':
    case 'starting':
    case 'ready':
    case 'running':
      return `the demo is ${state}`;
  }
}
