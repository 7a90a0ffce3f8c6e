// Fault: the demo server killed with SIGKILL mid-demo (a crash, the OOM killer) and started
// again on the same port. Promised, in a real Chromium page: the slide falls back to the
// demo's recording while the server is gone, reconnects by itself, goes live again once it is
// back, and the presenter can go on with the new server; the talk never stops.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { emitAny, tryConnect } from '../live/client-helpers.ts';
import { tempProject } from '../live/fixture-helpers.ts';
import { markOwnDemoProcesses, ownDemoProcesses, settle } from '../live/host-state-helpers.ts';
import { Promises, type FaultOutcome } from './fault-outcome.ts';
import { freePort, startServerProcess, type ServerProcess } from './server-process.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/ptydeck.mjs');
const DECK = `# Server killed

\`\`\`demo id=steady timeout=20 cols=80 rows=18
$ echo first-step
first-step
$ echo second-step
second-step
$ echo third-step
third-step
\`\`\`
`;
const DEMO = { deck: 'fault', id: 'steady' } as const;
/** Waits on the page: reconnect back-off is up to 5 s, a dev server start several more (ms). */
const PAGE_WAIT_MS = 90_000;

type Kind = 'live' | 'recorded' | 'connecting' | 'offline' | 'transcript';

async function kindIs(page: Page, kinds: readonly Kind[]): Promise<boolean> {
  return page
    .waitForFunction((k) => (k as readonly string[]).includes(window.ptydeck.demo!('steady').state.kind) && window.ptydeck.demo!('steady').state.mounted, kinds, { timeout: PAGE_WAIT_MS })
    .then(() => true, () => false);
}

async function textHas(page: Page, text: string): Promise<boolean> {
  return page
    .waitForFunction((t) => window.ptydeck.demo!('steady').text().includes(t), text, { timeout: PAGE_WAIT_MS })
    .then(() => true, () => false);
}

/** Runs the presenter's next step over a socket of its own (the page is an audience view). */
async function presenterStep(server: ServerProcess): Promise<unknown> {
  const connected = await tryConnect(server.url, { auth: { token: server.token } });
  if ('error' in connected) return connected;
  await emitAny(connected.socket, 'demo:attach', DEMO);
  const reply = await emitAny(connected.socket, 'demo:step', DEMO, 30_000);
  connected.socket.close();
  return reply;
}

export async function killServerUnderPage(browser: Browser): Promise<FaultOutcome> {
  const fault = 'the demo server killed with SIGKILL mid-demo and restarted on the same port, a Chromium page on the demo';
  const marker = markOwnDemoProcesses();
  const project = tempProject([]);
  fs.writeFileSync(path.join(project.slides, 'fault.md'), DECK);
  const promises = new Promises();
  const notes: string[] = [];
  // The recording the slide falls back to, made as a presenter makes it.
  await promisify(execFile)(process.execPath, [BIN, 'record', project.slides], { cwd: project.root, timeout: 120_000 });
  const port = await freePort();
  const token = randomBytes(16).toString('hex');
  let server = await startServerProcess(project.slides, port, token);
  const page = await browser.newPage();
  try {
    await page.goto(`${server.url}/fault/`);
    await page.waitForFunction(() => window.ptydeck?.demo?.('steady') !== undefined, null, { timeout: PAGE_WAIT_MS });
    promises.check(await kindIs(page, ['live']), 'the page did not go live at first');
    promises.check((await presenterStep(server)) !== 'no-reply', 'the first step got no reply');
    promises.check(await textHas(page, 'first-step'), 'the page does not show the first step');

    await server.kill();
    const killedAt = Date.now();
    const fellBack = await kindIs(page, ['recorded']);
    promises.check(fellBack, 'the slide did not fall back to the recording while the server was gone');
    if (fellBack) notes.push(`recording after ${((Date.now() - killedAt) / 1000).toFixed(1)} s`);
    const badge = await page.evaluate(() => window.ptydeck.demo!('steady').state.label);
    promises.check(badge === 'recorded', `the badge says "${badge}", not "recorded"`);
    // The recording can be stepped meanwhile: the talk goes on.
    const replayed = (await page.evaluate(() => window.ptydeck.demo!('steady').step())) as { ok: boolean };
    promises.check(replayed.ok, `the recording would not step: ${JSON.stringify(replayed)}`);

    const restartAt = Date.now();
    server = await startServerProcess(project.slides, port, token);
    const back = await kindIs(page, ['live']);
    promises.check(back, 'the page did not return to live once the server was back');
    if (back) notes.push(`live again ${((Date.now() - restartAt) / 1000).toFixed(1)} s after the restart`);
    // The new server starts the demo afresh; the presenter goes on there.
    const reply = (await presenterStep(server)) as { ok?: boolean };
    promises.check(reply.ok === true, `the first step on the restarted server failed: ${JSON.stringify(reply)}`);
    promises.check(await textHas(page, 'first-step'), 'the page does not show the restarted server\'s step');
    const state = await page.evaluate(() => window.ptydeck.demo!('steady').state);
    promises.check(state.kind === 'live' && state.nextStep === 1, `after the restart the page shows ${state.kind} at step ${state.nextStep}`);
  } finally {
    await page.close();
    const exit = await server.stop();
    promises.check(exit === 0, `the restarted server's Ctrl-C exit was ${exit}`);
    // The killed server could not tear its demo down: its shell must still die with the pty.
    const left = await settle(() => ownDemoProcesses(marker));
    promises.check(left.length === 0, `demo processes left: ${left.map((p) => `${p.pid} ${p.command}`).join(', ')}`);
    project.remove();
  }
  return { fault, problems: promises.problems, notes: notes.join('; ') };
}
