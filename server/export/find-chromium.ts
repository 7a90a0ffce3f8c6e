// Which Chromium prints the PDF: PTYDECK_CHROMIUM when set, else the first one installed where
// Linux distributions put it. Nothing is downloaded: the export drives it itself (cdp-pipe.ts).
import fs from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The browser's path, or a sentence saying how to get one. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): { path: string } | { error: string } {
  if (env.PTYDECK_CHROMIUM) {
    return fs.existsSync(env.PTYDECK_CHROMIUM) ? { path: env.PTYDECK_CHROMIUM } : { error: `PTYDECK_CHROMIUM=${env.PTYDECK_CHROMIUM} does not exist` };
  }
  const found = CANDIDATES.find((file) => fs.existsSync(file));
  return found ? { path: found } : { error: `no Chromium found (looked for ${CANDIDATES.join(', ')}): install it (apt-get install chromium) or set PTYDECK_CHROMIUM` };
}
