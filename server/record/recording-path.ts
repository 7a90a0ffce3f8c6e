// Where a demo's recording lives in a project: one .cast file per demo, grouped by deck.

import path from 'node:path';

/** The folder of recordings under the project root (DESIGN.md, Layout). */
export const RECORDINGS_DIR = path.join('demos', 'recordings');

/** The file extension asciinema and its players expect. */
export const RECORDING_EXTENSION = '.cast';

/** Absolute path of `demos/recordings/<deck>/<demo>.cast` under `projectRoot`. */
export function recordingPath(projectRoot: string, deck: string, demo: string): string {
  return path.join(projectRoot, RECORDINGS_DIR, deck, `${demo}${RECORDING_EXTENSION}`);
}
