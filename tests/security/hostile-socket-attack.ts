// A page elsewhere opens ptydeck's demo socket: with the socket.io client over WebSocket and
// polling, without a token, with guessed tokens and even with the right one (a token that
// leaked must not help a foreign page), and with raw WebSockets on the socket path and others.
import { SOCKET_PATH } from '../../protocol/socket-events.ts';
import { SOCKET_CLIENT_PATH } from './hostile-page-server.ts';
import { runAttack, type Attack } from './hostile-attack.ts';

/** What a socket attempt came to, in the page: 'connected' is a breach. */
type Outcome = 'connected' | `refused: ${string}`;

export const socketFromForeignOrigin: Attack = (context) =>
  runAttack(context, 'socket.io handshake and raw WebSocket from a page on another origin', async (page, breach) => {
    const { target, hostile, guesses } = context;
    await page.goto(`${hostile.origin}/`);
    await page.addScriptTag({ url: SOCKET_CLIENT_PATH });
    const tokens: Array<string | null> = [null, ...guesses, target.token];
    let tried = 0;
    for (const transport of ['websocket', 'polling'] as const) {
      for (const token of tokens) {
        tried++;
        const outcome: Outcome = await page.evaluate(
          ({ url, path, token, transport }) =>
            new Promise<Outcome>((resolve) => {
              const io = (window as unknown as { io: (url: string, options: object) => { on(e: string, f: (x: Error) => void): void; close(): void } }).io;
              const socket = io(url, { path, transports: [transport], reconnection: false, forceNew: true, timeout: 10_000, auth: token === null ? {} : { token } });
              socket.on('connect', () => {
                socket.close();
                resolve('connected');
              });
              socket.on('connect_error', (error) => {
                socket.close();
                resolve(`refused: ${error.message}`);
              });
            }),
          { url: target.url, path: SOCKET_PATH, token, transport },
        );
        const which = token === null ? 'no token' : token === target.token ? 'the right token' : 'a guessed token';
        if (outcome === 'connected') breach(`socket.io over ${transport} with ${which} connected`);
      }
    }
    const ws = target.url.replace(/^http/, 'ws');
    for (const url of [`${ws}${SOCKET_PATH}/?EIO=4&transport=websocket`, `${ws}/`, `${ws}/${'target'}/`, `${ws}/__nope`]) {
      tried++;
      const opened = await page.evaluate(
        (url) =>
          new Promise<boolean>((resolve) => {
            const socket = new WebSocket(url);
            socket.onopen = () => {
              socket.close();
              resolve(true);
            };
            socket.onerror = () => resolve(false);
            socket.onclose = () => resolve(false);
          }),
        url,
      );
      if (opened) breach(`raw WebSocket to ${url} opened`);
    }
    return tried;
  });
