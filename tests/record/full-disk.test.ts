// A full disk while recording: the write fails, the old recording stays whole, no temporary file
// is left. The disk is a 64 KiB tmpfs mounted over the recordings folder and unmounted after.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { skipReason } from '../skip-reason.ts';
import { CLI_TEST_TIMEOUT_MS, filesBeside, readRecording, runCli, tempProject, type TempProject } from './record-harness.ts';

/** Big enough for the old recording (~3 KiB) and a filler, small enough to fill in a blink. */
const TMPFS_SIZE = '64k';
/** The filler is written in pages until the file system refuses. */
const FILL_CHUNK = Buffer.alloc(4096, 0x2e);

function mounted(dir: string): boolean {
  return fs.readFileSync('/proc/mounts', 'utf8').split('\n').some((line) => line.split(' ')[1] === dir);
}

/** Writes `file` until ENOSPC: afterwards not one more byte fits. */
function fill(file: string): void {
  const fd = fs.openSync(file, 'w');
  try {
    for (;;) fs.writeSync(fd, FILL_CHUNK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    fs.closeSync(fd);
  }
  // A partial last page may still have room for a few bytes: take them too.
  try {
    for (;;) fs.appendFileSync(file, '.');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
}

const notRoot = process.geteuid?.() === 0 ? null : 'mounting a tmpfs and recording a UTS demo need root';

describe.skipIf(skipReason(notRoot))('ptydeck record on a full disk', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  let project: TempProject;
  let disk: string;
  beforeEach(() => {
    project = tempProject('slides');
    disk = path.dirname(project.recording('uts', 'uts'));
  });
  afterEach(() => {
    // Unmount before removing the project, or rm would only empty the tmpfs and leave it mounted.
    if (mounted(disk)) execFileSync('umount', [disk]);
    expect(mounted(disk)).toBe(false);
    project.remove();
    expect(fs.existsSync(project.root)).toBe(false);
  });

  it('keeps the old recording when the new one cannot be written', async () => {
    expect((await runCli(['record', project.slides])).code).toBe(0);
    const file = project.recording('uts', 'uts');
    const old = fs.readFileSync(file);
    fs.rmSync(file);
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_SIZE},mode=0755`, 'ptydeck-test-full', disk]);
    expect(mounted(disk)).toBe(true);
    fs.writeFileSync(file, old);
    fill(path.join(disk, 'filler'));

    const run = await runCli(['record', project.slides, '--force']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('ENOSPC');
    expect(run.stdout).toContain('0 recorded, 0 fresh, 0 skipped, 1 failed');
    expect(fs.readFileSync(file).equals(old)).toBe(true);
    expect(readRecording(file).version).toBe(3);
    expect(filesBeside(file)).toEqual(['filler', 'uts.cast']);
  });
});
