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
    expect(scripts.map((f) => path.relative(out, f))).toEqual(['assets/ptydeck.js']);
    const code = fs.readFileSync(scripts[0]!, 'utf8');
    for (const needle of LIVE_CLIENT) expect(code, needle).not.toContain(needle);
    expect(code).toContain('Replaying the recording');
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
    const code = await get(`${base}/assets/ptydeck.js`);
    for (const needle of ['socket.io', 'engine.io']) expect(code, needle).toContain(needle);
    expect(await get(`${base}/replay/`)).toContain(`"socketPath":"${SOCKET_PATH}"`);
  });

  it('dev sets the live flag (Vite defines it as a global in dev) and serves the live client', async () => {
    const base = `http://127.0.0.1:${dev.port}`;
    expect(await get(`${base}/@vite/env`)).toContain('{"__PTYDECK_LIVE__": true}');
    expect(await get(`${base}/@fs${path.join(PACKAGE_ROOT, 'theme/demo/start-demos.ts')}`)).toContain('live-demos.ts');
    expect(await get(`${base}/@fs${path.join(PACKAGE_ROOT, 'theme/demo/socket-connection.ts')}`)).toContain('socket__io-client');
    expect(await get(`${base}/replay/`)).toContain(`"socketPath":"${SOCKET_PATH}"`);
  });
});
