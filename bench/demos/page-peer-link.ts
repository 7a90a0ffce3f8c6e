// The bench page's end of the peer: a WebSocket whose output goes into a TerminalView the way
// that peer's own users get it. ttyd: its web client's protocol and flow control, as ttyd 1.7.7's
// html/src/components/terminal/xterm/index.ts does them (writeData, onSocketOpen, sendData).
// The stand-in: text frames straight into term.write, no flow control.
import type { TerminalView } from '../../theme/demo/terminal-view.ts';
import { TtydClientCommand, TTYD_FLOW_CONTROL, TTYD_SUBPROTOCOL, ttydFlow, ttydHello, ttydInput, ttydOutput, type PeerTarget } from './peer-protocol.ts';

/** One connection to the peer: its shell's keyboard, and a way to hang up. */
export interface PeerLink {
  send(input: string): void;
  /** Why output was lost (xterm.js discards writes past 50 MB buffered), or null. */
  lost(): string | null;
  close(): void;
}

/**
 * Connects to `target`, writing its output into `view` and handing the same output, as text, to
 * `onText` (for the bench's markers: the prompt, the done mark). Resolves once the socket is open.
 */
export function openPeerLink(target: PeerTarget, view: TerminalView, onText: (text: string) => void): Promise<PeerLink> {
  switch (target.kind) {
    case 'ttyd':
      return openTtyd(target.url, view, onText);
    case 'stand-in':
      return openStandIn(target.url, view, onText);
  }
}

function opened(socket: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.onopen = () => resolve();
    socket.onerror = () => reject(new Error(`peer WebSocket ${socket.url} failed`));
  });
}

async function openTtyd(url: string, view: TerminalView, onText: (text: string) => void): Promise<PeerLink> {
  const socket = new WebSocket(url, [TTYD_SUBPROTOCOL]);
  socket.binaryType = 'arraybuffer';
  const { terminal } = view;
  const { limit, highWater, lowWater } = TTYD_FLOW_CONTROL;
  let written = 0;
  let pending = 0;
  // ttyd's writeData, line for line: a callback every `limit` bytes, PAUSE past highWater
  // callbacks outstanding, RESUME (on each callback) below lowWater.
  const writeData = (data: Uint8Array): void => {
    written += data.length;
    if (written > limit) {
      terminal.write(data, () => {
        pending = Math.max(pending - 1, 0);
        if (pending < lowWater) socket.send(ttydFlow(TtydClientCommand.resume));
      });
      pending++;
      written = 0;
      if (pending > highWater) socket.send(ttydFlow(TtydClientCommand.pause));
    } else {
      terminal.write(data);
    }
  };
  // The bench's own reading of the output (ttyd's client does not decode it): a streaming
  // decoder, so a character split across frames is one character.
  const decoder = new TextDecoder();
  let lost: string | null = null;
  socket.onmessage = (message: MessageEvent<ArrayBuffer>) => {
    // ttyd's client copies the payload out (ArrayBuffer.slice(1)); a view of it is the same bytes.
    const output = ttydOutput(new Uint8Array(message.data));
    if (output === null) return; // the window title and preferences frames
    try {
      writeData(output);
    } catch (error) {
      // In ttyd's page this escapes to window.onerror and the output is gone; the bench notes it.
      lost ??= (error as Error).message;
    }
    onText(decoder.decode(output, { stream: true }));
  };
  await opened(socket);
  // onSocketOpen: ttyd starts the shell once it knows the terminal's size.
  socket.send(ttydHello(terminal.cols, terminal.rows));
  return {
    // sendData: nothing is sent on a socket that is not open.
    send(input) {
      if (socket.readyState === WebSocket.OPEN) socket.send(ttydInput(input));
    },
    lost: () => lost,
    close: () => socket.close(),
  };
}

async function openStandIn(url: string, view: TerminalView, onText: (text: string) => void): Promise<PeerLink> {
  const socket = new WebSocket(url);
  let lost: string | null = null;
  socket.onmessage = (message) => {
    const data = String(message.data);
    view.write({ kind: 'data', data }).catch((error: Error) => (lost ??= error.message));
    onText(data);
  };
  await opened(socket);
  return { send: (input) => socket.send(input), lost: () => lost, close: () => socket.close() };
}
