// The live driver: a demo run by the presenter's demo server, over the page's shared socket.
import { WIRE_LIMITS, type DemoRef } from '../../protocol/socket-events.ts';
import { toDisposable, type Disposable } from './disposable.ts';
import {
  capabilities,
  unsupported,
  type ActionResult,
  type DemoDriver,
  type DriverCapabilities,
  type DriverState,
  type OutputSink,
  type RunAllResult,
  type StepResult,
} from './driver.ts';
import { LiveAttachment } from './live-attachment.ts';
import type { SocketConnection } from './socket-connection.ts';

export interface LiveDriverOptions {
  readonly ref: DemoRef;
  readonly interactive: boolean;
  /** The page holds the presenter token (the server's `session:role` has the last word). */
  readonly hasToken: boolean;
}

class LiveDriver implements DemoDriver {
  private readonly presenterCan: DriverCapabilities;
  private readonly viewerCan = capabilities({ screen: true });
  private attachment: LiveAttachment | null = null;
  private current: DriverState = { kind: 'connecting' };

  constructor(
    private readonly connection: SocketConnection,
    private readonly options: LiveDriverOptions,
  ) {
    this.presenterCan = capabilities({ screen: true, step: true, runAll: true, interrupt: true, reset: true, input: options.interactive });
  }

  get can(): DriverCapabilities {
    const state = this.connection.state;
    const presenter = state.kind === 'online' ? state.role === 'presenter' : this.options.hasToken;
    return presenter ? this.presenterCan : this.viewerCan;
  }

  get state(): DriverState {
    return this.current;
  }

  attach(onOutput: OutputSink, onState: (state: DriverState) => void): Disposable {
    if (this.attachment) throw new Error(`ptydeck: demo "${this.options.ref.id}" is attached to two terminals at once`);
    const attachment = new LiveAttachment(this.connection, this.options.ref, onOutput, (state) => {
      this.current = state;
      onState(state);
    });
    this.attachment = attachment;
    return toDisposable(() => {
      attachment.dispose();
      if (this.attachment === attachment) this.attachment = null;
    });
  }

  step(): Promise<StepResult> {
    if (!this.can.step) return Promise.resolve(unsupported('run a step'));
    return this.connection.step(this.options.ref);
  }

  runAll(): Promise<RunAllResult> {
    if (!this.can.runAll) return Promise.resolve(unsupported('run its steps'));
    return this.connection.runAll(this.options.ref);
  }

  interrupt(): Promise<ActionResult> {
    if (!this.can.interrupt) return Promise.resolve(unsupported('be interrupted'));
    return this.connection.interrupt(this.options.ref);
  }

  reset(): Promise<ActionResult> {
    if (!this.can.reset) return Promise.resolve(unsupported('be reset'));
    return this.connection.reset(this.options.ref);
  }

  /** Sends keystrokes; a paste longer than the wire allows goes in pieces, in order. */
  async input(data: string): Promise<ActionResult> {
    if (!this.can.input) return unsupported('take typing');
    for (let at = 0; at < data.length; at += WIRE_LIMITS.maxInputChars) {
      const reply = await this.connection.input(this.options.ref, data.slice(at, at + WIRE_LIMITS.maxInputChars));
      if (!reply.ok) return reply;
    }
    return { ok: true };
  }

  dispose(): void {
    this.attachment?.dispose();
    this.attachment = null;
  }
}

/** A driver for one demo over `connection`. */
export function createLiveDriver(connection: SocketConnection, options: LiveDriverOptions): DemoDriver {
  return new LiveDriver(connection, options);
}
