// Temporary folders left by a killed process are removed by the next one (server/temp-folder.ts):
// with real processes, dead and alive, and with `ptydeck present` killed by SIGKILL.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempFolder, STALE_AFTER_MS, sweepStaleTempFolders } from '../../server/temp-folder.ts';
import { startPresent, stopPresent, type PresentChild } from '../replay/present-child.ts';
import { isRunning } from '../process-running.ts';

const roots: string[] = [];
function root(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-temp-folder-test-'));
  roots.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of roots.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** The pid of a process that has run and exited (its number is free again). */
function deadPid(): number {
  const done = spawnSync('/bin/true');
  expect(done.status).toBe(0);
  expect(isRunning(done.pid!)).toBe(false);
  return done.pid!;
}

/** A folder as makeTempFolder names it, last changed `ageMs` ago. */
function folder(dir: string, name: string, ageMs: number): string {
  const full = path.join(dir, name);
  fs.mkdirSync(full);
  fs.writeFileSync(path.join(full, 'left.txt'), 'behind');
  const when = (Date.now() - ageMs) / 1000;
  fs.utimesSync(full, when, when);
  return full;
}

describe('temporary folders', () => {
  it('are named for their process', () => {
    const dir = root();
    const made = makeTempFolder('ptydeck-x-', dir);
    expect(path.basename(made)).toMatch(new RegExp(`^ptydeck-x-${process.pid}-[A-Za-z0-9]{6}$`));
    expect(fs.statSync(made).isDirectory()).toBe(true);
  });

  it("removes only a dead process's folders of the prefix, once they have been still a while", () => {
    const dir = root();
    const dead = deadPid();
    const old = STALE_AFTER_MS * 2;
    const sleeper = spawn('sleep', ['30']);
    try {
      const stale = folder(dir, `ptydeck-x-${dead}-abc123`, old);
      const kept = [
        folder(dir, `ptydeck-x-${dead}-def456`, 1_000), // its maker's helper may still write there
        folder(dir, `ptydeck-x-${sleeper.pid}-abc123`, old), // a process that runs
        folder(dir, `ptydeck-x-${process.pid}-abc123`, old), // this one
        folder(dir, `ptydeck-y-${dead}-abc123`, old), // another prefix
        folder(dir, `ptydeck-x-${dead}-abc123-more`, old), // another shape of name
        folder(dir, `ptydeck-x-notapid-abc123`, old),
      ];
      fs.writeFileSync(path.join(dir, `ptydeck-x-${dead}-fil3ab`), 'a file, not a folder');
      expect(sweepStaleTempFolders('ptydeck-x-', dir)).toEqual([stale]);
      expect(fs.existsSync(stale)).toBe(false);
      for (const other of kept) expect(fs.existsSync(other)).toBe(true);
      expect(fs.existsSync(path.join(dir, `ptydeck-x-${dead}-fil3ab`))).toBe(true);
      // makeTempFolder sweeps before it makes its own.
      const again = folder(dir, `ptydeck-x-${dead}-ghi789`, old);
      makeTempFolder('ptydeck-x-', dir);
      expect(fs.existsSync(again)).toBe(false);
    } finally {
      sleeper.kill('SIGKILL');
    }
  });

  it('does not fail when the folder to look in does not exist', () => {
    expect(sweepStaleTempFolders('ptydeck-x-', path.join(root(), 'missing'))).toEqual([]);
  });

  describe('ptydeck present killed by SIGKILL', { timeout: 120_000 }, () => {
    let first: PresentChild | undefined;
    let second: PresentChild | undefined;
    afterEach(async () => {
      await stopPresent(first);
      await stopPresent(second);
    });

    it('leaves its build folder behind, and the next present removes it', async () => {
      const tmp = root();
      const decks = path.join(root(), 'slides');
      fs.mkdirSync(decks);
      fs.writeFileSync(path.join(decks, 'one.md'), '# One\n\n---\n\n# Two\n');
      const builds = () => fs.readdirSync(tmp).filter((name) => name.startsWith('ptydeck-present-'));

      first = await startPresent(decks, 0, 'a'.repeat(32), tmp);
      const left = builds();
      expect(left).toEqual([expect.stringMatching(new RegExp(`^ptydeck-present-${first.child.pid}-`))]);
      first.child.kill('SIGKILL');
      await first.exited;
      expect(builds()).toEqual(left); // nothing ran to remove it
      const when = (Date.now() - STALE_AFTER_MS * 2) / 1000;
      fs.utimesSync(path.join(tmp, left[0]!), when, when);

      second = await startPresent(decks, 0, 'b'.repeat(32), tmp);
      expect(builds()).toEqual([expect.stringMatching(new RegExp(`^ptydeck-present-${second.child.pid}-`))]);
      await stopPresent(second);
      // SIGTERM sent the moment the URL was printed: the teardown ran (it once raced the handler).
      expect(second.child.exitCode).toBe(0);
      expect(builds()).toEqual([]); // and a present that stops removes its own
    });
  });
});
