// Generates what a raw WebSocket sends the engine.io endpoint: malformed engine.io and socket.io
// packets, binary garbage, frames over the size limit, lengths that lie, broken framing. The
// socket.io packets that parse are junk-sender messages (fuzz-socket-messages.ts): none of them
// is a valid request to run a step, so a step they ran would show in the fuzz deck's log.
import { WIRE_LIMITS } from '../../protocol/socket-events.ts';
import { encodeFrame } from './fuzz-raw-websocket.ts';
import type { Random } from './fuzz-random.ts';
import { junkMessage } from './fuzz-socket-messages.ts';

const TEXT = 0x1;
const BINARY = 0x2;
const CLOSE = 0x8;
const PING = 0x9;

const text = (s: string) => encodeFrame(TEXT, Buffer.from(s, 'utf8'));

/** socket.io packets (inside an engine.io message, "4") that are broken in one way each. */
const BROKEN_PACKETS = [
  '4', '42', '42[', '42[]', '42{}', '42"demo:step"', '42[1,2]', '42[null]', '42[{"deck":"fuzz"}]',
  '4299999999999999999999["demo:attach",{"deck":"fuzz","id":"log"}]', '42-1["demo:attach",{"deck":"fuzz","id":"log"}]',
  '421e5["demo:attach",{"deck":"fuzz","id":"log"}]', '42/nope,["demo:step",{"deck":"fuzz","id":"log"}]',
  // Binary events announcing attachments that never come, or pointing past the ones that do.
  '451-["demo:input",{"deck":"fuzz","id":"log","data":{"_placeholder":true,"num":0}}]',
  '452-["demo:attach",{"_placeholder":true,"num":7}]', '45999999-["x"]', '45-1-["x"]', '45a-["x"]',
  '43', '431[]', '43["x"]', '41', '41/nope,', '40/nope,', '40{"token":[]}', '40{"token":{"length":64}}', '40[', '44', '46', '47', '49', '4x',
  // Names socket.io reserves for its own events.
  '42["disconnect"]', '42["disconnecting","x"]', '42["connect"]', '421["connect_error",{}]', '42["newListener","demo:step"]', '42["removeListener","disconnect"]',
  '2', '3', '1', '5', '6', '0', '0{}', '7', 'x', '', '4\u0000', '42["\uD800"]',
] as const;

/** One socket.io packet: an event from the junk generator, or a broken one. */
function socketIoPacket(random: Random): string {
  if (random.chance(0.4)) return random.pick(BROKEN_PACKETS);
  const message = junkMessage(random, 'junk');
  const id = message.ack ? String(random.int(0, 1e6)) : '';
  return `42${id}${JSON.stringify([message.event, ...message.args])}`;
}

/** The next frame (or non-frame bytes) a raw connection sends. */
export function nextRawFrame(random: Random): Buffer {
  const roll = random.int(0, 15);
  switch (roll) {
    case 0:
    case 1:
    case 2:
    case 3:
    case 4:
      return text(socketIoPacket(random));
    case 5:
      // Binary: engine.io hands it to socket.io as an attachment nobody announced.
      return encodeFrame(BINARY, random.bytes(random.int(0, 512)));
    case 6:
      // Over the message limit: the server must close this connection and nothing else.
      return encodeFrame(random.chance(0.5) ? TEXT : BINARY, Buffer.alloc(WIRE_LIMITS.maxMessageBytes + random.int(1, 256 * 1024), 0x61));
    case 7:
      // A length that lies: 2^63-1 announced, a few bytes sent.
      return encodeFrame(TEXT, Buffer.from('42["demo:attach"]'), { claimedLength: random.chance(0.5) ? 0x7fffffffffffffffn : BigInt(random.int(70_000, 2 ** 31)) });
    case 8:
      return encodeFrame(TEXT, Buffer.from(socketIoPacket(random)), { mask: false });
    case 9:
      return encodeFrame(random.pick([0x3, 0x4, 0x5, 0x6, 0x7, 0xb, 0xc, 0xd, 0xe, 0xf]), random.bytes(random.int(0, 32)));
    case 10:
      return encodeFrame(TEXT, Buffer.from('42["demo:step",{"deck":"fuzz","id":"log"}]'), { rsv: random.int(1, 7) });
    case 11:
      // Invalid UTF-8 in a text frame.
      return encodeFrame(TEXT, Buffer.concat([Buffer.from('42["'), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]), Buffer.from('"]')]));
    case 12:
      // Fragments: a continuation with no start, a start never finished, a fragmented ping.
      return random.pick([
        encodeFrame(0x0, Buffer.from('42[]')),
        encodeFrame(TEXT, Buffer.from('42["demo:att'), { fin: false }),
        encodeFrame(PING, Buffer.alloc(200), { fin: random.chance(0.5) }),
      ]);
    case 13: {
      const payload = Buffer.alloc(2 + random.int(0, 8));
      payload.writeUInt16BE(random.pick([0, 999, 1004, 1005, 1006, 2999, 5000, 65535]));
      return encodeFrame(CLOSE, random.chance(0.2) ? Buffer.from([1]) : payload);
    }
    case 14:
      // Not a frame at all.
      return random.bytes(random.int(1, 64));
    default:
      // An engine.io packet of an unknown or misplaced type.
      return text(random.pick(['0', '1', '2probe', '3', '5', '6', '7', '9', 'b4AAAA', 'b', '', random.codeUnits(random.int(1, 30))]));
  }
}

/** What a raw connection presents in its socket.io CONNECT: no token (a viewer), a wrong one, or the right one. */
export function connectPacket(random: Random, token: string): string {
  const roll = random.next();
  if (roll < 0.3) return '40';
  if (roll < 0.5) return `40${JSON.stringify({ token: token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a') })}`;
  return `40${JSON.stringify({ token })}`;
}

/** The frame that opens a raw connection's socket.io session. */
export function connectFrame(random: Random, token: string): Buffer {
  return text(connectPacket(random, token));
}
