// DNS rebinding: the attacker's page came from http://evil.test:<port>/, then evil.test was
// rebound to 127.0.0.1. Its same-origin requests now reach ptydeck on loopback, readable, with
// Host: evil.test:<port>. Playwright hands the page its first document (as the attacker's
// server did); every later request goes through Chromium's resolver to ptydeck.
import { SOCKET_PATH } from '../../protocol/socket-events.ts';
import { REBOUND_NAME } from './hostile-chromium.ts';
import { SOCKET_CLIENT } from './hostile-page-server.ts';
import { DECK, MARK_DEMO, runAttack, type Attack } from './hostile-attack.ts';

const STEP_PACKET = `421${JSON.stringify(['demo:step', { deck: DECK, id: MARK_DEMO }])}`;

export const dnsRebinding: Attack = (context) =>
  runAttack(context, `DNS rebinding: a page of ${REBOUND_NAME} rebound to 127.0.0.1`, async (page, breach) => {
    const { target } = context;
    const origin = `http://${REBOUND_NAME}:${target.port}`;
    const entry = `${origin}/rebound-entry`;
    await page.route(entry, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>rebound</title><body>hello</body>' }));
    await page.goto(entry);
    await page.addScriptTag({ content: SOCKET_CLIENT });
    let tried = 0;
    // Same-origin now, so a response would be readable: it must be a refusal.
    const handshake = `${SOCKET_PATH}/?EIO=4&transport=polling`;
    for (const [path, method] of [['/', 'GET'], [`/${DECK}/`, 'GET'], [handshake, 'GET'], [handshake, 'POST'], [`${handshake}&sid=nope`, 'POST']] as const) {
      tried++;
      const seen = await page.evaluate(
        async ({ path, method, body }) => {
          try {
            const res = await fetch(path, { method, ...(method === 'POST' ? { body } : {}) });
            return { status: res.status, body: (await res.text()).slice(0, 200) };
          } catch (error) {
            return { status: 0, body: `failed: ${(error as Error).message}` };
          }
        },
        { path, method, body: STEP_PACKET },
      );
      if (seen.status !== 0 && (seen.status < 400 || seen.body.includes('"sid"'))) breach(`${method} ${path} answered ${seen.status}: ${seen.body.slice(0, 60)}`);
    }
    for (const token of [null, target.token]) {
      tried++;
      const connected = await page.evaluate(
        ({ path, token }) =>
          new Promise<boolean>((resolve) => {
            const io = (window as unknown as { io: (url: string, options: object) => { on(e: string, f: () => void): void; close(): void } }).io;
            const socket = io(location.origin, { path, transports: ['websocket'], reconnection: false, forceNew: true, timeout: 10_000, auth: token === null ? {} : { token } });
            socket.on('connect', () => (socket.close(), resolve(true)));
            socket.on('connect_error', () => (socket.close(), resolve(false)));
          }),
        { path: SOCKET_PATH, token },
      );
      if (connected) breach(`socket.io from the rebound page connected${token ? ' with the right token' : ''}`);
    }
    // A top-level load of the deck by the rebound name.
    tried++;
    const res = await page.goto(`${origin}/${DECK}/`);
    if (res && res.status() < 400) breach(`the deck loaded as ${origin}/${DECK}/ (${res.status()})`);
    return tried;
  });
