// The fallback driver: the slide keeps showing the Markdown transcript, and nothing can run.
// Static builds, PDFs and pages whose server is not there use it.
import { capabilities, unsupported, type DemoDriver, type DriverState } from './driver.ts';
import { toDisposable, type Disposable } from './disposable.ts';

const STATE: DriverState = { kind: 'transcript' };

/** A driver that can nothing: the UI reads its flags and leaves the transcript in place. */
export function createTranscriptDriver(): DemoDriver {
  return {
    can: capabilities({}),
    state: STATE,
    attach(_onOutput, onState): Disposable {
      onState(STATE);
      return toDisposable(() => {});
    },
    step: () => Promise.resolve(unsupported('run a step')),
    runAll: () => Promise.resolve(unsupported('run its steps')),
    interrupt: () => Promise.resolve(unsupported('be interrupted')),
    reset: () => Promise.resolve(unsupported('be reset')),
    input: () => Promise.resolve(unsupported('take typing')),
    dispose() {},
  };
}
