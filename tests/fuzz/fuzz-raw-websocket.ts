// A WebSocket client written on a bare TCP socket, so the fuzzer can send what no WebSocket
// library would: unmasked frames, reserved bits, unknown opcodes, lengths that lie, half frames.
import crypto from 'node:crypto';
import net from 'node:net';

/** Bound on the upgrade handshake (ms): a server that never answers it is hung. */
const UPGRADE_TIMEOUT_MS = 5_000;

export interface FrameOptions {
  readonly fin?: boolean;
  /** The three reserved bits (0-7); a server must fail the connection on any it did not negotiate. */
  readonly rsv?: number;
  /** Clients must mask; false sends a frame a server must refuse. */
  readonly mask?: boolean;
  /** A payload length to announce instead of the real one. */
  readonly claimedLength?: bigint;
}

/** Encodes one WebSocket frame. */
export function encodeFrame(opcode: number, payload: Buffer, options: FrameOptions = {}): Buffer {
  const { fin = true, rsv = 0, mask = true } = options;
  const length = options.claimedLength ?? BigInt(payload.length);
  const head: number[] = [(fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0f)];
  const maskBit = mask ? 0x80 : 0;
  let extended = Buffer.alloc(0);
  if (length < 126n) head.push(maskBit | Number(length));
  else if (length < 65536n) {
    head.push(maskBit | 126);
    extended = Buffer.alloc(2);
    extended.writeUInt16BE(Number(length));
  } else {
    head.push(maskBit | 127);
    extended = Buffer.alloc(8);
    extended.writeBigUInt64BE(length & 0xffffffffffffffffn);
  }
  if (!mask) return Buffer.concat([Buffer.from(head), extended, payload]);
  const key = crypto.randomBytes(4);
  const masked = Buffer.alloc(payload.length);
  for (let i = 0; i < payload.length; i++) masked[i] = payload[i]! ^ key[i % 4]!;
  return Buffer.concat([Buffer.from(head), extended, key, masked]);
}

export interface RawWebSocket {
  /** Writes bytes as they are (a frame, or not). */
  write(bytes: Buffer): void;
  /** Text of the complete text frames the server sent so far. */
  readonly texts: string[];
  /** Whether the server closed the connection (or it failed). */
  isClosed(): boolean;
  close(): void;
}

/** Opens a WebSocket to the engine.io endpoint at `path`, as a page at `origin` would. */
export function openRawWebSocket(port: number, path: string, origin: string): Promise<RawWebSocket | { error: string }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const key = crypto.randomBytes(16).toString('base64');
    let buffer: Buffer = Buffer.alloc(0);
    let upgraded = false;
    let closed = false;
    const texts: string[] = [];
    const timer = setTimeout(() => finish({ error: 'no answer to the upgrade' }), UPGRADE_TIMEOUT_MS);
    const finish = (value: RawWebSocket | { error: string }) => {
      clearTimeout(timer);
      if ('error' in value) socket.destroy();
      resolve(value);
    };
    socket.on('error', () => (closed = true));
    socket.on('close', () => {
      closed = true;
      if (!upgraded) finish({ error: 'closed before the upgrade' });
    });
    socket.on('connect', () =>
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      ),
    );
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!upgraded) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffer.subarray(0, end).toString('latin1');
        buffer = buffer.subarray(end + 4);
        if (!head.startsWith('HTTP/1.1 101')) return finish({ error: `upgrade refused: ${head.split('\r\n')[0]}` });
        upgraded = true;
        finish({
          write: (bytes) => {
            if (!closed) socket.write(bytes);
          },
          texts,
          isClosed: () => closed,
          close: () => socket.destroy(),
        });
      }
      buffer = readServerFrames(buffer, texts);
    });
  });
}

/** Takes the complete frames off `buffer` (servers do not mask), keeping text ones; returns the rest. */
function readServerFrames(buffer: Buffer, texts: string[]): Buffer {
  for (;;) {
    if (buffer.length < 2) return buffer;
    const opcode = buffer[0]! & 0x0f;
    let length = buffer[1]! & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (buffer.length < 4) return buffer;
      length = buffer.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (buffer.length < 10) return buffer;
      length = Number(buffer.readBigUInt64BE(2));
      offset = 10;
    }
    if (buffer.length < offset + length) return buffer;
    if (opcode === 1) texts.push(buffer.subarray(offset, offset + length).toString('utf8'));
    buffer = buffer.subarray(offset + length);
  }
}
