// Many viewers on one running demo: socket.io clients without the token (as audience pages
// are) and real Chromium pages, some attaching before the run and some in the middle of its
// flood, while the presenter steps through it. Afterwards every viewer must show the screen
// the server ends with. Shared by tests/reliability/load.test.ts and the bench.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { DemoSnapshot } from '../../protocol/socket-events.ts';
import { emitAny, tryConnect } from '../live/client-helpers.ts';
import { tempProject } from '../live/fixture-helpers.ts';
import type { ClientSocket } from '../live/live-harness.ts';
import { ViewScreen } from '../live/screen-helpers.ts';
import { freePort, startServerProcess } from './server-process.ts';

/** The demo everyone watches: a colourful flood, then short steps, so late views join mid-output. */
const LOAD_DECK = `# Load

\`\`\`demo id=crowd timeout=30 cols=80 rows=18
$ seq 1 3000 | awk '{ printf "%d \\033[3%dmline of the crowd demo\\033[0m %s\\n", $1, $1 % 8, "漢字" }'
$ echo "sum $((1 + 2 + 3))"
sum 6
$ echo the end
the end
\`\`\`
`;
const DEMO = { deck: 'load', id: 'crowd' } as const;
const COLS = 80;
const ROWS = 18;
/** How long a view may take to show the final screen after the last step (ms): 50 views on 2 cores. */
const CATCH_UP_MS = 60_000;

export interface LoadOptions {
  readonly viewers: number;
  /** Real Chromium pages among the viewers (0 without a browser). */
  readonly pages: number;
  readonly browser: Browser | null;
  /** Connections tried once the crowd is in, expected to be refused at the server's limit (MAX_CONNECTIONS). */
  readonly beyond?: number;
}

export interface LoadReport {
  readonly viewers: number;
  readonly pages: number;
  /** Views whose last screen differs from the server's, with the first differing line. */
  readonly mismatches: string[];
  readonly seconds: number;
  /** Bytes of output (UTF-8) each socket viewer received. */
  readonly outputBytes: number;
  /** Of the connections tried beyond the crowd, how many the server refused. */
  readonly refusedBeyond: number;
}

interface SocketViewer {
  readonly socket: ClientSocket;
  readonly screen: ViewScreen;
  status: string;
  bytes: number;
}

async function viewer(url: string): Promise<SocketViewer> {
  const connected = await tryConnect(url); // no token: an audience page, read-only
  if ('error' in connected) throw new Error(`viewer could not connect: ${connected.error}`);
  const v: SocketViewer = { socket: connected.socket, screen: new ViewScreen(COLS, ROWS, 5_000), status: '', bytes: 0 };
  let drawn = false;
  const held: Array<Uint8Array | string> = [];
  v.socket.on('demo:output', ({ deck, id, data }) => {
    v.bytes += data.length;
    if (drawn) v.screen.write(data);
    else held.push(data);
    v.socket.emit('output:ack', { deck, id, bytes: data.length });
  });
  v.socket.on('demo:state', (s) => (v.status = s.status));
  // Output the server sends after the reply belongs after the reply's screen (see robustness.test.ts).
  await new Promise<void>((resolve, reject) =>
    v.socket.emit('demo:attach', DEMO, (reply) => {
      if (!reply.ok) return reject(new Error(reply.error.message));
      v.screen.write(reply.snapshot.screen);
      for (const data of held.splice(0)) v.screen.write(data);
      drawn = true;
      v.status = reply.snapshot.status;
      resolve();
    }),
  );
  return v;
}

/** The visible rows, trailing blank rows dropped. */
function visible(rows: readonly string[]): string[] {
  const out = [...rows];
  while (out.length > 0 && out.at(-1) === '') out.pop();
  return out;
}

function firstDifference(what: string, got: readonly string[], want: readonly string[]): string | null {
  const rows = Math.max(got.length, want.length);
  for (let i = 0; i < rows; i++) {
    if (got[i] !== want[i]) return `${what}: row ${i} is ${JSON.stringify(got[i] ?? null)}, the server's ${JSON.stringify(want[i] ?? null)}`;
  }
  return null;
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + CATCH_UP_MS;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs the crowd demo under `options.viewers` views; throws only when the server cannot be started. */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const project = tempProject([]);
  fs.writeFileSync(path.join(project.slides, 'load.md'), LOAD_DECK);
  const server = await startServerProcess(project.slides, await freePort(), randomBytes(16).toString('hex'));
  const started = Date.now();
  const viewers: SocketViewer[] = [];
  const pages = options.browser ? await Promise.all(Array.from({ length: options.pages }, () => options.browser!.newPage())) : [];
  try {
    const presenter = (await tryConnect(server.url, { auth: { token: server.token } })) as Exclude<Awaited<ReturnType<typeof tryConnect>>, { error: string }>;
    if ('error' in presenter) throw new Error('presenter could not connect');
    const p = presenter.socket;
    p.on('demo:output', ({ deck, id, data }) => p.emit('output:ack', { deck, id, bytes: data.length }));
    await emitAny(p, 'demo:attach', DEMO, CATCH_UP_MS);
    const early = Math.ceil(options.viewers / 2);
    for (let i = 0; i < early; i++) viewers.push(await viewer(server.url));
    await Promise.all(
      pages.map(async (page) => {
        await page.goto(`${server.url}/load/`);
        await page.waitForFunction(() => window.ptydeck?.demo?.('crowd')?.state.mounted === true, null, { timeout: CATCH_UP_MS });
      }),
    );
    // The flood starts; the other half of the crowd arrives while it pours out.
    const flood = emitAny(p, 'demo:step', DEMO, CATCH_UP_MS);
    for (let i = early; i < options.viewers; i++) viewers.push(await viewer(server.url));
    let refusedBeyond = 0;
    for (let i = 0; i < (options.beyond ?? 0); i++) {
      const extra = await tryConnect(server.url);
      if ('error' in extra) refusedBeyond++;
      else extra.socket.close();
    }
    await flood;
    await emitAny(p, 'demo:step', DEMO, CATCH_UP_MS);
    await emitAny(p, 'demo:step', DEMO, CATCH_UP_MS);
    await until(() => viewers.every((v) => v.status === 'finished'), 'every viewer heard the demo finish');
    // The server's final screen, as a view attaching now draws it.
    const reply = (await emitAny(p, 'demo:attach', DEMO, CATCH_UP_MS)) as { ok: true; snapshot: DemoSnapshot };
    const final = new ViewScreen(COLS, ROWS, 5_000);
    final.write(reply.snapshot.screen);
    const want = visible((await final.contents()).rows);
    final.dispose();
    p.close();
    const mismatches: string[] = [];
    for (const [i, v] of viewers.entries()) {
      const diff = firstDifference(`viewer ${i}`, visible((await v.screen.contents()).rows), want);
      if (diff) mismatches.push(diff);
    }
    for (const [i, page] of pages.entries()) {
      // A page draws what it received as it arrived: wait until it has the last line, then compare.
      const text = async () => page.evaluate(() => window.ptydeck.demo!('crowd').text());
      await until(async () => (await text()).includes(want.at(-1) ?? ''), `page ${i} shows the last line`).catch(() => undefined);
      // xterm keeps a written space at a line's end (the prompt's); the viewers' rows are trimmed.
      const lines = (await text()).split('\n').map((line) => line.trimEnd());
      const diff = firstDifference(`page ${i}`, lines.slice(-want.length), want);
      if (diff) mismatches.push(diff);
    }
    return { viewers: viewers.length + pages.length, pages: pages.length, mismatches, seconds: (Date.now() - started) / 1000, outputBytes: viewers[0]?.bytes ?? 0, refusedBeyond };
  } finally {
    for (const v of viewers) {
      v.socket.close();
      v.screen.dispose();
    }
    await Promise.all(pages.map((page) => page.close()));
    await server.stop();
    project.remove();
  }
}
