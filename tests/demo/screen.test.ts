// What viewers see: UTF-8 intact across reads, a late snapshot equal to the live screen, typing rules.

import { describe, expect, it, vi } from 'vitest';
import { Screen, SCREEN_BACKLOG_CHARS, SCREEN_IDLE_PARSE_MS } from '../../server/demo/screen.ts';
import { demoEntry } from './demo-entry.ts';
import { eventually, PTY_TEST_TIMEOUT_MS, step, unwrap, withSession } from './session-harness.ts';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the demo screen', { timeout: PTY_TEST_TIMEOUT_MS }, () => {
  it('answers a query once output is quiet, unasked: the program waits for the reply', async () => {
    const screen = new Screen(80, 24);
    try {
      const replies: string[] = [];
      screen.onReply((reply) => replies.push(reply));
      screen.write('prompt$ ');
      // The cursor position report (busybox ash asks at every prompt), split across two reads.
      screen.write('\x1b[');
      screen.write('6n');
      expect(await eventually(() => replies.length > 0, 2_000)).toBe(true);
      expect(replies).toEqual(['\x1b[1;9R']);
    } finally {
      screen.dispose();
    }
  });

  it('types a step after a query is answered, however many writes followed it', async () => {
    const screen = new Screen(80, 24);
    try {
      const replies: string[] = [];
      screen.onReply((reply) => replies.push(reply));
      screen.write('\x1b[6n');
      screen.write('prompt$ ');
      screen.write('more output');
      // No pause: flushed() itself must see the query two writes back and wait for its reply.
      await screen.flushed();
      expect(replies).toEqual(['\x1b[1;1R']);
    } finally {
      screen.dispose();
    }
  });

  it('types a step at once after output without a query, and parses that output only when read', async () => {
    const screen = new Screen(80, 24);
    const term = (screen as unknown as { term: { write: (data: string, done?: () => void) => void } }).term;
    const handed: string[] = [];
    const write = term.write.bind(term);
    const spy = vi.spyOn(term, 'write').mockImplementation((data: string, done?: () => void) => {
      handed.push(data);
      write(data, done);
    });
    try {
      // A step's echo, output and marked prompt, as the marked shell writes them.
      screen.write('echo hi\r\nhi\r\n\x1b]133;D;0\x07\x1b]133;A\x07$ \x1b]133;B\x07');
      await screen.flushed();
      // Parsing it here would put xterm.js's timer on the next step's path (see flushed()).
      expect(handed).toEqual([]);
      expect(await screen.text()).toBe('echo hi\nhi\n$');
      expect(handed.join('')).toContain('echo hi');
    } finally {
      spy.mockRestore();
      screen.dispose();
    }
  });

  it('leaves a flood unparsed through its pauses (flow control) until read, then shows its tail', async () => {
    const screen = new Screen(40, 5);
    // Observed, not faked: how many characters reach xterm.js's parser.
    const term = (screen as unknown as { term: { write: (data: string, done?: () => void) => void } }).term;
    let parsedChars = 0;
    const write = term.write.bind(term);
    const spy = vi.spyOn(term, 'write').mockImplementation((data: string, done?: () => void) => {
      parsedChars += data.length;
      write(data, done);
    });
    try {
      let sent = 0;
      let line = 0;
      while (sent < 3 * SCREEN_BACKLOG_CHARS) {
        line++;
        const chunk = `line ${line}\r\n`;
        screen.write(chunk);
        sent += chunk.length;
        // A paused pty: quiet for longer than the idle parse waits, every 256 KB.
        if (line % 20_000 === 0) await pause(SCREEN_IDLE_PARSE_MS * 3);
      }
      await pause(SCREEN_IDLE_PARSE_MS * 3);
      expect(parsedChars).toBe(0);
      const text = await screen.text();
      // Read: only the kept tail (at most SCREEN_BACKLOG_CHARS) was parsed, and the screen ends as the flood did.
      expect(parsedChars).toBeGreaterThan(0);
      expect(parsedChars).toBeLessThanOrEqual(SCREEN_BACKLOG_CHARS);
      expect(text.split('\n').at(-1)).toBe(`line ${line}`);
    } finally {
      spy.mockRestore();
      screen.dispose();
    }
  });

  it('decodes a character whose bytes arrive in two reads as one character, never U+FFFD', async () => {
    // '한' is ED 95 9C: the first two bytes, a pause the pty cannot bridge, then the last.
    const entry = demoEntry('utf8', ["printf '\\355\\225'; sleep 0.3; printf '\\234\\n'"]);
    await withSession(entry, async (session) => {
      const chunks: { at: number; data: string }[] = [];
      session.on('output:data', (data) => chunks.push({ at: Date.now(), data }));
      const result = await step(session);
      expect(result.output).toBe('한');
      expect(chunks.some((c) => c.data.includes('\uFFFD'))).toBe(false);
      const withChar = chunks.find((c) => c.data.includes('한'));
      // node-pty decodes with a streaming UTF-8 decoder (setEncoding('utf8')): the held-back
      // bytes come out whole with the third, after the pause.
      expect(withChar).toBeDefined();
      expect(result.durationMs).toBeGreaterThanOrEqual(300);
      expect(await session.text()).toContain('한');
    });
  });

  it('hands a late viewer a snapshot that reproduces the live screen, scrolled, coloured and all', async () => {
    const entry = demoEntry('snapshot', ["printf '\\033[1;31mred\\033[0m plain\\n'", 'seq 1 30', 'echo 한글 done'], {
      options: { cols: 40, rows: 8 },
    });
    await withSession(entry, async (session) => {
      const live = new Screen(40, 8);
      session.on('output:data', (data) => live.write(data));
      unwrap(await session.runAll());
      const late = new Screen(40, 8);
      late.write(await session.snapshot());
      const screenText = await session.text();
      expect(screenText).toContain('한글 done');
      expect(screenText).not.toContain('133;');
      expect(await late.text()).toBe(screenText);
      expect(await live.text()).toBe(screenText);
      live.dispose();
      late.dispose();
    });
  });

  it('takes typing in an interactive demo, and refuses it (as a value) in any other', async () => {
    const interactive = demoEntry('typing', [], { options: { interactive: true } });
    await withSession(interactive, async (session) => {
      unwrap(await session.start());
      expect(session.write('echo typed-$((6*7))\r')).toEqual({ ok: true });
      expect(await eventually(async () => (await session.text()).includes('typed-42'), 5_000)).toBe(true);
      expect(session.state).toBe('ready');
    });
    const scripted = demoEntry('no-typing', ['true']);
    await withSession(scripted, async (session) => {
      unwrap(await session.start());
      const refused = session.write('rm -rf /tmp/x\r');
      expect(refused).toMatchObject({ ok: false, error: { code: 'not-interactive' } });
      expect(await session.text()).toBe('$');
    });
  });
});
