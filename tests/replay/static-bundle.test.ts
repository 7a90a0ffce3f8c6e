// A published site replays with no server: its bundle has no live client code (socket.io,
// engine.io, the socket path) and no token; the pages of `present` and `dev` keep the live side.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOCKET_PATH } from '../../protocol/socket-events.ts';
import { startDevServer, type RunningServer } from '../../server/dev/dev-server.ts';
import { startPresentServer, type PresentServer } from '../../server/live/present-server.ts';
import { findDecks, type DeckSet } from '../../server/site/find-decks.ts';
import { PACKAGE_ROOT } from '../../server/site/package-paths.ts';
import { REPLAY_DECKS } from './replay-fixture.ts';

const LIVE_CLIENT = ['socket.io', 'engine.io', SOCKET_PATH];
const TOKEN = 'replay-bundle-token-4f1c2b9e';
const run = promisify(execFile);

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function deckSet(): DeckSet {
  const set = findDecks(REPLAY_DECKS);
  if ('error' in set) throw new Error(set.error);
  return set;
}

async function get(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status, url).toBe(200);
  return response.text();
}

describe('the static build', () => {
  let out: string;
  beforeAll(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-static-'));
    // With a token in the environment, as on the presenter's machine: it must not leak in.
    await run(process.execPath, [path.join(PACKAGE_ROOT, 'bin/ptydeck.mjs'), 'build', REPLAY_DECKS, '--out', out], { env: { ...process.env, PTYDECK_TOKEN: TOKEN } });
  }, 120_000);
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it('has no live client code in its JavaScript', () => {
    const scripts = filesUnder(out).filter((f) => f.endsWith('.js'));
    expect(scripts.map((f) => path.relative(out, f)).sort()).toEqual(['assets/ptydeck-demos.js', 'assets/ptydeck-notes.js', 'assets/ptydeck.js']);
    for (const script of scripts) {
      const code = fs.readFileSync(script, 'utf8');
      for (const needle of LIVE_CLIENT) expect(code, `${needle} in ${script}`).not.toContain(needle);
    }
    expect(fs.readFileSync(path.join(out, 'assets/ptydeck-demos.js'), 'utf8')).toContain('Replaying the recording');
  });

  it('links only the small core; xterm.js is in the demo part a page loads when a demo comes near', () => {
    const page = fs.readFileSync(path.join(out, 'replay/index.html'), 'utf8');
    expect([...page.matchAll(/<script[^>]* src="([^"]+)"/g)].map((m) => m[1])).toEqual(['../assets/ptydeck.js']);
    expect(fs.readFileSync(path.join(out, 'assets/ptydeck.js'), 'utf8')).not.toContain('xterm');
    expect(fs.readFileSync(path.join(out, 'assets/ptydeck-demos.js'), 'utf8')).toContain('xterm');
  });

  it('names no server and holds no token anywhere', () => {
    for (const file of filesUnder(out)) {
      const text = fs.readFileSync(file, 'utf8');
      expect(text, file).not.toContain(TOKEN);
      expect(text, file).not.toContain(SOCKET_PATH);
    }
  });

  it('embeds the recordings, so every recorded demo replays from disk', () => {
    const page = fs.readFileSync(path.join(out, 'replay/index.html'), 'utf8');
    expect(page).toContain('<script type="application/json" id="ptydeck-recordings">{"count":');
  });
});

describe('the live bundles', () => {
  let present: PresentServer;
  let dev: RunningServer;
  beforeAll(async () => {
    [present, dev] = await Promise.all([
      startPresentServer(deckSet(), '127.0.0.1', 0),
      startDevServer({ set: deckSet(), host: '127.0.0.1', port: 0, onDiagnostics: () => {} }),
    ]);
  }, 120_000);
  afterAll(async () => {
    await present?.close();
    await dev?.close();
  });

  it('present serves a bundle with the live client, and pages that name the socket', async () => {
    const base = `http://127.0.0.1:${present.port}`;
    const code = await get(`${base}/assets/ptydeck-demos.js`);
    for (const needle of ['socket.io', 'engine.io']) expect(code, needle).toContain(needle);
    expect(await get(`${base}/replay/`)).toContain(`"socketPath":"${SOCKET_PATH}"`);
  });

  it('dev serves the same prebuilt live bundle as present, and pages that name the socket', async () => {
    const base = `http://127.0.0.1:${dev.port}`;
    const page = await get(`${base}/replay/`);
    expect(page).toContain(`"socketPath":"${SOCKET_PATH}"`);
    const core = /<script[^>]* src="([^"]+)"/.exec(page)?.[1];
    expect(core).toBe('/__ptydeck/assets/ptydeck.js');
    const demos = await get(`${base}/__ptydeck/assets/ptydeck-demos.js`);
    expect(demos).toBe(await get(`http://127.0.0.1:${present.port}/assets/ptydeck-demos.js`));
    for (const needle of ['socket.io', 'engine.io']) expect(demos, needle).toContain(needle);
  });
});
