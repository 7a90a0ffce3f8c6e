// Chromium for the hostile parts: Debian's, through playwright-core (nothing is downloaded), with
// `evil.test` resolving to loopback, as a DNS-rebinding attacker's name does once rebound.
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.PTYDECK_CHROMIUM ?? '/usr/bin/chromium';
/** The attacker's name; it resolves to 127.0.0.1, where ptydeck listens. */
export const REBOUND_NAME = 'evil.test';

/** Headless and quiet: no network of its own, no first-run, no background updates. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  `--host-resolver-rules=MAP ${REBOUND_NAME} 127.0.0.1`,
  // Chromium's Private/Local Network Access would block a rebound page's requests to loopback
  // before they reach ptydeck; other browsers do not. Off, so the server's own guard is tested.
  '--disable-features=BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights,PrivateNetworkAccessRespectPreflightResults,LocalNetworkAccessChecks',
];

/** Why the hostile browser cannot run here, or null. */
export function chromiumMissing(): string | null {
  return fs.existsSync(CHROMIUM_PATH) ? null : `${CHROMIUM_PATH} not found: install Debian's chromium (apt-get install chromium)`;
}

export function launchHostileChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS });
}
