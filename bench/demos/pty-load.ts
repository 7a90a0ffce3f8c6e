// The pty's own work beside the page: the bench asks floor-server.ts to read a flood's command
// from a pty at a set pace and throw it away while the page takes its bytes from elsewhere (the
// baseline, made up front). What that costs the page is what no server that reads a pty can
// avoid on this machine, however little work of its own it does.
import WebSocket from 'ws';
import { FLOOR_STOP, type LoadReport, type LoadRequest } from './floor-protocol.ts';

/** Runs `work` while floor-server.ts at `port` reads `request`'s flood from a pty; resolves with both results. */
export async function withPtyLoad<T>(port: number, request: Omit<LoadRequest, 'source'>, work: () => Promise<T>): Promise<{ result: T; load: LoadReport }> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}`);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  try {
    socket.send(JSON.stringify({ ...request, source: 'load' } satisfies LoadRequest));
    const result = await work();
    const load = await new Promise<LoadReport>((resolve, reject) => {
      socket.once('message', (data) => resolve(JSON.parse(String(data)) as LoadReport));
      socket.once('close', () => reject(new Error('the floor server closed the load socket')));
      socket.send(FLOOR_STOP);
    });
    return { result, load };
  } finally {
    socket.close();
  }
}
