// What a printed page shows of a demo: its recording's final screen as text in the placeholder,
// the badge saying recorded; a demo without a recording keeps its transcript.
import { describe, expect, it } from 'vitest';
import { DECK_RECORDINGS_ID } from '../../protocol/deck-config.ts';
import { addPrintPolicy, addPrintStyle, embeddedCasts, fillFinalScreens, finalScreens } from '../../server/export/print-page.ts';
import fs from 'node:fs';
import path from 'node:path';
import { REPLAY_PROJECT } from './replay-fixture.ts';

const figure = (id: string) =>
  `<figure class="ptydeck-demo" data-deck="replay" data-demo="${id}" data-cols="80" data-rows="18"><div class="ptydeck-demo-bar"><span class="ptydeck-demo-badge" data-state="transcript">transcript</span></div>` +
  `<div class="ptydeck-terminal"><pre class="ptydeck-transcript"><code><span class="ptydeck-step">$ echo</span>\n</code></pre></div></figure>`;

describe('the print page', () => {
  it('replays each embedded recording to its final screen', async () => {
    const cast = fs.readFileSync(path.join(REPLAY_PROJECT, 'demos/recordings/replay/count.cast'), 'utf8');
    const html = `<body><script type="application/json" id="${DECK_RECORDINGS_ID}">${JSON.stringify({ count: { cast, stale: null } })}</script></body>`;
    const casts = embeddedCasts(html);
    expect([...casts.keys()]).toEqual(['count']);
    const screens = await finalScreens(casts);
    expect(screens.get('count')).toBe('$ echo one\none\n$ printf \'two\\n\'\ntwo\n$ seq 3 5\n3\n4\n5\n$ echo done\ndone\n$');
  });

  it('writes a final screen into its placeholder, escaped, and leaves other demos as they are', () => {
    const html = `${figure('count')}\n${figure('other')}`;
    const filled = fillFinalScreens(html, new Map([['count', '$ echo <b>\n<b>']]));
    const [count, other] = filled.split('\n<figure');
    expect(count).toContain('data-state="recorded">recorded</span>');
    expect(count).toContain('<pre class="ptydeck-transcript ptydeck-final-screen"><code>$ echo &#60;b&#62;\n&#60;b&#62;\n</code></pre>');
    expect(`<figure${other}`).toBe(figure('other'));
  });

  it('sets notes pages large, after the page styles', () => {
    expect(addPrintStyle('<head><link></head>')).toMatch(/<link><style data-ptydeck-print>[\s\S]*speaker-notes-pdf[\s\S]*<\/style>\n<\/head>/);
  });

  it('prints code blocks and demos without the shadow PDF can only draw as a bitmap', () => {
    expect(addPrintStyle('<head></head>')).toMatch(/html\.reveal-print \.reveal \.slides pre\.shiki, html\.reveal-print \.reveal \.slides \.ptydeck-demo \{ box-shadow: none; \}/);
  });

  it('lets the printed page load its own files only, with a policy ahead of everything in the head', () => {
    const html = addPrintPolicy('<html><head><link rel="stylesheet" href="a.css"></head>');
    expect(html).toMatch(/^<html><head>\n<meta http-equiv="Content-Security-Policy" content="default-src file: data: blob: 'unsafe-inline' 'unsafe-eval'"><link/);
  });
});
