// The dev server's push channel: each open deck page holds one server-sent-events stream
// (theme/deck-updates.ts) on which it receives its deck's new slides and reload requests.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Where pages open their stream; `?deck=name` says which deck the page shows. */
export const EVENTS_ROUTE = '/__ptydeck/events';

/**
 * A comment line this often keeps an idle stream open through proxies and lets the server
 * notice a page that went away without closing.
 */
const KEEP_ALIVE_MS = 30_000;

export class DeckEvents {
  private readonly streams = new Map<ServerResponse, string>();
  private readonly timer = setInterval(() => this.write(() => true, ': keep-alive\n\n'), KEEP_ALIVE_MS);

  constructor() {
    this.timer.unref();
  }

  /** Answers a page's EventSource request and keeps the stream until the page closes it. */
  open(req: IncomingMessage, res: ServerResponse, deck: string): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    // Sent at once, so the page's EventSource is open (and a test can tell) before any edit.
    res.write(': open\n\n');
    this.streams.set(res, deck);
    req.on('close', () => this.streams.delete(res));
  }

  /** Decks that have an open page, each once. */
  openDecks(): string[] {
    return [...new Set(this.streams.values())];
  }

  /** Sends `data` (JSON) as `event` to the pages of `deck`, or to every page when deck is null. */
  send(deck: string | null, event: string, data: unknown): void {
    this.write((d) => deck === null || d === deck, `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  private write(to: (deck: string) => boolean, text: string): void {
    for (const [res, deck] of this.streams) if (to(deck)) res.write(text);
  }

  /** Ends every stream (the server is closing). */
  close(): void {
    clearInterval(this.timer);
    for (const res of this.streams.keys()) res.end();
    this.streams.clear();
  }
}
