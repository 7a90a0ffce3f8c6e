// What a hostile page or client may try against the live demo server, through the real stack
// (dev server on a free loopback port, socket.io, node-pty): each attempt is refused, and
// nothing runs. "Nothing runs" is proven twice: every command of the fixture deck (setup, step,
// teardown) leaves a marker file in the test's temporary project, and /proc is sampled for any
// process carrying a demo session tag.
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOCKET_PATH, WIRE_LIMITS, type DemoRef } from '../../protocol/socket-events.ts';
import { emitAny, tryConnect, type Connected } from './client-helpers.ts';
import { tempProject, type TempProject } from './fixture-helpers.ts';
import { DemoProcessWatch, markOwnDemoProcesses, ownDemoProcesses, settle } from './host-state-helpers.ts';
import { startLiveServer, type ClientSocket } from './live-harness.ts';
import { openUpgrade, rawGet, rawPost, rawRequest, rawUpgrade } from './raw-http-helpers.ts';
import { outputText } from './screen-helpers.ts';

const marker = markOwnDemoProcesses();
const MARK: DemoRef = { deck: 'sec', id: 'mark' };
const CHAT: DemoRef = { deck: 'sec', id: 'chat' };
/** Requests that act on a demo, as opposed to watching it. */
const ACTIONS = ['demo:step', 'demo:run-all', 'demo:interrupt', 'demo:reset', 'demo:input'] as const;
const ALL_REQUESTS = ['demo:attach', ...ACTIONS] as const;

type Server = Awaited<ReturnType<typeof startLiveServer>>;

async function connected(url: string, options: Parameters<typeof tryConnect>[1] = {}): Promise<Connected> {
  const result = await tryConnect(url, options);
  if ('error' in result) throw new Error(`could not connect: ${result.error}`);
  return result;
}

function errorCode(reply: unknown): string {
  const r = reply as { ok?: boolean; error?: { code?: string } };
  if (r?.ok !== false) return `not refused: ${JSON.stringify(reply)?.slice(0, 200)}`;
  return r.error?.code ?? 'no code';
}

/** Files a demo command may have created in the project (everything but the fixtures). */
function strayFiles(project: TempProject): string[] {
  return fs.readdirSync(project.root).filter((f) => f !== 'package.json' && f !== 'slides');
}

describe('refused requests run nothing', () => {
  let project: TempProject;
  let server: Server;
  let watch: DemoProcessWatch;
  const sockets: ClientSocket[] = [];
  const presenter = async () => {
    const c = await connected(server.url, { auth: { token: server.live.token } });
    sockets.push(c.socket);
    return c.socket;
  };

  beforeAll(async () => {
    project = tempProject(['sec.md']);
    server = await startLiveServer(project.slides);
    watch = new DemoProcessWatch(marker);
  });
  afterAll(async () => {
    watch?.stop();
    for (const s of sockets) s.close();
    await server?.close();
    project?.remove();
  });

  /** The proof every test here ends with: no marker file, no demo process ever seen. */
  function expectNothingRan(): void {
    expect(strayFiles(project)).toEqual([]);
    expect(watch.seen()).toEqual([]);
  }

  it('lets a view without the token watch but refuses its every action as read-only', async () => {
    const viewer = await connected(server.url);
    sockets.push(viewer.socket);
    expect(await viewer.role).toBe('viewer');
    const attached = (await emitAny(viewer.socket, 'demo:attach', MARK)) as { ok: boolean; snapshot?: { status: string } };
    expect(attached.ok).toBe(true);
    expect(attached.snapshot?.status).toBe('idle');
    for (const event of ACTIONS) {
      expect(errorCode(await emitAny(viewer.socket, event, { ...MARK, data: 'touch x\r' })), event).toBe('read-only');
    }
    expect(errorCode(await emitAny(viewer.socket, 'demo:input', { ...CHAT, data: 'touch x\r' }))).toBe('read-only');
    expectNothingRan();
  });

  it('announces the presenter role to a view with the right token', async () => {
    const c = await connected(server.url, { auth: { token: server.live.token } });
    sockets.push(c.socket);
    expect(await c.role).toBe('presenter');
  });

  it('fails the handshake for a wrong token, a token that is not a string, or an empty one', async () => {
    const token = server.live.token;
    const wrong: unknown[] = ['wrong', `${token}x`, token.slice(0, -1), token.toUpperCase(), '', ' ', 12345, 0, true, null, {}, { token }, [token], { toString: token }];
    for (const given of wrong) {
      const result = await tryConnect(server.url, { auth: { token: given } });
      if ('socket' in result) result.socket.close();
      expect('error' in result, `token ${JSON.stringify(given)}`).toBe(true);
    }
    expectNothingRan();
  });

  it('fails the handshake from a foreign Origin, even with the token, over WebSocket and polling', async () => {
    const { port } = server;
    const origins = [
      'http://evil.example',
      `http://127.0.0.1.evil.example:${port}`,
      `http://localhost.evil.example:${port}`,
      `http://evil.example:${port}`,
      'null',
      `https://127.0.0.1:${port}`,
      `http://127.0.0.1:${port + 1}`,
      `http://127.0.0.1`,
      'not a url',
      `file://127.0.0.1:${port}`,
    ];
    for (const transport of ['websocket', 'polling'] as const) {
      for (const origin of origins) {
        const result = await tryConnect(server.url, { auth: { token: server.live.token }, origin, transports: [transport] });
        if ('socket' in result) result.socket.close();
        expect('error' in result, `${transport} from Origin ${origin}`).toBe(true);
      }
    }
    expectNothingRan();
  });

  it('answers a foreign Host header (DNS rebinding) with 403 on pages and no session on the socket', async () => {
    const { port } = server;
    const handshake = `${SOCKET_PATH}/?EIO=4&transport=polling`;
    // Controls first: with its own Host the same requests succeed, so the refusals below are the guard's.
    expect((await rawGet(port, '/sec/', { Host: `127.0.0.1:${port}` })).status).toBe(200);
    const control = await rawGet(port, handshake, { Host: `127.0.0.1:${port}` });
    expect(control.status).toBe(200);
    expect(control.body).toContain('"sid"');
    for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1.evil.example:${port}`, `127.0.0.1:${port + 1}`, `127.0.0.1`, `localhost:${port}.evil.example`]) {
      for (const url of ['/', '/sec/', '/nope', handshake]) {
        const res = await rawGet(port, url, { Host: host });
        expect([400, 403], `GET ${url} with Host "${host}"`).toContain(res.status);
        expect(res.body, `GET ${url} with Host "${host}"`).not.toContain('"sid"');
      }
    }
    // No Host at all (HTTP/1.0), or an empty one: Node's client would fill these in, so by hand.
    for (const url of ['/sec/', handshake]) {
      expect(await rawRequest(port, `GET ${url} HTTP/1.0\r\n\r\n`)).toMatch(/^HTTP\/1\.\d 40[03] /);
      expect(await rawRequest(port, `GET ${url} HTTP/1.1\r\nHost:\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 40[03] /);
    }
    expectNothingRan();
  });

  it('refuses a WebSocket upgrade with a foreign Host header', async () => {
    const { port } = server;
    const url = `${SOCKET_PATH}/?EIO=4&transport=websocket`;
    expect((await rawUpgrade(port, url, { Host: `127.0.0.1:${port}` })).statusLine).toMatch(/ 101 /);
    for (const host of [`evil.example:${port}`, `127.0.0.1.evil.example:${port}`]) {
      const { statusLine } = await rawUpgrade(port, url, { Host: host, Origin: `http://${host}` });
      expect(statusLine, `upgrade with Host ${host}`).not.toMatch(/ 101 /);
      const bare = await rawUpgrade(port, url, { Host: host });
      expect(bare.statusLine, `upgrade with Host ${host} and no Origin`).not.toMatch(/ 101 /);
    }
    expectNothingRan();
  });

  it('refuses at once a WebSocket upgrade from a foreign page to any path socket.io does not serve', async () => {
    const { port } = server;
    for (const path of ['/__nope', '/', '/sec/']) {
      for (const headers of [
        { Host: `127.0.0.1:${port}`, Origin: 'http://evil.example' } as Record<string, string>,
        { Host: `evil.example:${port}`, Origin: `http://evil.example:${port}` },
        { Host: `evil.example:${port}` },
      ]) {
        const started = Date.now();
        const { statusLine } = await rawUpgrade(port, path, headers);
        expect(statusLine, `${path} ${JSON.stringify(headers)}`).toMatch(/ 403 /);
        expect(Date.now() - started).toBeLessThan(5_000); // answered, not left hanging
      }
    }
    expectNothingRan();
  });

  it('refuses packets posted with a foreign Host into a session the page opened (a rebinding page that learnt its id)', async () => {
    const { port } = server;
    const c = await connected(server.url, { auth: { token: server.live.token }, transports: ['polling'] });
    sockets.push(c.socket);
    const sid = (c.socket.io.engine as unknown as { id: string }).id;
    const url = `${SOCKET_PATH}/?EIO=4&transport=polling&sid=${sid}`;
    // The packet asks the presenter's socket to run a step; acknowledged as packet id 7.
    const packet = `427${JSON.stringify(['demo:step', MARK])}`;
    const res = await rawPost(port, url, { Host: `evil.example:${port}` }, packet);
    expect([400, 403]).toContain(res.status);
    await sleep(500);
    expectNothingRan();
  });

  it('refuses names that are no demo of a deck: unknown, traversal, shell metacharacters, look-alikes, 10 KB', async () => {
    const socket = await presenter();
    const smuggled = (n: number) => path.join(project.root, `smuggled-${n}`);
    const refs: Array<[unknown, string]> = [
      [{ deck: 'nope', id: 'mark' }, 'unknown-demo'],
      [{ deck: 'sec', id: 'nope' }, 'unknown-demo'],
      [{ deck: 'sec', id: 'constructor' }, 'unknown-demo'],
      [{ deck: 'constructor', id: 'mark' }, 'unknown-demo'],
      [{ deck: 'sec', id: '__proto__' }, 'bad-request'],
      [{ deck: 'sec', id: '../x' }, 'bad-request'],
      [{ deck: '../sec', id: 'mark' }, 'bad-request'],
      [{ deck: 'sec/../sec', id: 'mark' }, 'bad-request'],
      [{ deck: 'sec', id: `mark; touch ${smuggled(1)}` }, 'bad-request'],
      [{ deck: 'sec', id: `$(touch ${smuggled(2)})` }, 'bad-request'],
      [{ deck: 'sec', id: `\`touch ${smuggled(3)}\`` }, 'bad-request'],
      [{ deck: `sec && touch ${smuggled(4)}`, id: 'mark' }, 'bad-request'],
      [{ deck: 'sec', id: 'mark\ntouch x' }, 'bad-request'],
      [{ deck: 'sec', id: 'mark\u0000' }, 'bad-request'],
      [{ deck: 'sec', id: 'm\u0430rk' }, 'bad-request'], // Cyrillic а
      [{ deck: '\u0455ec', id: 'mark' }, 'bad-request'], // Cyrillic ѕ
      [{ deck: 'sec', id: 'ｍａｒｋ' }, 'bad-request'], // full-width
      [{ deck: 'sec', id: 'MARK' }, 'bad-request'],
      [{ deck: 'sec', id: 'mark ' }, 'bad-request'],
      [{ deck: 'sec', id: 'x'.repeat(10 * 1024) }, 'bad-request'],
      [{ deck: 'x'.repeat(10 * 1024), id: 'mark' }, 'bad-request'],
      [{ deck: 'sec', id: 'a'.repeat(WIRE_LIMITS.maxNameLength + 1) }, 'bad-request'],
    ];
    for (const [ref, code] of refs) {
      for (const event of ALL_REQUESTS) {
        expect(errorCode(await emitAny(socket, event, ref)), `${event} ${JSON.stringify(ref).slice(0, 80)}`).toBe(code);
      }
    }
    expectNothingRan();
  });

  it('refuses wrongly typed payloads as bad-request, ignores requests without a callback, and stays up', async () => {
    const socket = await presenter();
    const payloads: unknown[] = [
      null,
      42,
      'sec/mark',
      true,
      [],
      ['sec', 'mark'],
      [MARK],
      { deck: 1, id: 2 },
      { deck: ['sec'], id: ['mark'] },
      { deck: { toString: 'sec' }, id: 'mark' },
      { deck: 'sec' },
      { id: 'mark' },
      { deck: 'sec', id: { id: 'mark' } },
      {},
    ];
    for (const payload of payloads) {
      for (const event of ALL_REQUESTS) {
        expect(errorCode(await emitAny(socket, event, payload)), `${event} ${JSON.stringify(payload)}`).toBe('bad-request');
      }
    }
    // No callback, a callback in place of the payload, extra arguments, events nobody handles.
    const emit = (socket.emit as (e: string, ...args: unknown[]) => void).bind(socket);
    for (const event of [...ALL_REQUESTS, 'demo:detach', 'output:ack', 'demo:exec', 'eval', 'constructor', '__proto__']) {
      emit(event, MARK);
      emit(event);
      emit(event, null);
      emit(event, { ...MARK, bytes: -1e308 });
      emit(event, { ...MARK, bytes: 'NaN' }, 1, 2, 3);
      emit(event, () => undefined);
    }
    // Input with data that is no text.
    for (const data of [undefined, null, 42, ['touch x\r'], { toString: 'touch x\r' }]) {
      expect(errorCode(await emitAny(socket, 'demo:input', { ...CHAT, data }))).toBe('bad-request');
    }
    // Still up and answering, on this socket and for a new one.
    expect(((await emitAny(socket, 'demo:attach', MARK)) as { ok: boolean }).ok).toBe(true);
    expect(((await emitAny(await presenter(), 'demo:attach', MARK)) as { ok: boolean }).ok).toBe(true);
    await sleep(200); // the requests without a callback had their chance to run
    expectNothingRan();
  });

  it('closes only the connection that sends an oversized message; the server stays up and nothing runs', async () => {
    for (const transport of ['websocket', 'polling'] as const) {
      const big = await connected(server.url, { auth: { token: server.live.token }, transports: [transport] });
      sockets.push(big.socket);
      const other = await presenter();
      const closed = new Promise<string>((resolve) => big.socket.once('disconnect', (reason) => resolve(reason)));
      const pad = 'x'.repeat(WIRE_LIMITS.maxMessageBytes + 1);
      const reply = emitAny(big.socket, 'demo:step', { ...MARK, pad }, 60_000);
      // WebSocket: the server closes it (1009); polling: the server answers 413 and the client gives up.
      expect(await closed).toMatch(/^transport (close|error)$/);
      expect(await Promise.race([reply, sleep(500, 'no-reply')])).toBe('no-reply');
      expect(((await emitAny(other, 'demo:attach', MARK)) as { ok: boolean }).ok, transport).toBe(true);
    }
    await sleep(200);
    expectNothingRan();
  });

  it('never sends the token in a response body or header', async () => {
    const { port } = server;
    const token = server.live.token;
    const own = { Host: `127.0.0.1:${port}` };
    for (const [url, headers] of [
      ['/', own],
      ['/sec/', own],
      ['/sec', own],
      ['/nope/', own],
      ['/__ptydeck/themes/index.css', own],
      [`${SOCKET_PATH}/?EIO=4&transport=polling`, own],
      [`${SOCKET_PATH}/?EIO=3&transport=polling`, own],
      [`${SOCKET_PATH}/?EIO=4&transport=polling&sid=nope`, own],
      ['/sec/', { Host: 'evil.example' }],
      ['/sec/', { ...own, Origin: 'http://evil.example' }],
    ] as const) {
      const res = await rawGet(port, url, headers);
      expect(res.body, url).not.toContain(token);
      expect(JSON.stringify(res.headers), url).not.toContain(token);
    }
  });

  it('sends the Content-Security-Policy header with every HTTP response, refusals and socket.io included', async () => {
    const { port } = server;
    const own = { Host: `127.0.0.1:${port}` };
    for (const [url, headers] of [
      ['/', own],
      ['/sec/', own],
      ['/sec', own],
      ['/nope/', own],
      ['/__ptydeck/themes/index.css', own],
      [`${SOCKET_PATH}/?EIO=4&transport=polling`, own],
      [`${SOCKET_PATH}/?EIO=4&transport=polling&sid=nope`, own],
      [`${SOCKET_PATH}/?EIO=4&transport=polling`, { Host: 'evil.example' }],
      ['/sec/', { Host: 'evil.example' }],
      ['/sec/', { ...own, Origin: 'http://evil.example' }],
    ] as const) {
      const res = await rawGet(port, url, headers);
      // Ours, or the stricter one connect's final handler puts on its 404 page.
      expect(res.headers['content-security-policy'], `${url} ${JSON.stringify(headers)} → ${res.status}`).toMatch(/default-src '(self|none)'/);
    }
  });
});

describe('an upgrade on a path nobody serves', () => {
  it('does not keep the server from shutting down', async () => {
    const project = tempProject(['sec.md']);
    const server = await startLiveServer(project.slides);
    const socket = await openUpgrade(server.port, '/__nope', { Host: `127.0.0.1:${server.port}` });
    socket.on('error', () => {});
    await sleep(200); // the server has it
    const closing = server.close().then(() => 'closed');
    expect(await Promise.race([closing, sleep(8_000, 'still closing')])).toBe('closed');
    socket.destroy();
    project.remove();
  });
});

describe('the presenter runs only what the manifest says', () => {
  let project: TempProject;
  let server: Server;
  let socket: ClientSocket;
  const smuggled = (name: string) => path.join(project.root, `smuggled-${name}`);

  beforeAll(async () => {
    project = tempProject(['sec.md']);
    server = await startLiveServer(project.slides);
    socket = (await connected(server.url, { auth: { token: server.live.token } })).socket;
    socket.on('demo:output', ({ deck, id, data }) => socket.emit('output:ack', { deck, id, bytes: data.length }));
  });
  afterAll(async () => {
    socket?.close();
    await server?.close();
    expect(await settle(() => ownDemoProcesses(marker))).toEqual([]);
    project?.remove();
  });

  it('ignores a command smuggled into any field of a request: only the step of the manifest runs', async () => {
    const hostile = await connected(server.url, {
      auth: { token: server.live.token, command: `touch ${smuggled('auth')}`, steps: [`touch ${smuggled('auth-steps')}`] },
    });
    const payloads: Record<string, unknown>[] = [
      { ...MARK, command: `touch ${smuggled('command')}` },
      { ...MARK, steps: [{ command: `touch ${smuggled('steps')}`, expect: [] }], setup: [`touch ${smuggled('setup')}`], teardown: [`touch ${smuggled('teardown')}`] },
      { ...MARK, data: `touch ${smuggled('data')}\r` },
      { ...MARK, ['__proto__']: { command: `touch ${smuggled('proto')}`, steps: [{ command: `touch ${smuggled('proto-steps')}` }] } },
      { ...MARK, constructor: { prototype: { command: `touch ${smuggled('ctor')}` } } },
      { ...MARK, entry: { steps: [{ command: `touch ${smuggled('entry')}` }] }, options: { interactive: true } },
    ];
    for (const payload of payloads) {
      const label = Object.keys(payload).join(',');
      expect(((await emitAny(hostile.socket, 'demo:reset', payload)) as { ok: boolean }).ok, `reset ${label}`).toBe(true);
      const stepped = (await emitAny(hostile.socket, 'demo:step', payload)) as { ok: boolean; outcome?: { exitCode: number } };
      expect(stepped.ok, `step ${label}`).toBe(true);
      expect(stepped.outcome?.exitCode).toBe(0);
      // A smuggled `interactive` or `data` does not make keystrokes pass either.
      const input = errorCode(await emitAny(hostile.socket, 'demo:input', payload));
      expect(input, `input ${label}`).toBe('data' in payload ? 'not-interactive' : 'bad-request');
      // The one step ran and the demo finished: another step is refused, smuggled steps or not.
      expect(errorCode(await emitAny(hostile.socket, 'demo:step', payload)), `second step ${label}`).toMatch(/^(no-more-steps|not-running)$/);
    }
    hostile.socket.close();
    expect(project.has('marker-setup') && project.has('marker-step')).toBe(true); // the real steps ran
    expect(strayFiles(project).filter((f) => f.startsWith('smuggled'))).toEqual([]);
  });

  it('refuses keystrokes to a demo that is not interactive, before and after it ran, and types nothing', async () => {
    const data = `touch ${smuggled('typed')}\r`;
    ok(await emitAny(socket, 'demo:reset', MARK));
    expect(errorCode(await emitAny(socket, 'demo:input', { ...MARK, data }))).toBe('not-interactive');
    ok(await emitAny(socket, 'demo:step', MARK));
    expect(errorCode(await emitAny(socket, 'demo:input', { ...MARK, data }))).toBe('not-interactive');
    await sleep(300);
    expect(project.has('smuggled-typed')).toBe(false);
  });

  it('types keystrokes into the interactive demo for the presenter, within the length limit only', async () => {
    const watcher = await connected(server.url); // no token: it sees everything, types nothing
    let watched = '';
    watcher.socket.on('demo:output', ({ data }) => (watched += outputText(data)));
    ok(await emitAny(watcher.socket, 'demo:attach', CHAT));
    ok(await emitAny(socket, 'demo:attach', CHAT));
    const ready = (await emitAny(socket, 'demo:step', CHAT)) as { ok: boolean; outcome?: { output: string } };
    expect(ready.outcome?.output.trim()).toBe('ready');
    expect(await settle(() => (watched.includes('ready') ? [] : ['not yet']), 10_000)).toEqual([]);
    watcher.socket.close();
    const tooLong = `touch ${smuggled('long')} # `.padEnd(WIRE_LIMITS.maxInputChars, 'x') + '\r';
    expect(tooLong.length).toBe(WIRE_LIMITS.maxInputChars + 1);
    expect(errorCode(await emitAny(socket, 'demo:input', { ...CHAT, data: tooLong }))).toBe('bad-request');
    const viewer = await connected(server.url);
    expect(errorCode(await emitAny(viewer.socket, 'demo:input', { ...CHAT, data: `touch ${smuggled('viewer')}\r` }))).toBe('read-only');
    viewer.socket.close();
    ok(await emitAny(socket, 'demo:input', { ...CHAT, data: 'touch typed-by-presenter\r' }));
    expect(await settle(() => (project.has('typed-by-presenter') ? [] : ['not yet']), 10_000)).toEqual([]);
    expect(project.has('smuggled-long') || project.has('smuggled-viewer')).toBe(false);
  });
});

function ok(reply: unknown): void {
  expect((reply as { ok: boolean }).ok, JSON.stringify(reply)).toBe(true);
}
