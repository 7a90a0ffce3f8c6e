// The latency client's end of the peer, in Node over `ws`: ttyd's protocol (peer-protocol.ts) or
// the stand-in's text frames, both as a stream of text and a way to type.
import WebSocket from 'ws';
import { PEER_PROMPT, TERMINAL_SIZE } from './bench-config.ts';
import { TTYD_SUBPROTOCOL, ttydHello, ttydInput, ttydOutput, type PeerTarget } from './peer-protocol.ts';

export interface NodePeerLink {
  send(input: string): void;
  /** Every piece of output from now on, decoded. */
  onText(listener: (text: string) => void): void;
  close(): void;
}

/** Connects to `target` and resolves once its shell's first prompt is in: nothing left over to arrive. */
export async function openNodePeerLink(target: PeerTarget): Promise<NodePeerLink> {
  const ttyd = target.kind === 'ttyd';
  const socket = ttyd ? new WebSocket(target.url, TTYD_SUBPROTOCOL) : new WebSocket(target.url);
  const listeners: Array<(text: string) => void> = [];
  const decoder = new TextDecoder();
  socket.on('message', (data) => {
    let text: string;
    if (ttyd) {
      const output = ttydOutput(data as Buffer); // binaryType 'nodebuffer', ws's default
      if (output === null) return; // the window title and preferences frames
      text = decoder.decode(output, { stream: true });
    } else {
      text = String(data);
    }
    for (const listener of listeners) listener(text);
  });
  let seen = '';
  const prompted = new Promise<void>((resolve) =>
    listeners.push((text) => {
      seen += text;
      if (seen.includes(PEER_PROMPT)) resolve();
      seen = seen.slice(1 - PEER_PROMPT.length);
    }),
  );
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  // ttyd starts the shell on the first frame, which says the terminal's size.
  if (ttyd) socket.send(ttydHello(TERMINAL_SIZE.cols, TERMINAL_SIZE.rows));
  await prompted;
  listeners.length = 0;
  return {
    send: (input) => socket.send(ttyd ? ttydInput(input) : input),
    onText: (listener) => listeners.push(listener),
    close: () => socket.close(),
  };
}
