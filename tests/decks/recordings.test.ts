// Every demo of every deck has a committed recording made from the demo as it now stands (the
// hash in the recording's header equals the demo's), with one marker per step.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAsciicast } from '../../protocol/asciicast/read.ts';
import { findDecks } from '../../server/site/find-decks.ts';
import { loadDeck } from '../../server/site/load-deck.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const set = findDecks(path.join(ROOT, 'slides'));
if ('error' in set) throw new Error(set.error);

describe('committed recordings', () => {
  for (const source of set.decks) {
    it(`has a fresh recording of every demo of ${source.name}`, async () => {
      const compiled = await loadDeck(set, source, 'none');
      expect(compiled.demos.length).toBeGreaterThan(0);
      const problems: string[] = [];
      for (const demo of compiled.demos) {
        const file = path.join(ROOT, 'demos/recordings', demo.deck, `${demo.id}.cast`);
        if (!fs.existsSync(file)) {
          problems.push(`${demo.id}: no recording (run: npx ptydeck record slides/${demo.deck}.md --demo ${demo.id})`);
          continue;
        }
        const read = readAsciicast(fs.readFileSync(file, 'utf8'));
        if (!read.ok) {
          problems.push(`${demo.id}: unreadable: ${read.error.message}`);
          continue;
        }
        const header = read.recording.header.ptydeck;
        if (header?.hash !== demo.hash) problems.push(`${demo.id}: stale (recorded ${header?.hash}, demo is ${demo.hash}): re-record it`);
        const markers = read.recording.events.filter((e) => e.kind === 'm').length;
        if (markers !== demo.steps.length) problems.push(`${demo.id}: ${markers} markers for ${demo.steps.length} steps`);
      }
      expect(problems).toEqual([]);
    });
  }
});
