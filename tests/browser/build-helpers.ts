// Builds the decks with the real CLI into a temporary folder, for the browser tests.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** Runs `ptydeck build <decks> --out <tmp>` and returns the output folder. */
export async function buildWithCli(decks = 'slides'): Promise<string> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-site-'));
  await run(process.execPath, [path.join(ROOT, 'bin/ptydeck.mjs'), 'build', decks, '--out', out], { cwd: ROOT });
  return out;
}
