// Turns the server's DemoSnapshot into the progress a view shows, keeping track of which step
// runs: the server counts a step as taken when it starts, and may tell us so more than once.
import type { DemoSnapshot } from '../../protocol/socket-events.ts';
import type { DemoProgress } from './driver.ts';

/**
 * The progress for `snapshot`. While a demo runs, the running step is the `nextStep` of the
 * first running snapshot after a pause, so later updates of the same run keep the number.
 */
export function progressFromSnapshot(snapshot: DemoSnapshot, previous: DemoProgress | null): DemoProgress {
  const steps = Math.max(0, snapshot.steps);
  const nextStep = Math.min(Math.max(0, snapshot.nextStep), steps);
  let runningStep: number | null = null;
  if (snapshot.status === 'running') {
    const latched = previous?.status === 'running' ? previous.runningStep : null;
    runningStep = latched ?? Math.min(nextStep, Math.max(0, steps - 1));
  }
  return {
    status: snapshot.status,
    nextStep,
    steps,
    runningStep,
    lastExit: snapshot.lastExit,
    lastTimedOut: snapshot.lastTimedOut,
    message: snapshot.message,
  };
}
