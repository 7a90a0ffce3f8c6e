// Decides when a step ended so that the next one may not run where its author meant it to.
// The hazard: `unshare --uts --fork bash` interrupted (or failing) leaves the host's shell at
// the prompt, and the next step (`hostname soak`) renames the host. After such a step the
// session refuses the next one once; asking again is the presenter's confirmation.

import type { StepResult } from './demo-result.ts';
import { SIGNAL_EXIT_BASE } from './marked-shell.ts';

/**
 * A step that starts another shell somewhere else: in new namespaces, a chroot, a container,
 * as another user. Its failure means the steps after it would run in the outer shell instead.
 */
const ENTERS_SHELL = /\b(unshare|nsenter|chroot|ip\s+netns\s+exec|docker\s+(run|exec)|su|sudo|ssh)\b[^|;&]*\b(ba|da|z|k|a)?sh\b/;

/**
 * Why the next step must wait for the presenter to ask again, or null when it may run. A
 * plain non-zero exit is not enough: demos show failures on purpose (`cat /missing`).
 */
export function whyConfirmNext(result: StepResult, interrupted: boolean): string | null {
  if (result.shellExited) return null; // the run is over: no next step will run in it
  const how = interrupted
    ? 'was interrupted'
    : result.timedOut
      ? 'timed out'
      : result.exitCode === null
        ? 'ended without a status'
        : result.exitCode > SIGNAL_EXIT_BASE
          ? `was killed (exit ${result.exitCode})`
          : result.exitCode !== 0 && ENTERS_SHELL.test(result.command)
            ? `failed to start its shell (exit ${result.exitCode})`
            : null;
  if (how === null) return null;
  return (
    `step ${result.index + 1} ${how}: the shell may not be where step ${result.index + 2} expects it ` +
    `(a nested shell may be gone). Next again runs it anyway; reset starts over.`
  );
}
