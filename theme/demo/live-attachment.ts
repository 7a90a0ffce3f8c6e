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
export const IDLE_ACK_DELAY_MS = 25;

/**
 * Output handed to xterm.js ahead of what it has written (bytes of live output, characters of
 * a notice); the rest waits in the attachment's own queue, which Ctrl-C drops ('demo:discard'):
 * this much is what is left to draw after it. The next chunk is handed from the write callback
 * of the one before, inside xterm.js's parse slice (OutputSink's `written`), so xterm.js runs
 * dry only when the socket does: one chunk being parsed and about one more (the server sends
 * ~60 KB messages) keep it busy. (Handed over through promises, after the slice, it took
 * 128 KiB to reach a WebSocket peer, and the page still idled a third of a flood;
 * bench/demos.mjs.)
 */
export const IN_TERMINAL_CHARS = 64 * 1024;

/** An event waiting for the terminal; `counted`: output to acknowledge once written. */
interface Pending {
  readonly event: OutputEvent;
  readonly counted: boolean;
}

function sizeOf(event: OutputEvent): number {
  return event.kind === 'notice' ? event.text.length : event.data.length;
}

export class LiveAttachment implements Disposable {
  private readonly store = new DisposableStore();
  private readonly counter = new AckCounter();
  /** Bumped whenever what is in flight belongs to a connection or attach that is over. */
  private generation = 0;
  private attached = false;
  private attaching = false;
  private progress: DemoProgress | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  /** Events not handed to the terminal yet, oldest first. */
  private queue: Pending[] = [];
  /** Characters handed to the terminal and not written yet. */
  private inTerminal = 0;
  /**
   * Between this page's Ctrl-C and the server's 'demo:discard' (or the Ctrl-C's reply): output
   * arriving now was made before the interrupt, and is dropped on arrival instead of drawn.
   * Waiting for 'demo:discard', which comes behind up to a window of it, drew that window.
   */
  private discarding = false;
  /** Bytes dropped while discarding: a refused Ctrl-C must give them back (see onInterrupted). */
  private droppedBytes = 0;

  constructor(
    private readonly connection: SocketConnection,
    private readonly ref: DemoRef,
    private readonly sink: OutputSink,
    private readonly report: (state: DriverState) => void,
  ) {
    this.store.add(
      connection.route(ref, {
        output: (data) => this.onOutput(data),
        discard: () => this.onDiscard(),
        interrupting: () => this.onInterrupting(),
        interrupted: (ok) => this.onInterrupted(ok),
        state: (snapshot) => this.onSnapshot(snapshot),
      }),
    );
    this.store.add(connection.onChanged((state) => this.onConnection(state)));
    this.store.add(
      toDisposable(() => {
        this.generation += 1;
        this.clearIdleTimer();
        this.queue = [];
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
    this.discarding = false;
    this.progress = progressFromSnapshot(reply.snapshot, this.progress);
    // Output sent after the reply follows this screen; the snapshot already holds all before,
    // so what still waits from an earlier attach is drawn over anyway.
    this.queue = [];
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

  private onOutput(data: Uint8Array | string): void {
    if (!this.attached) return;
    // Dropped as the terminal's interrupt key drops it; acknowledged, so the window stays open.
    if (!this.discarding) return this.write({ kind: 'data', data }, true);
    this.droppedBytes += data.length;
    this.connection.acknowledge(this.ref, this.counter.dropped(0, data.length));
  }

  /** This page sent Ctrl-C: drop what waits, and what arrives until the server's discard. */
  private onInterrupting(): void {
    if (!this.attached) return;
    this.discarding = true;
    this.droppedBytes = this.dropQueued();
  }

  /**
   * The Ctrl-C's reply. Refused (a viewer's key, a demo still starting), nothing was
   * interrupted and the output dropped meanwhile is missing from this terminal only: attach
   * again, which redraws the server's screen.
   */
  private onInterrupted(ok: boolean): void {
    if (!this.discarding) return;
    this.discarding = false;
    if (!ok && this.droppedBytes > 0 && this.attached) void this.requestAttach();
  }

  /** The server's Ctrl-C mark: what follows it came after the interrupt, and is drawn. */
  private onDiscard(): void {
    this.discarding = false;
    this.dropQueued();
  }

  /** Drops the output not handed to the terminal yet, and acknowledges it as written; returns its bytes. */
  private dropQueued(): number {
    if (!this.attached) return 0;
    let chunks = 0;
    let bytes = 0;
    this.queue = this.queue.filter(({ event, counted }) => {
      if (!counted || event.kind !== 'data') return true;
      chunks += 1;
      bytes += event.data.length;
      return false;
    });
    if (chunks === 0) return 0;
    this.clearIdleTimer();
    this.connection.acknowledge(this.ref, this.counter.dropped(chunks, bytes));
    return bytes;
  }

  private onSnapshot(snapshot: Parameters<typeof progressFromSnapshot>[0]): void {
    if (!this.attached) return; // the attach reply's snapshot is as new as this one
    this.progress = progressFromSnapshot(snapshot, this.progress);
    this.report({ kind: 'live', progress: this.progress });
  }

  /** Queues `event` for the terminal; counted output is acknowledged once written. */
  private write(event: OutputEvent, counted: boolean): void {
    if (counted) this.counter.queued();
    this.queue.push({ event, counted });
    this.pump();
  }

  /** Hands queued events to the terminal while it holds less than IN_TERMINAL_CHARS. */
  private pump(): void {
    while (this.inTerminal < IN_TERMINAL_CHARS && !this.store.isDisposed) {
      const next = this.queue.shift();
      if (!next) return;
      this.hand(next);
    }
  }

  private hand({ event, counted }: Pending): void {
    const generation = this.generation;
    const size = sizeOf(event);
    this.inTerminal += size;
    let done = false;
    // Called from xterm.js's write callback (synchronously) or, from a sink that does not pass
    // `written` on, when its promise settles; whichever comes first.
    const written = (): void => {
      if (done) return;
      done = true;
      this.inTerminal -= size;
      if (counted && event.kind === 'data' && generation === this.generation) this.onWritten(event.data.length);
      this.pump();
    };
    void this.sink(event, written).then(written, (error: unknown) => {
      console.error('ptydeck: the terminal could not write demo output', error);
      written();
    });
  }

  private onWritten(bytes: number): void {
    const decision = this.counter.written(bytes);
    switch (decision.kind) {
      case 'ack':
        this.connection.acknowledge(this.ref, decision.bytes);
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
