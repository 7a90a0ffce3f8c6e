// What a driver wrote into its terminal, as the tests read it: a fake terminal that keeps the
// events and the text a screen would show (escapes dropped; a 'screen' event starts it over).
import type { DriverState, OutputEvent } from '../../theme/demo/driver.ts';
import { plainText } from '../../theme/demo/replay-timeline.ts';

export class TerminalSink {
  readonly events: OutputEvent[] = [];
  readonly states: DriverState[] = [];
  private screen = '';

  readonly write = (event: OutputEvent): Promise<void> => {
    this.events.push(event);
    if (event.kind === 'screen') this.screen = event.data;
    else if (event.kind === 'data') this.screen += event.data;
    return Promise.resolve();
  };

  readonly report = (state: DriverState): void => {
    this.states.push(state);
  };

  /** The screen's text so far. */
  get text(): string {
    return plainText(this.screen);
  }

  kinds(): string[] {
    return this.events.map((e) => e.kind);
  }
}
