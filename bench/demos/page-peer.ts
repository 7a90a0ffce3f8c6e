// The bench page's runs against the web-terminal peer: a flood typed into its shell, timed until
// the done mark is written into xterm.js, and Ctrl-C under `yes`.
import { DONE_COMMAND, DONE_MARK, PEER_PROMPT } from './bench-config.ts';
import type { FloodFigures, InterruptFigures } from './page.ts';
import { openPeerLink } from './page-peer-link.ts';
import { withTerminal } from './page-terminal.ts';
import type { PeerTarget } from './peer-protocol.ts';

/** Resolves when `needle` has arrived in a stream, across frame boundaries. */
function waitFor(needle: string): { feed(data: string): void; found: Promise<number> } {
  let tail = '';
  let resolve: (at: number) => void = () => {};
  const found = new Promise<number>((r) => (resolve = r));
  return {
    feed(data) {
      const text = tail + data;
      if (text.includes(needle)) resolve(performance.now());
      tail = text.slice(1 - needle.length); // one short of a match: a found needle is not found again
    },
    found,
  };
}

/** Runs `command` in the peer's shell: ms from Enter until its output is in the terminal. */
export async function peerFlood(target: PeerTarget, command: string): Promise<FloodFigures> {
  return withTerminal(async (view) => {
    let chars = 0;
    let watcher = waitFor(PEER_PROMPT);
    const link = await openPeerLink(target, view, (text) => {
      chars += text.length;
      watcher.feed(text);
    });
    try {
      await watcher.found;
      watcher = waitFor(DONE_MARK);
      chars = 0;
      const started = performance.now();
      link.send(`${command}; ${DONE_COMMAND}\r`);
      await watcher.found;
      await view.flush();
      const ms = performance.now() - started;
      // Past 50 MB waiting in xterm.js, it throws output away: a flood the peer could not hold back.
      const lost = link.lost();
      if (lost !== null) throw new Error(lost);
      return { ms, chars };
    } finally {
      // Also when output was lost: stop the flood.
      link.close();
    }
  });
}

/** `yes` in the peer's shell for `afterMs`, then Ctrl-C: until the prompt is back, and until the screen stops. */
export async function peerInterrupt(target: PeerTarget, afterMs: number): Promise<InterruptFigures> {
  return withTerminal(async (view) => {
    let chars = 0;
    let lastWrite = 0;
    let watcher = waitFor(PEER_PROMPT);
    const link = await openPeerLink(target, view, (text) => {
      chars += text.length;
      watcher.feed(text);
      void view.flush().then(() => (lastWrite = performance.now()));
    });
    try {
      await watcher.found;
      link.send('yes\r');
      await new Promise((r) => setTimeout(r, afterMs));
      watcher = waitFor(PEER_PROMPT);
      const charsBefore = chars;
      const pressed = performance.now();
      link.send('\x03');
      const promptAt = await watcher.found;
      await view.flush();
      return { promptMs: promptAt - pressed, quietMs: lastWrite - pressed, charsBefore };
    } finally {
      link.close();
    }
  });
}
