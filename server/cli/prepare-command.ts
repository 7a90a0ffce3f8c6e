// `ptydeck prepare`: builds the offline demo image (ptydeck/busybox) the docker demos run.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../site/package-paths.ts';

/** The script that does the work: shell, since it is docker and tar commands end to end. */
export const PREPARE_SCRIPT = path.join(PACKAGE_ROOT, 'demos/docker/prepare.sh');

/**
 * Runs demos/docker/prepare.sh with this process's environment (DOCKER_HOST included), its
 * output going straight to the terminal. Resolves with the script's exit code: 0 when the image
 * was built or is already up to date, 1 when docker or busybox-static is missing (it says which).
 */
export function prepare(): Promise<number> {
  if (!fs.existsSync(PREPARE_SCRIPT)) {
    process.stderr.write(`ptydeck: ${PREPARE_SCRIPT} is missing: this ptydeck install is incomplete\n`);
    return Promise.resolve(1);
  }
  return new Promise((resolve) => {
    const child = spawn('bash', [PREPARE_SCRIPT], { stdio: 'inherit' });
    child.on('error', (error) => {
      process.stderr.write(`ptydeck: could not run ${PREPARE_SCRIPT}: ${error.message}\n`);
      resolve(1);
    });
    // Killed by a signal: the shell's convention, 128 + its number.
    child.on('close', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)));
  });
}
