// The live demo sessions of this server, one per (deck, demo id), bounded in number.

import type { DemoEntry } from '../../protocol/demo-manifest.ts';
import { fail, type Result, type TeardownReport } from './demo-result.ts';
import { PtySession } from './pty-session.ts';
import type { RequirementChecker } from './requirements.ts';

/**
 * At most this many sessions at once. A talk shows one demo at a time, and a presenter may
 * keep a few neighbours warm; each session holds a pty, a shell and possibly root-owned
 * namespaces, so a runaway client must not open dozens.
 */
export const MAX_LIVE_SESSIONS = 8;

/** Sessions keyed by deck and demo id; get-or-create, and dispose-all on shutdown. */
export class SessionRegistry {
  private readonly sessions = new Map<string, PtySession>();
  private readonly closing = new Set<Promise<TeardownReport>>();

  constructor(
    private readonly projectRoot: string,
    private readonly requirements?: RequirementChecker,
    private readonly limit = MAX_LIVE_SESSIONS,
  ) {}

  /** How many sessions are live. */
  get size(): number {
    return this.sessions.size;
  }

  /** The session of a demo, if one is live. */
  get(deck: string, id: string): PtySession | undefined {
    return this.sessions.get(key(deck, id));
  }

  /**
   * Returns the demo's live session, or creates one (not started: step() or start() does
   * that). An entry whose hash changed (the deck was edited) replaces the old session, which
   * is disposed, teardown included. Refuses past MAX_LIVE_SESSIONS.
   */
  open(entry: DemoEntry): Result<{ session: PtySession; created: boolean }> {
    const k = key(entry.deck, entry.id);
    const existing = this.sessions.get(k);
    if (existing && existing.entry.hash === entry.hash) return { ok: true, session: existing, created: false };
    // The old version's teardown must finish before the new one sets up the same resources.
    const startAfter = existing ? this.close(entry.deck, entry.id) : undefined;
    if (this.sessions.size >= this.limit) {
      return fail(
        'too-many-sessions',
        `${this.sessions.size} demos are live (the limit is ${this.limit}): reset or close one first`,
      );
    }
    const { projectRoot, requirements } = this;
    const session = new PtySession({ entry, projectRoot, requirements, startAfter });
    this.sessions.set(k, session);
    return { ok: true, session, created: true };
  }

  /** Disposes one demo's session (teardown included) and forgets it. */
  close(deck: string, id: string): Promise<TeardownReport> | undefined {
    const k = key(deck, id);
    const session = this.sessions.get(k);
    if (!session) return undefined;
    this.sessions.delete(k);
    return this.track(session.dispose());
  }

  /** Disposes every session; resolves once every teardown ran (including ones already closing). */
  async disposeAll(): Promise<TeardownReport[]> {
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    for (const session of sessions) this.track(session.dispose());
    return Promise.all([...this.closing]);
  }

  private track(report: Promise<TeardownReport>): Promise<TeardownReport> {
    this.closing.add(report);
    void report.finally(() => this.closing.delete(report));
    return report;
  }
}

function key(deck: string, id: string): string {
  return `${deck}\0${id}`;
}
