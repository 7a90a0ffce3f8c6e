// A recording replaces the old one whole or not at all.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtomicFile } from '../../server/record/atomic-file.ts';

describe('AtomicFile', () => {
  let dir: string;
  let target: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-atomic-'));
    target = path.join(dir, 'deck', 'demo.cast');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function open(): AtomicFile {
    const opened = AtomicFile.open(target);
    if (!opened.ok) throw new Error(opened.message);
    return opened.file;
  }

  it('creates the folder, writes under a hidden temporary name, and renames on commit', () => {
    const file = open();
    file.append('one\n');
    file.append('two\n');
    expect(fs.readdirSync(path.dirname(target))).toEqual([path.basename(file.tempPath)]);
    expect(path.basename(file.tempPath)).toMatch(/^\.demo\.cast\.\d+\.[0-9a-f]+\.tmp$/);
    expect(fs.existsSync(target)).toBe(false);
    expect(file.commit()).toEqual({ ok: true });
    expect(fs.readFileSync(target, 'utf8')).toBe('one\ntwo\n');
    expect(fs.readdirSync(path.dirname(target))).toEqual(['demo.cast']);
  });

  it('leaves the old file as it was on abort, and aborting twice is harmless', () => {
    fs.mkdirSync(path.dirname(target));
    fs.writeFileSync(target, 'old\n');
    const file = open();
    file.append('half a recor');
    file.abort();
    file.abort();
    expect(fs.readFileSync(target, 'utf8')).toBe('old\n');
    expect(fs.readdirSync(path.dirname(target))).toEqual(['demo.cast']);
    expect(file.commit()).toMatchObject({ ok: false });
  });

  it('returns why when the folder cannot be created', () => {
    fs.writeFileSync(path.join(dir, 'deck'), 'a file where the folder should be');
    const opened = AtomicFile.open(target);
    expect(opened.ok).toBe(false);
    expect(!opened.ok && opened.message).toMatch(/could not create .*(EEXIST|ENOTDIR)/);
  });
});
