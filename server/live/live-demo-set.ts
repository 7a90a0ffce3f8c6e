// The live demos of one server: a LiveDemo per (deck, id) that the catalog declares, created on
// first use, cleaned up when nobody has watched it for a while, and all ended at shutdown.
import type { DemoRef, ErrorPayload } from '../../protocol/socket-events.ts';
import { MAX_LIVE_SESSIONS, SessionRegistry } from '../demo/session-registry.ts';
import type { DemoCatalog } from './demo-catalog.ts';
import { LiveDemo } from './live-demo.ts';
import type { PtySession } from '../demo/pty-session.ts';
import type { Disposable } from '../demo/disposable.ts';

/** How long a demo nobody watches keeps running before it is killed and torn down (ms). */
export const UNWATCHED_DEMO_MS = 120_000;

const keyOf = (ref: DemoRef) => `${ref.deck}/${ref.id}`;

export class LiveDemoSet {
  private readonly registry: SessionRegistry;
  private readonly live = new Map<string, LiveDemo>();
  private readonly unwatched = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly catalog: DemoCatalog,
    projectRoot: string,
    /** Called for every session opened; what it returns lives as long as the demo (dev --record). */
    private readonly watchSession?: (session: PtySession) => Disposable,
  ) {
    this.registry = new SessionRegistry(projectRoot);
  }

  /** The live demo for a ref, created from the catalog; an error when no deck declares it. */
  async demoFor(ref: DemoRef): Promise<LiveDemo | { error: ErrorPayload }> {
    const entry = await this.catalog.lookup(ref.deck, ref.id);
    // Shutdown may have begun while the catalog compiled the deck: a session opened now would
    // outlive close() and run with nobody to end it.
    if (this.closed) return { error: { code: 'closed', message: 'the server is shutting down' } };
    if (!entry) return { error: { code: 'unknown-demo', message: `deck "${ref.deck}" has no demo "${ref.id}"` } };
    const existing = this.live.get(keyOf(ref));
    if (existing && existing.session.entry.hash === entry.hash && this.isCurrent(ref, existing)) return existing;
    if (!this.registry.get(ref.deck, ref.id)) this.makeRoom();
    const opened = this.registry.open(entry);
    if (!opened.ok) return { error: opened.error };
    existing?.dispose();
    const demo = new LiveDemo(opened.session);
    if (this.watchSession) demo.adopt(this.watchSession(opened.session));
    this.live.set(keyOf(ref), demo);
    return demo;
  }

  /**
   * Whether `demo` is still the live demo of `ref`: not ended, not replaced after an edit of its
   * deck, the server not closing. A Map lookup, where demoFor asks the catalog (a stat of the deck).
   */
  isCurrent(ref: DemoRef, demo: LiveDemo): boolean {
    return !this.closed && this.live.get(keyOf(ref)) === demo && this.registry.get(ref.deck, ref.id) === demo.session;
  }

  /** A view came or went: a demo nobody watches is ended after UNWATCHED_DEMO_MS (a reload comes back sooner). */
  watched(ref: DemoRef, demo: LiveDemo): void {
    const key = keyOf(ref);
    clearTimeout(this.unwatched.get(key));
    this.unwatched.delete(key);
    if (demo.viewCount > 0 || this.closed) return;
    this.unwatched.set(
      key,
      setTimeout(() => {
        if (demo.viewCount === 0 && this.live.get(key) === demo) this.end(key, demo);
      }, UNWATCHED_DEMO_MS),
    );
  }

  /**
   * At the session limit, ends the demo nobody has watched for longest, unless it is running a
   * step: paging through a deck with more demos than the limit (each slide attaches its demos)
   * must not leave the next slide's demo refused for two minutes.
   */
  private makeRoom(): void {
    if (this.registry.size < MAX_LIVE_SESSIONS) return;
    for (const key of this.unwatched.keys()) {
      // A Map keeps insertion order: the first key has been unwatched longest.
      const demo = this.live.get(key);
      if (!demo || demo.session.state === 'running' || demo.session.state === 'starting') continue;
      this.end(key, demo);
      return;
    }
  }

  /** Ends one demo: kill, teardown, forgotten. */
  private end(key: string, demo: LiveDemo): void {
    clearTimeout(this.unwatched.get(key));
    this.unwatched.delete(key);
    this.live.delete(key);
    demo.dispose();
    void this.registry.close(demo.session.entry.deck, demo.session.entry.id);
  }

  /** Ends every demo (kill, then teardown); resolves when all are done. No demo starts after. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.unwatched.values()) clearTimeout(timer);
    this.unwatched.clear();
    for (const demo of this.live.values()) demo.dispose();
    this.live.clear();
    await this.registry.disposeAll();
  }
}
