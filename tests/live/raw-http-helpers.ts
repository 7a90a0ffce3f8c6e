// Requests a browser would never send: any Host header, any Origin, a hand-made WebSocket
// upgrade. What a DNS-rebinding page or a local process can do to the server.
import http from 'node:http';
import net from 'node:net';

export interface RawResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** GET `path` on 127.0.0.1:`port` with exactly these headers (Host included). */
export function rawGet(port: number, path: string, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'GET', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Sends a WebSocket upgrade request by hand and resolves with the status line and headers the
 * server answered (or `closed` when it hung up without a word).
 */
export function rawUpgrade(port: number, path: string, headers: Record<string, string>): Promise<{ statusLine: string; head: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    const done = () => {
      socket.destroy();
      const head = received.split('\r\n\r\n')[0] ?? '';
      resolve({ statusLine: head.split('\r\n')[0] || 'closed', head });
    };
    socket.setTimeout(10_000, done);
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n\r\n')) done();
    });
    socket.on('end', done);
    socket.on('close', done);
    socket.on('error', (error) => (received ? done() : reject(error)));
    socket.write(upgradeRequest(path, headers));
  });
}

/** Sends `request` as is (a request line and headers written by hand) and resolves with the status line. */
export function rawRequest(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    const done = () => {
      socket.destroy();
      resolve(received.split('\r\n')[0] || 'closed');
    };
    socket.setTimeout(10_000, done);
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n')) done();
    });
    socket.on('close', done);
    socket.on('error', (error) => (received ? done() : reject(error)));
    socket.write(request);
  });
}

/** POSTs `body` to `path` with these headers (Host included). */
export function rawPost(port: number, path: string, headers: Record<string, string>, body: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'Content-Type': 'text/plain;charset=UTF-8', ...headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Opens a WebSocket upgrade request by hand and leaves it open: the socket, for the test to end. */
export function openUpgrade(port: number, path: string, headers: Record<string, string>): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(upgradeRequest(path, headers), () => resolve(socket));
    });
    socket.on('error', reject);
  });
}

/** A WebSocket upgrade request for `path`, with these headers added (Host included). */
function upgradeRequest(path: string, headers: Record<string, string>): string {
  const lines = [
    `GET ${path} HTTP/1.1`,
    'Connection: Upgrade',
    'Upgrade: websocket',
    'Sec-WebSocket-Version: 13',
    `Sec-WebSocket-Key: ${Buffer.from('ptydeck-test-key').toString('base64')}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}
