// A page elsewhere reaches ptydeck over HTTP: fetch in cors mode (must fail: nothing readable),
// in no-cors mode (opaque at best), blind POSTs of socket.io packets asking for a step, and a
// form POSTed into a hidden frame. None may run a demo.
import { SOCKET_PATH } from '../../protocol/socket-events.ts';
import { DECK, MARK_DEMO, runAttack, type Attack } from './hostile-attack.ts';

/** A socket.io packet asking to run a step (EVENT with ack id 1), as a blind POST would carry it. */
const STEP_PACKET = `421${JSON.stringify(['demo:step', { deck: DECK, id: MARK_DEMO }])}`;

export const fetchFromForeignOrigin: Attack = (context) =>
  runAttack(context, 'fetch and form POST from a page on another origin', async (page, breach) => {
    const { target, hostile, guesses } = context;
    await page.goto(`${hostile.origin}/`);
    const handshake = `${target.url}${SOCKET_PATH}/?EIO=4&transport=polling`;
    const urls = [`${target.url}/`, `${target.url}/${DECK}/`, handshake, `${handshake}&sid=nope`];
    let tried = 0;
    for (const url of urls) {
      for (const method of ['GET', 'POST'] as const) {
        for (const mode of ['cors', 'no-cors'] as const) {
          tried++;
          const seen = await page.evaluate(
            async ({ url, method, mode, body }) => {
              try {
                const res = await fetch(url, { method, mode, credentials: 'include', ...(method === 'POST' ? { body } : {}) });
                // An opaque response has status 0 and an empty body: nothing to read.
                return res.type === 'opaque' ? 'opaque' : `readable ${res.status}: ${(await res.text()).slice(0, 80)}`;
              } catch (error) {
                return `failed: ${(error as Error).message}`;
              }
            },
            { url, method, mode, body: `${STEP_PACKET}` },
          );
          if (seen.startsWith('readable')) breach(`${mode} ${method} ${url} was ${seen}`);
        }
      }
    }
    // Blind packets with guessed tokens: a CONNECT with auth, then the step.
    for (const token of guesses) {
      tried++;
      await page.evaluate(
        async ({ url, body }) => {
          await fetch(url, { method: 'POST', mode: 'no-cors', body }).catch(() => undefined);
        },
        { url: `${handshake}&sid=nope`, body: `40${JSON.stringify({ token })}\u001e${STEP_PACKET}` },
      );
    }
    // Forms: a text/plain body can carry a packet; the frame shows whatever came back.
    for (const action of [handshake, `${target.url}/${DECK}/`, `${target.url}/`]) {
      tried++;
      await page.evaluate(
        ({ action, packet }) =>
          new Promise<void>((resolve) => {
            const frame = document.createElement('iframe');
            frame.name = `sink-${Math.random()}`;
            document.body.append(frame); // its about:blank loads now, before the form's answer
            frame.onload = () => resolve();
            setTimeout(resolve, 10_000); // an answer that never loads is no breach: go on
            const form = document.createElement('form');
            form.method = 'POST';
            form.action = action;
            form.enctype = 'text/plain';
            form.target = frame.name;
            const input = document.createElement('input');
            input.name = packet;
            input.value = '';
            form.append(input);
            document.body.append(form);
            form.submit();
          }),
        { action, packet: STEP_PACKET },
      );
    }
    return tried;
  });
