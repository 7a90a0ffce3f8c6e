// Chromium for the hostile parts: Debian's, through playwright-core (nothing is downloaded), with
// `evil.test` resolving to loopback, as a DNS-rebinding attacker's name does once rebound.
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../../server/export/print-pdf.ts';
import { CHROMIUM_PATH, chromiumMissing } from '../browser/chromium.ts';

export { CHROMIUM_PATH, chromiumMissing };
/** The attacker's name; it resolves to 127.0.0.1, where ptydeck listens. */
export const REBOUND_NAME = 'evil.test';

/** The browser tests' flags, plus a resolver that sends the attacker's name to loopback. */
const FLAGS = [
  ...CHROMIUM_FLAGS,
  '--disable-quic',
  `--host-resolver-rules=MAP ${REBOUND_NAME} 127.0.0.1`,
  // Chromium's Private/Local Network Access would block a rebound page's requests to loopback
  // before they reach ptydeck; other browsers do not. Off, so the server's own guard is tested.
  '--disable-features=BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights,PrivateNetworkAccessRespectPreflightResults,LocalNetworkAccessChecks',
];

export function launchHostileChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS });
}
