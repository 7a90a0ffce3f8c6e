// One live demo attached to one terminal: draws the server's snapshot, streams output with
// flow control, follows state, and re-attaches (redrawing from a new snapshot) after the
// connection comes back.
import type { DemoRef } from '../../protocol/socket-events.ts';
import { AckCounter } from './ack-counter.ts';
import { progressFromSnapshot } from './demo-progress.ts';
import { DisposableStore, toDisposable, type Disposable } from './disposable.ts';
import type { DemoProgress, DriverState, OutputEvent, OutputSink } from './driver.ts';
import type { ConnectionState, SocketConnection } from './socket-connection.ts';

/**
 * Once the terminal has nothing more to write, acknowledge what it wrote after this pause:
 * a burst of small chunks then costs one message, and a paused pty still resumes at once.
 */
const IDLE_ACK_DELAY_MS = 25;

export class LiveAttachment implements Disposable {
  private readonly store = new DisposableStore();
  private readonly counter = new AckCounter();
  /** Bumped whenever what is in flight belongs to a connection or attach that is over. */
  private generation = 0;
  private attached = false;
  private attaching = false;
  private progress: DemoProgress | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly connection: SocketConnection,
    private readonly ref: DemoRef,
    private readonly sink: OutputSink,
    private readonly report: (state: DriverState) => void,
  ) {
    this.store.add(connection.route(ref, { output: (data) => this.onOutput(data), state: (snapshot) => this.onSnapshot(snapshot) }));
    this.store.add(connection.onChanged((state) => this.onConnection(state)));
    this.store.add(
      toDisposable(() => {
        this.generation += 1;
        this.clearIdleTimer();
        if (this.attached) connection.detach(ref);
        this.attached = false;
      }),
    );
    this.onConnection(connection.state);
  }

  dispose(): void {
    this.store.dispose();
  }

  private onConnection(state: ConnectionState): void {
    switch (state.kind) {
      case 'connecting':
        this.report({ kind: 'connecting' });
        return;
      case 'online':
        // A role change arrives as another `online`: re-report so the controls re-read `can`.
        if (this.attached && this.progress) this.report({ kind: 'live', progress: this.progress });
        else if (!this.attaching) void this.requestAttach();
        return;
      case 'offline':
        this.goOffline(state.reason, state.retrying);
        return;
    }
  }

  private async requestAttach(): Promise<void> {
    const generation = ++this.generation;
    this.attaching = true;
    this.counter.reset();
    if (!this.progress) this.report({ kind: 'connecting' });
    const reply = await this.connection.attach(this.ref);
    if (this.store.isDisposed) {
      if (reply.ok) this.connection.detach(this.ref); // the slide was left while we waited
      return;
    }
    if (generation !== this.generation) return; // the connection dropped meanwhile
    this.attaching = false;
    if (!reply.ok) {
      this.report({ kind: 'offline', reason: reply.error.message, progress: this.progress });
      return;
    }
    this.attached = true;
    this.progress = progressFromSnapshot(reply.snapshot, this.progress);
    // Output sent after the reply follows this screen; the snapshot already holds all before.
    this.write({ kind: 'screen', data: reply.snapshot.screen }, false);
    this.report({ kind: 'live', progress: this.progress });
  }

  private goOffline(reason: string, retrying: boolean): void {
    const wasAttached = this.attached;
    this.generation += 1;
    this.attached = false;
    this.attaching = false;
    this.counter.reset();
    this.clearIdleTimer();
    this.report({ kind: 'offline', reason, progress: this.progress });
    if (wasAttached) {
      const next = retrying ? 'reconnecting…' : 'reload the page to reconnect';
      this.write({ kind: 'notice', text: `${reason} — ${next}` }, false);
    }
  }

  private onOutput(data: string): void {
    if (this.attached) this.write({ kind: 'data', data }, true);
  }

  private onSnapshot(snapshot: Parameters<typeof progressFromSnapshot>[0]): void {
    if (!this.attached) return; // the attach reply's snapshot is as new as this one
    this.progress = progressFromSnapshot(snapshot, this.progress);
    this.report({ kind: 'live', progress: this.progress });
  }

  /** Hands `event` to the terminal; counted output is acknowledged once written. */
  private write(event: OutputEvent, counted: boolean): void {
    const generation = this.generation;
    if (counted) this.counter.queued();
    const written = this.sink(event);
    if (!counted || event.kind !== 'data') return;
    const chars = event.data.length;
    void written.then(
      () => {
        if (generation === this.generation) this.onWritten(chars);
      },
      (error: unknown) => console.error('ptydeck: the terminal could not write demo output', error),
    );
  }

  private onWritten(chars: number): void {
    const decision = this.counter.written(chars);
    switch (decision.kind) {
      case 'ack':
        this.connection.acknowledge(this.ref, decision.chars);
        return;
      case 'idle':
        this.idleTimer ??= setTimeout(() => {
          this.idleTimer = null;
          this.connection.acknowledge(this.ref, this.counter.flush());
        }, IDLE_ACK_DELAY_MS);
        return;
      case 'wait':
        return;
    }
  }

  private clearIdleTimer(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}
