// Reliability part: many viewers on one running demo (socket.io audience clients and real
// Chromium pages, half of them arriving mid-flood); each must end on the server's screen. The
// same runLoad is tests/reliability/load.test.ts.
import { chromiumMissing, launchChromium } from '../../tests/browser/chromium.ts';
import { MAX_CONNECTIONS } from '../../server/live/demo-socket-server.ts';
import { runLoad } from '../../tests/reliability/load-run.ts';
import type { ReliabilityPart } from './row.ts';

/**
 * The crowd: 50 views of one demo; the full bench also fills the server to its
 * connection limit (the presenter's socket is one of them) and knocks beyond it.
 */
const CROWDS = { quick: [50], full: [50, MAX_CONNECTIONS - 1] } as const;
/** Connections tried past the limit in the full bench: each must be refused, none may disturb the crowd. */
const BEYOND = 10;
/** Real pages among them: a few, as Chromium pages cost far more than sockets on 2 cores. */
const PAGES = { quick: 3, full: 5 } as const;

export const run: ReliabilityPart = async ({ quick }) => {
  const missing = chromiumMissing();
  const browser = missing === null ? await launchChromium() : null;
  const pages = browser ? (quick ? PAGES.quick : PAGES.full) : 0;
  try {
    const rows = [];
    for (const crowd of quick ? CROWDS.quick : CROWDS.full) {
      const beyond = crowd === MAX_CONNECTIONS - 1 ? BEYOND : 0;
      const report = await runLoad({ viewers: crowd - pages, pages, browser, beyond });
      rows.push({
        category: 'load',
        attack: `${crowd} viewers on one running demo (${pages} Chromium pages), half arriving mid-flood: same final screen` +
          (beyond > 0 ? `; ${beyond} more past the connection limit refused` : ''),
        tried: report.viewers + beyond,
        failed: report.mismatches.length + (beyond - report.refusedBeyond),
        notes: `${report.seconds.toFixed(0)} s; ${Math.round(report.outputBytes / 1024)} KiB of output each` +
          (beyond > 0 ? `; ${report.refusedBeyond} of ${beyond} connections past the limit of ${MAX_CONNECTIONS} refused` : '') +
          (missing ? `; no Chromium: ${missing}` : '') +
          (report.mismatches.length > 0 ? `; ${report.mismatches[0]}` : ''),
      });
    }
    return rows;
  } finally {
    await browser?.close();
  }
};
