// Temporary folders named for the process that made them (`<prefix><pid>-XXXXXX`), so that one
// left behind by a process that could not clean up (SIGKILL, a closed laptop lid that never
// came back, the OOM killer) is removed by the next one made with the same prefix.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A left-behind folder goes only once this long has passed since it last changed: a helper of
 * its dead maker's (Chromium's last process writing its profile) may still be finishing.
 */
export const STALE_AFTER_MS = 60_000;

/** What mkdtemp appends: six characters. */
const NAME = /^(\d+)-[A-Za-z0-9]{6}$/;

/** Whether process `pid` exists; one of another user's (EPERM) counts. */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Makes `<root>/<prefix><pid>-XXXXXX`, after removing the stale ones of dead processes. */
export function makeTempFolder(prefix: string, root: string = os.tmpdir()): string {
  sweepStaleTempFolders(prefix, root);
  return fs.mkdtempSync(path.join(root, `${prefix}${process.pid}-`));
}

/**
 * Removes `<root>/<prefix><pid>-XXXXXX` folders whose process is gone, that this user owns and
 * that have not changed for STALE_AFTER_MS; returns their paths. Anything else with the prefix
 * (another user's, a live process's, a name of another shape) is left alone, and a folder that
 * cannot be removed is skipped: making a new one must not fail because of an old one.
 */
export function sweepStaleTempFolders(prefix: string, root: string = os.tmpdir()): string[] {
  const removed: string[] = [];
  const now = Date.now();
  let names: string[];
  try {
    names = fs.readdirSync(root);
  } catch {
    return removed;
  }
  const uid = process.getuid?.();
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(NAME.exec(name.slice(prefix.length))?.[1] ?? NaN);
    if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid || processExists(pid)) continue;
    const folder = path.join(root, name);
    try {
      const stat = fs.lstatSync(folder);
      if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid) || now - stat.mtimeMs < STALE_AFTER_MS) continue;
      fs.rmSync(folder, { recursive: true, force: true });
      removed.push(folder);
    } catch {
      // Gone meanwhile (another sweep), or not ours to remove: leave it.
    }
  }
  return removed;
}
