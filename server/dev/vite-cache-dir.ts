// A Vite dependency cache of this server's own (see dev-server.ts for why not a shared one).
// Its name carries the server's pid, so a server that died without cleaning up (SIGKILL) has
// its cache removed by the next one that starts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PREFIX = 'ptydeck-vite-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates this server's cache folder, removing those left by servers no longer running. */
export function createViteCacheDir(): string {
  const tmp = os.tmpdir();
  for (const name of fs.readdirSync(tmp)) {
    const pid = Number(/^ptydeck-vite-(\d+)-/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !alive(pid)) fs.rmSync(path.join(tmp, name), { recursive: true, force: true });
  }
  return fs.mkdtempSync(path.join(tmp, `${PREFIX}${process.pid}-`));
}
