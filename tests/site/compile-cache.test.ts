// The compiled CLI (bin/compile-cache.mjs) holds its sources' absolute paths, so its cache is
// keyed by where the checkout is as well as by what it holds: a checkout that was moved, or a
// second one sharing the same node_modules, builds decks instead of reading files where the
// sources used to be. (It did not: two identical checkouts shared one compiled CLI, and once the
// first was gone the second failed with ENOENT on the first one's theme CSS.)
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const CACHE = path.join(ROOT, 'node_modules/.cache/ptydeck');
/** What `ptydeck build` needs of a checkout; node_modules is this one's, linked. */
const CHECKOUT = ['bin', 'server', 'protocol', 'theme', 'package.json', 'tsconfig.base.json'];

const compiledNow = () => new Set(fs.existsSync(CACHE) ? fs.readdirSync(CACHE).filter((name) => name.startsWith('node-')) : []);
const before = compiledNow();
const made: string[] = [];

afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  // The compiled CLIs of the copies: keyed by their paths, which no longer exist.
  for (const name of compiledNow()) if (!before.has(name)) fs.rmSync(path.join(CACHE, name), { recursive: true, force: true });
});

function copyOfCheckout(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-checkout-'));
  made.push(dir);
  for (const entry of CHECKOUT) fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  // The copies' sources are the same as each other's and differ from this checkout's, so neither
  // can borrow this checkout's compiled CLI (whose paths exist): only the place tells them apart.
  fs.appendFileSync(path.join(dir, 'server/cli/main.ts'), '\n// a copy, for tests/site/compile-cache.test.ts\n');
  return dir;
}

describe('the compiled CLI of a checkout that moved', () => {
  it('builds a deck from the new place after the old one is gone', async () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-moved-deck-'));
    made.push(project);
    fs.writeFileSync(path.join(project, 'talk.md'), '---\ntitle: Moved\n---\n# Still builds\n');

    const first = copyOfCheckout();
    await run(process.execPath, [path.join(first, 'bin/ptydeck.mjs'), 'build', 'talk.md', '--out', 'first'], { cwd: project });
    expect(fs.readFileSync(path.join(project, 'first/talk/index.html'), 'utf8')).toContain('Still builds');
    fs.rmSync(first, { recursive: true, force: true });

    const second = copyOfCheckout();
    const built = await run(process.execPath, [path.join(second, 'bin/ptydeck.mjs'), 'build', 'talk.md', '--out', 'second'], { cwd: project }).catch((error: Error & { stderr?: string }) => error);
    expect(built instanceof Error ? built.stderr ?? built.message : '').toBe('');
    expect(fs.readFileSync(path.join(project, 'second/talk/index.html'), 'utf8')).toContain('Still builds');
  }, 120_000);
});
