// The WebSocket floor in the bench page: the flood arrives over a plain WebSocket from
// floor-server.ts and goes straight into term.write, acknowledged as written.
import { floodChunks } from './flood-data.ts';
import { FLOOR_ACK, FLOOR_FRAME_CHARS, FLOOR_WINDOW, type FloorRequest } from './floor-protocol.ts';
import type { FloodFigures } from './page.ts';
import { withTerminal } from './page-terminal.ts';

export async function floorFlood(url: string, kind: 'cat' | 'yes', bytes: number, source: FloorRequest['source']): Promise<FloodFigures> {
  const total = floodChunks(kind, bytes, FLOOR_FRAME_CHARS).chars;
  return withTerminal(async (view) => {
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = reject;
    });
    try {
      let written = 0;
      let toAck = 0;
      const started = performance.now();
      await new Promise<void>((resolve, reject) => {
        socket.onclose = () => reject(new Error('the floor server closed the socket'));
        socket.onmessage = (message) => {
          const data = String(message.data);
          view.terminal.write(data, () => {
            written += data.length;
            toAck += data.length;
            if (toAck >= FLOOR_WINDOW.ackEvery || written === total) {
              socket.send(`${FLOOR_ACK}${toAck}`);
              toAck = 0;
            }
            if (written === total) resolve();
          });
        };
        const request: FloorRequest = { kind, bytes, source };
        socket.send(JSON.stringify(request));
      });
      return { ms: performance.now() - started, chars: written };
    } finally {
      socket.onclose = null;
      socket.close();
    }
  });
}
