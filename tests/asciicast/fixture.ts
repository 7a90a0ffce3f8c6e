// Reads a hand-made recording from tests/fixtures/asciicast/.

import { readFileSync } from 'node:fs';

/** The text of a fixture file, exactly as stored (BOM and CRLF kept). */
export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/asciicast/${name}`, import.meta.url), 'utf8');
}
