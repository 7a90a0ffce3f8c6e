// Builds the decks with the real CLI into a temporary folder, for the browser tests.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** Runs `ptydeck build <decks> --out <tmp>` and returns the output folder. */
export async function buildWithCli(decks = 'slides'): Promise<string> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-site-'));
  await run(process.execPath, [path.join(ROOT, 'bin/ptydeck.mjs'), 'build', decks, '--out', out], { cwd: ROOT });
  return out;
}

/** The decks built with the CLI and a Chromium, for the tests of one describe block. */
export interface BuiltSite {
  readonly dir: string;
  readonly browser: Browser;
}

/** Registers beforeAll/afterAll that build the decks and launch Chromium, and clean both up. */
export function useBuiltSite(): () => BuiltSite {
  let built: BuiltSite | null = null;
  beforeAll(async () => {
    const [dir, browser] = await Promise.all([buildWithCli(), launchChromium()]);
    built = { dir, browser };
  }, 120_000);
  afterAll(async () => {
    await built?.browser.close();
    if (built) fs.rmSync(built.dir, { recursive: true, force: true });
  });
  return () => {
    if (!built) throw new Error('useBuiltSite(): the site is built in beforeAll; read it inside a test');
    return built;
  };
}
