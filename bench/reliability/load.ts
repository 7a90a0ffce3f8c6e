// Reliability part: many viewers on one running demo (socket.io audience clients and real
// Chromium pages, half of them arriving mid-flood); each must end on the server's screen. The
// same runLoad is tests/reliability/load.test.ts.
import { chromiumMissing, launchChromium } from '../../tests/browser/chromium.ts';
import { runLoad } from '../../tests/reliability/load-run.ts';
import type { ReliabilityPart } from './row.ts';

/** The crowd: 50 views of one demo; the full bench also tries four times as many. */
const CROWDS = { quick: [50], full: [50, 200] } as const;
/** Real pages among them: a few, as Chromium pages cost far more than sockets on 2 cores. */
const PAGES = { quick: 3, full: 5 } as const;

export const run: ReliabilityPart = async ({ quick }) => {
  const missing = chromiumMissing();
  const browser = missing === null ? await launchChromium() : null;
  const pages = browser ? (quick ? PAGES.quick : PAGES.full) : 0;
  try {
    const rows = [];
    for (const crowd of quick ? CROWDS.quick : CROWDS.full) {
      const report = await runLoad({ viewers: crowd - pages, pages, browser });
      rows.push({
        category: 'load',
        attack: `${crowd} viewers on one running demo (${pages} Chromium pages), half arriving mid-flood: same final screen`,
        tried: report.viewers,
        failed: report.mismatches.length,
        notes: `${report.seconds.toFixed(0)} s; ${Math.round(report.outputChars / 1024)} KiB of output each` +
          (missing ? `; no Chromium: ${missing}` : '') +
          (report.mismatches.length > 0 ? `; ${report.mismatches[0]}` : ''),
      });
    }
    return rows;
  } finally {
    await browser?.close();
  }
};
