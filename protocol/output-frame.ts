// 'demo:output' with bytes in one WebSocket frame. socket.io sends an event that carries binary
// as two frames: a text frame of JSON with a placeholder, then the bytes; the receiver holds the
// first until the second arrives. For a flood that is two sends, two syscalls and two message
// events for every batch. Here the server's encoder puts the event's name, demo and sequence
// number in a short header in front of the bytes, and the page's decoder reads them back as
// the same event. Everything else goes through socket.io's own parser, both ways; the server
// reads what clients send with socket.io's decoder alone, so nothing a client sends is read by
// this code.
import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';

/** First byte of an output frame: tells it from an attachment when it comes out of turn. */
export const OUTPUT_FRAME_TAG = 0xd0;
/** Tag, then the header's length (2 bytes, big-endian), then the header, then the bytes. */
const PREFIX_BYTES = 3;
const EVENT = 'demo:output';

/** JSON as ASCII bytes, anything past ASCII escaped (demo names are ASCII anyway). */
function asciiJson(text: string): Uint8Array {
  const json = text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const bytes = new Uint8Array(json.length);
  for (let i = 0; i < json.length; i++) bytes[i] = json.charCodeAt(i);
  return bytes;
}

function fromAscii(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}

/** The header: which demo, and the output's sequence number (see 'demo:output'). */
interface OutputHeader {
  readonly deck: string;
  readonly id: string;
  readonly seq: number;
}

/**
 * Room kept in front of output bytes made with withFrameRoom(): the frame's tag, length and header
 * go there, and the bytes are sent where they are: a copy into a frame of its own is a second
 * 64 KB buffer per batch of a flood, garbage once sent. Enough for a header naming a demo (names
 * are at most WIRE_LIMITS.maxNameLength characters) and its sequence number.
 */
export const FRAME_ROOM = 320;

/**
 * Output bytes with FRAME_ROOM free bytes in front of them in their buffer, and the frame that
 * starts there once the encoder wrote a header in the room. Made by withFrameRoom() only: a
 * subarray of these (made through the species constructor) has no room, and says so. The frame
 * is kept on the bytes, not in a WeakMap: a WeakMap's entries held the bytes' buffers until a
 * full collection, and a second 100 MB `cat` grew the server by 18–28 MB instead of 2–8 (scratch:
 * 8 and 7 servers, RSS sampled every 20 ms; docs/benchmarks.md, run S).
 */
export class RoomyBytes extends Uint8Array {
  hasRoom = false;
  header: string | null = null;
  frame: Uint8Array | null = null;
}

/**
 * The output bytes within `storage`, whose first FRAME_ROOM bytes are free: the encoder writes
 * the frame's header there instead of copying the bytes (every view of a demo gets the same
 * bytes, ref and sequence number, so the same frame).
 */
export function withFrameRoom(storage: Uint8Array): RoomyBytes {
  // A buffer of output, never shared memory.
  const bytes = new RoomyBytes(storage.buffer as ArrayBuffer, storage.byteOffset + FRAME_ROOM, storage.length - FRAME_ROOM);
  bytes.hasRoom = true;
  return bytes;
}

function writePrefix(frame: Uint8Array, header: Uint8Array): void {
  frame[0] = OUTPUT_FRAME_TAG;
  frame[1] = header.length >> 8;
  frame[2] = header.length & 0xff;
  frame.set(header, PREFIX_BYTES);
}

/** The frame for an event packet of 'demo:output' with bytes, or null for any other packet. */
export function encodeOutputFrame(packet: Packet): Uint8Array | null {
  if (packet.type !== PacketType.EVENT || packet.id !== undefined || (packet.nsp && packet.nsp !== '/')) return null;
  if (!Array.isArray(packet.data)) return null;
  const [name, payload, ...rest] = packet.data as unknown[];
  if (name !== EVENT || rest.length > 0 || typeof payload !== 'object' || payload === null) return null;
  const { deck, id, seq, data } = payload as Partial<OutputHeader> & { data?: unknown };
  if (!(data instanceof Uint8Array) || typeof deck !== 'string' || typeof id !== 'string' || typeof seq !== 'number') return null;
  const json = JSON.stringify({ deck, id, seq } satisfies OutputHeader);
  const roomy = data instanceof RoomyBytes && data.hasRoom ? data : null;
  if (roomy?.header === json) return roomy.frame;
  const header = asciiJson(json);
  if (header.length > 0xffff) return null;
  const frameBytes = PREFIX_BYTES + header.length;
  if (roomy && roomy.header === null && frameBytes <= FRAME_ROOM) {
    roomy.header = json;
    roomy.frame = new Uint8Array(roomy.buffer, roomy.byteOffset - frameBytes, frameBytes + roomy.length);
    writePrefix(roomy.frame, header);
    return roomy.frame;
  }
  // No room, or taken by another header: a frame of its own.
  const frame = new Uint8Array(frameBytes + data.length);
  writePrefix(frame, header);
  frame.set(data, frameBytes);
  return frame;
}

/**
 * The 'demo:output' packet in `frame`, its bytes a view of the frame (no copy); null if it is
 * not an output frame.
 */
export function decodeOutputFrame(frame: ArrayBuffer | Uint8Array): Packet | null {
  const bytes = frame instanceof Uint8Array ? frame : new Uint8Array(frame);
  if (bytes.length < PREFIX_BYTES || bytes[0] !== OUTPUT_FRAME_TAG) return null;
  const headerEnd = PREFIX_BYTES + ((bytes[1]! << 8) | bytes[2]!);
  if (headerEnd > bytes.length) return null;
  const header = JSON.parse(fromAscii(bytes.subarray(PREFIX_BYTES, headerEnd))) as OutputHeader;
  return { type: PacketType.EVENT, nsp: '/', data: [EVENT, { ...header, data: bytes.subarray(headerEnd) }] };
}

/** The server's encoder: output with bytes as one frame, any other packet as socket.io encodes it. */
export class OutputFrameEncoder extends Encoder {
  override encode(packet: Packet): unknown[] {
    const frame = encodeOutputFrame(packet);
    return frame ? [frame] : super.encode(packet);
  }
}

/** A text packet of socket.io's binary kinds ("5" event, "6" ack) and its attachment count. */
const BINARY_PACKET = /^[56](\d+)-/;

/**
 * The page's decoder: an output frame becomes its 'demo:output' event; anything else goes to
 * socket.io's decoder, attachments included (counted from their packet's text, so a frame
 * is never taken for one).
 */
export class OutputFrameDecoder extends Decoder {
  private attachmentsDue = 0;

  override add(data: unknown): void {
    if (typeof data === 'string') {
      const binary = BINARY_PACKET.exec(data);
      this.attachmentsDue = binary ? Number(binary[1]) : 0;
      return super.add(data);
    }
    if (this.attachmentsDue > 0) {
      this.attachmentsDue -= 1;
      return super.add(data);
    }
    const packet = data instanceof ArrayBuffer || data instanceof Uint8Array ? decodeOutputFrame(data) : null;
    // Not a frame: socket.io's decoder refuses binary out of turn, as it always has.
    if (!packet) return super.add(data);
    this.emitReserved('decoded', packet);
  }

  /** The connection closed (socket.io's manager cleans up): no attachment is due on the next one. */
  override destroy(): void {
    this.attachmentsDue = 0;
    super.destroy();
  }
}

/** The server's parser (socket.io's `parser` option): writes output frames, reads as socket.io does. */
export const serverParser = { Encoder: OutputFrameEncoder, Decoder };
/** A client's parser: reads output frames, writes as socket.io does. */
export const clientParser = { Encoder, Decoder: OutputFrameDecoder };
