// Finds an executable on a PATH, as `command -v` would, without starting a shell.

import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** A command name a demo may ask for: no slashes, no spaces, nothing a shell would expand. */
export const COMMAND_NAME_PATTERN = /^[A-Za-z0-9._+-]+$/;

/** Returns the absolute path of the first executable file named `name` on `pathVar`, or null. */
export function findCommand(name: string, pathVar: string): string | null {
  if (!COMMAND_NAME_PATTERN.test(name)) return null;
  for (const dir of pathVar.split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here: try the next directory
    }
  }
  return null;
}
