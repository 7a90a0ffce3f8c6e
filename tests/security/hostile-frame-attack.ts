// A page elsewhere frames the deck (to clickjack the presenter into stepping a demo): the
// browser must refuse to render it, by the deck's frame-ancestors and X-Frame-Options.
import { DECK, runAttack, type Attack } from './hostile-attack.ts';

export const frameFromForeignOrigin: Attack = (context) =>
  runAttack(context, 'iframe of the deck and its index in a page on another origin', async (page, breach) => {
    const { target, hostile, guesses } = context;
    await page.goto(`${hostile.origin}/`);
    const sources = [`${target.url}/`, `${target.url}/${DECK}/`, `${target.url}/${DECK}/#/1`, `${target.url}/${DECK}/#token=${guesses[0] ?? 'guess'}`];
    for (const src of sources) {
      await page.evaluate(
        (src) =>
          new Promise<void>((resolve) => {
            const frame = document.createElement('iframe');
            frame.src = src;
            frame.onload = () => resolve();
            setTimeout(resolve, 10_000); // a frame that never loads is refused too: go on
            document.body.append(frame);
          }),
        src,
      );
    }
    // A refused frame shows Chromium's error page, never the deck and its scripts.
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const url = frame.url();
      const deck = await frame.evaluate(() => typeof (window as unknown as { ptydeck?: unknown }).ptydeck !== 'undefined' || document.querySelector('.reveal') !== null).catch(() => false);
      if (url.startsWith(target.url) || deck) breach(`the deck rendered in a foreign frame (${url})`);
    }
    return sources.length;
  });
