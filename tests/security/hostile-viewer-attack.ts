// The deck's own page, opened without the token (anyone on the network can watch) or with a
// guessed one: it may watch, never act. Steps, run-all, interrupt, reset and keystrokes through
// the page's own controls are refused, and a wrong token fails the handshake.
import type { Page } from 'playwright-core';
import { CHAT_DEMO, DECK, MARK_DEMO, runAttack, type Attack } from './hostile-attack.ts';

/** How long the deck page may take to load its demo part and reach the server. */
const PAGE_READY_MS = 60_000;

interface DemoApi {
  demo?(id: string): { step(): Promise<unknown>; runAll(): Promise<unknown>; interrupt(): Promise<unknown>; reset(): Promise<unknown>; state: { kind: string } };
  deck: { isReady(): boolean; slide(h: number): void };
}

/** Opens `url`, waits until the deck is up and `demo` has left 'connecting'; returns its state kind. */
async function openDeck(page: Page, url: string, slide: number, demo: string): Promise<string> {
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { ptydeck?: DemoApi }).ptydeck?.deck.isReady() === true, null, { timeout: PAGE_READY_MS });
  await page.evaluate((h) => (window as unknown as { ptydeck: DemoApi }).ptydeck.deck.slide(h), slide);
  await page.waitForFunction((id) => {
    const api = (window as unknown as { ptydeck: DemoApi }).ptydeck;
    const kind = api.demo?.(id).state.kind;
    return kind !== undefined && kind !== 'connecting';
  }, demo, { timeout: PAGE_READY_MS });
  return page.evaluate((id) => (window as unknown as { ptydeck: DemoApi }).ptydeck.demo!(id).state.kind, demo);
}

/** Every action of the scripting API (what the keys do); an `ok: true` reply is a breach. */
async function tryActions(page: Page, breach: (what: string) => void, who: string): Promise<number> {
  const actions = ['step', 'runAll', 'interrupt', 'reset'] as const;
  for (const action of actions) {
    const reply = await page.evaluate(
      async ({ id, action }) => {
        const demo = (window as unknown as { ptydeck: DemoApi }).ptydeck.demo!(id);
        return JSON.stringify(await demo[action]());
      },
      { id: MARK_DEMO, action },
    );
    if (/"ok":true/.test(reply)) breach(`${who}: ${action} was accepted (${reply.slice(0, 80)})`);
  }
  return actions.length;
}

export const viewerWithoutToken: Attack = (context) =>
  runAttack(context, 'the deck page without the token, or with a guessed one, tries to act', async (page, breach) => {
    const { target, guesses } = context;
    const deckUrl = `${target.url}/${DECK}/`;
    let tried = 0;
    // Without a token: a viewer, connected, watching.
    const kind = await openDeck(page, deckUrl, 1, MARK_DEMO);
    if (kind !== 'live') breach(`a token-less viewer should watch live, but its demo is ${kind}`);
    tried += await tryActions(page, breach, 'a viewer');
    // Keystrokes into the interactive demo's terminal.
    await page.evaluate(() => (window as unknown as { ptydeck: DemoApi }).ptydeck.deck.slide(2));
    await page.locator('.ptydeck-xterm').last().click().catch(() => undefined); // not mounted for a viewer: still type
    await page.keyboard.type('touch marker-typed\n');
    tried++;
    // With guessed tokens: the handshake fails; whatever the page falls back to, nothing runs.
    for (const token of guesses.slice(0, 2)) {
      const fresh = await context.browser.newPage();
      try {
        await openDeck(fresh, `${deckUrl}#token=${token}`, 1, MARK_DEMO);
        tried += await tryActions(fresh, breach, 'a page with a guessed token');
      } finally {
        await fresh.close();
      }
    }
    return tried;
  });
