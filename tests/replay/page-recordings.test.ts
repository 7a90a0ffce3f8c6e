// A deck page carries its demos' recordings: read from demos/recordings/<deck>/<id>.cast, only
// that deck's, stale ones marked, in a JSON element of their own at the end of the body.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DECK_CONFIG_ID, DECK_RECORDINGS_ID, type DeckPageConfig, type EmbeddedRecordings } from '../../protocol/deck-config.ts';
import { findDecks } from '../../server/site/find-decks.ts';
import { loadDeck } from '../../server/site/load-deck.ts';
import { loadRecordings } from '../../server/site/load-recordings.ts';
import { renderDeckPage } from '../../server/site/render-page.ts';
import { REPLAY_DECKS, REPLAY_PROJECT } from './replay-fixture.ts';

async function fixtureDeck() {
  const set = findDecks(REPLAY_DECKS);
  if ('error' in set) throw new Error(set.error);
  return { set, compiled: await loadDeck(set, set.decks[0]!, 'none') };
}

function jsonElement<T>(html: string, id: string): T {
  const match = new RegExp(`<script type="application/json" id="${id}">([\\s\\S]*?)</script>`).exec(html);
  if (!match) throw new Error(`no #${id}`);
  return JSON.parse(match[1]!) as T;
}

describe('loadRecordings', () => {
  it("reads the deck's recordings, fresh and stale, and skips demos without one", async () => {
    const { compiled } = await fixtureDeck();
    const { recordings, diagnostics } = loadRecordings(REPLAY_PROJECT, compiled.demos, 'slides/replay.md');
    expect(Object.keys(recordings).sort()).toEqual(['count', 'needs-tool', 'typed']);
    expect(recordings.count!.stale).toBeNull();
    expect(recordings.count!.cast).toBe(fs.readFileSync(path.join(REPLAY_PROJECT, 'demos/recordings/replay/count.cast'), 'utf8'));
    expect(recordings.typed!.stale).toMatch(/another version of the demo \(hash 0000000000000000, now [0-9a-f]+\): run ptydeck record again/);
    expect(diagnostics).toEqual([]);
  });

  describe('in a project of its own', () => {
    let root: string;
    beforeEach(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-recordings-'));
      fs.cpSync(REPLAY_PROJECT, root, { recursive: true });
    });
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    it('warns about a file that is not a recording, with the line of its demo, and leaves it out', async () => {
      fs.writeFileSync(path.join(root, 'demos/recordings/replay/count.cast'), 'not a recording\n');
      const { compiled } = await fixtureDeck();
      const { recordings, diagnostics } = loadRecordings(root, compiled.demos, 'slides/replay.md');
      expect(Object.keys(recordings).sort()).toEqual(['needs-tool', 'typed']);
      expect(diagnostics).toEqual([
        expect.objectContaining({ severity: 'warning', code: 'recording-unreadable', file: 'slides/replay.md', line: compiled.demos[0]!.line }),
      ]);
    });

    it("never embeds another deck's recordings", async () => {
      fs.mkdirSync(path.join(root, 'demos/recordings/other'), { recursive: true });
      fs.copyFileSync(path.join(root, 'demos/recordings/replay/count.cast'), path.join(root, 'demos/recordings/other/unrecorded.cast'));
      const { compiled } = await fixtureDeck();
      expect(Object.keys(loadRecordings(root, compiled.demos, 'replay.md').recordings).sort()).toEqual(['count', 'needs-tool', 'typed']);
    });
  });
});

describe('renderDeckPage with recordings', () => {
  it('puts them in their own element after the slides, and nothing of them in the config', async () => {
    const { set, compiled } = await fixtureDeck();
    const { recordings } = loadRecordings(set.projectRoot, compiled.demos, 'replay.md');
    const html = renderDeckPage(compiled, { scripts: [], styles: [] }, { recordings });
    expect(jsonElement<EmbeddedRecordings>(html, DECK_RECORDINGS_ID)).toEqual(recordings);
    expect(html.indexOf(`id="${DECK_RECORDINGS_ID}"`)).toBeGreaterThan(html.indexOf('</div></div>'));
    const config = jsonElement<DeckPageConfig>(html, DECK_CONFIG_ID);
    expect(config).toEqual({ deck: 'replay', title: 'Replay fixtures', reveal: {}, live: null });
  });

  it('keeps a recording that contains </script> inside its element', async () => {
    const { compiled } = await fixtureDeck();
    const cast = '{"version":3,"term":{"cols":80,"rows":18}}\n[0.1,"o","</script><script>alert(1)</script>"]\n';
    const html = renderDeckPage(compiled, { scripts: [], styles: [] }, { recordings: { count: { cast, stale: null } } });
    // The page's own three elements close (the prepaint line, the config, the recordings); the cast's never do.
    expect(html.match(/<script\b/g)).toHaveLength(3);
    expect(html.match(/<\/script>/g)).toHaveLength(3);
    expect(jsonElement<EmbeddedRecordings>(html, DECK_RECORDINGS_ID).count!.cast).toBe(cast);
  });

  it('has no recordings element when the deck has none, and says offline, the platform and fallback: auto in the config', async () => {
    const { compiled } = await fixtureDeck();
    const auto = { ...compiled, meta: { ...compiled.meta, fallback: 'auto' as const } };
    const html = renderDeckPage(auto, { scripts: [], styles: [] }, { live: { socketPath: '/s', platform: 'linux' }, offline: true });
    expect(html).not.toContain(DECK_RECORDINGS_ID);
    expect(jsonElement<DeckPageConfig>(html, DECK_CONFIG_ID)).toMatchObject({ live: { socketPath: '/s', platform: 'linux' }, offline: true, fallback: 'auto' });
  });
});
