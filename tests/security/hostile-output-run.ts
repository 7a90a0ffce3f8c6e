// Shows a hostile program's output in a real deck page, live through the real server or replayed
// from its recording, clicks the links it printed, and says what got through (see
// hostile-output-watch.ts). Shared by tests/security/hostile-output.test.ts and the bench part.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchHostileChromium } from './hostile-chromium.ts';
import { hostileProject, type HostileProject } from './hostile-project.ts';
import { startTarget, type Target } from './hostile-target.ts';
import { END_MARK, HTTP_LINK_TEXT, JS_LINK_TEXT, OUTPUT_DECK, OUTPUT_DECK_NAME, OUTPUT_DEMO, PAYLOAD_FILE, hostilePayload } from './hostile-output-payload.ts';
import { clickTerminalText, watchOutput } from './hostile-output-watch.ts';

const CLI = path.resolve(import.meta.dirname, '../../bin/ptydeck.mjs');
/** Loading the deck's demo part, and the whole flood going through the terminal, on a busy box. */
const SHOWN_MS = 90_000;

export type OutputMode = 'live' | 'replay';

export interface OutputSetup {
  readonly browser: Browser;
  readonly project: HostileProject;
  /** A server running the demo live, and one (--offline) that can only replay its recording. */
  readonly live: Target;
  readonly replay: Target;
  close(): Promise<void>;
}

interface DemoApi {
  deck: { isReady(): boolean; slide(h: number): void };
  demo?(id: string): { step(): Promise<unknown>; reset(): Promise<unknown>; text(): string; state: { kind: string; mounted: boolean } };
}

/** Writes the payload (`floodCount` random sequences from `seed`), records the demo with `ptydeck record`, starts both servers. */
export async function hostileOutputSetup(seed: number, floodCount: number): Promise<OutputSetup> {
  const project = hostileProject({ [`${OUTPUT_DECK_NAME}.md`]: OUTPUT_DECK }, { [PAYLOAD_FILE]: hostilePayload(seed, floodCount) });
  try {
    const env = { ...process.env, HOME: project.root }; // no ~/.bashrc of the machine in the recording
    await promisify(execFile)(process.execPath, [CLI, 'record', project.slides, '--force'], { cwd: project.root, env, maxBuffer: 64 << 20 });
    const [live, replay, browser] = await Promise.all([startTarget(project.root, project.slides), startTarget(project.root, project.slides, { offline: true }), launchHostileChromium()]);
    return {
      browser,
      project,
      live,
      replay,
      async close() {
        await browser.close();
        await Promise.all([live.stop(), replay.stop()]);
        project.remove();
      },
    };
  } catch (error) {
    project.remove();
    throw error;
  }
}

/**
 * Opens the output deck at `url` in `page` and waits until it has settled: reveal.js ready, on
 * the demo's slide, the demo past connecting (its terminal code loaded: the page adds that
 * chunk's <script> and <link> itself, after the load event). Resolves with the demo's state.
 */
export async function openOutputDeck(page: Page, url: string): Promise<string> {
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { ptydeck?: DemoApi }).ptydeck?.deck.isReady() === true, null, { timeout: SHOWN_MS });
  await page.evaluate(() => (window as unknown as { ptydeck: DemoApi }).ptydeck.deck.slide(1));
  await page.waitForFunction(
    (id) => {
      const kind = (window as unknown as { ptydeck: DemoApi }).ptydeck.demo?.(id).state.kind;
      return kind !== undefined && kind !== 'connecting';
    },
    OUTPUT_DEMO,
    { timeout: SHOWN_MS },
  );
  return page.evaluate((id) => (window as unknown as { ptydeck: DemoApi }).ptydeck.demo!(id).state.kind, OUTPUT_DEMO);
}

/** Plays the demo in a fresh page of `mode`'s server, clicks its links; returns what got through. */
export async function showHostileOutput(setup: OutputSetup, mode: OutputMode): Promise<string[]> {
  const target = mode === 'live' ? setup.live : setup.replay;
  const page = await setup.browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    const watch = await watchOutput(page);
    const kind = await openOutputDeck(page, `${target.url}/${OUTPUT_DECK_NAME}/#token=${target.token}`);
    const problems: string[] = [];
    if ((kind === 'live') !== (mode === 'live')) problems.push(`the demo was ${kind}, not ${mode}`);
    // The live server keeps the demo between pages: a round after the first starts it afresh.
    if (mode === 'live') await page.evaluate((id) => (window as unknown as { ptydeck: DemoApi }).ptydeck.demo!(id).reset(), OUTPUT_DEMO);
    await watch.arm();
    const reply = await page.evaluate((id) => (window as unknown as { ptydeck: DemoApi }).ptydeck.demo!(id).step().then((r) => JSON.stringify(r)), OUTPUT_DEMO);
    if (!/"ok":true/.test(reply)) problems.push(`the step failed: ${reply.slice(0, 120)}`);
    await page.waitForFunction((args) => (window as unknown as { ptydeck: DemoApi }).ptydeck.demo!(args.id).text().includes(args.end), { id: OUTPUT_DEMO, end: END_MARK }, { timeout: SHOWN_MS });
    for (const text of [JS_LINK_TEXT, HTTP_LINK_TEXT]) {
      if (!(await clickTerminalText(page, text))) problems.push(`the link ${text} is not on screen to click`);
    }
    return [...problems, ...(await watch.breaches())];
  } finally {
    await page.close();
  }
}
