// Output bytes travel in one frame each (protocol/output-frame.ts): over a real socket, on both
// of the page's transports, and through the page's decoder next to socket.io's own binary packets.
import { Encoder, PacketType, type Packet } from 'socket.io-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FRAME_ROOM, OUTPUT_FRAME_TAG, OutputFrameDecoder, decodeOutputFrame, encodeOutputFrame, withFrameRoom } from '../../protocol/output-frame.ts';
import type { DemoRef } from '../../protocol/socket-events.ts';
import { tryConnect } from './client-helpers.ts';
import { tempProject, type TempProject } from './fixture-helpers.ts';
import { ackOutput, ok, request, startLiveServer, type ClientSocket } from './live-harness.ts';

// Non-ASCII output goes as bytes (short ASCII goes as text: live-demo.ts, TEXT_OUTPUT_MAX_BYTES).
const DECK = `---
title: Frames
---
# Output as bytes

\`\`\`demo id=utf8 timeout=10 cols=80 rows=18
$ for i in 1 2 3; do echo "héllo wörld ✓ $i"; done
héllo wörld ✓ 1
héllo wörld ✓ 2
héllo wörld ✓ 3
\`\`\`
`;

describe('output frames over a real socket', () => {
  let project: TempProject;
  let server: Awaited<ReturnType<typeof startLiveServer>>;
  let socket: ClientSocket | null = null;
  const ref: DemoRef = { deck: 'frames', id: 'utf8' };

  beforeEach(async () => {
    project = tempProject([], { 'frames.md': DECK });
    server = await startLiveServer(project.slides);
  });
  afterEach(async () => {
    socket?.close();
    await server?.close();
    project?.remove();
  });

  for (const transport of ['websocket', 'polling'] as const) {
    it(`delivers bytes in one ${transport} message, as the same event`, async () => {
      const connected = await tryConnect(server.url, { auth: { token: server.live.token }, transports: [transport] });
      if ('error' in connected) throw new Error(connected.error);
      socket = connected.socket;
      // What engine.io hands socket.io's decoder: one entry per message on the wire.
      const messages: Array<string | Uint8Array> = [];
      socket.io.engine.on('packet', ({ type, data }) => {
        if (type !== 'message') return;
        messages.push(typeof data === 'string' ? data : new Uint8Array(data as ArrayBuffer));
      });
      const received: Uint8Array[] = [];
      socket.on('demo:output', ({ deck, id, data }) => {
        expect({ deck, id }).toEqual(ref);
        if (typeof data !== 'string') received.push(data);
      });
      ackOutput(socket);
      ok(await request(socket, 'demo:attach', ref));
      expect(ok(await request(socket, 'demo:step', ref)).outcome.output).toContain('héllo wörld ✓ 3');
      await expect.poll(() => Buffer.concat(received).toString('utf8')).toContain('héllo wörld ✓ 3');

      const frames = messages.filter((message) => typeof message !== 'string');
      expect(frames.length).toBe(received.length);
      for (const frame of frames) expect(frame[0]).toBe(OUTPUT_FRAME_TAG);
      // No socket.io binary event (a "5…-" text packet and its attachment) was sent.
      expect(messages.filter((message) => typeof message === 'string' && /^5\d+-/.test(message))).toEqual([]);
    });
  }
});

describe("the page's decoder", () => {
  const output = (seq: number, text: string): Packet => ({
    type: PacketType.EVENT,
    nsp: '/',
    data: ['demo:output', { deck: 'd', id: 'x', data: Buffer.from(text), seq }],
  });

  function decodeAll(parts: unknown[]): Packet[] {
    const decoder = new OutputFrameDecoder();
    const decoded: Packet[] = [];
    decoder.on('decoded', (packet: Packet) => decoded.push(packet));
    for (const part of parts) decoder.add(part);
    return decoded;
  }

  it('reads frames between socket.io binary packets, and those packets as socket.io does', () => {
    const attachment = Buffer.from([OUTPUT_FRAME_TAG, 0, 0, 7]); // an attachment that looks like a frame
    const binaryEvent = new Encoder().encode({ type: PacketType.EVENT, nsp: '/', data: ['other', { blob: attachment }] });
    expect(binaryEvent).toHaveLength(2);
    const decoded = decodeAll([encodeOutputFrame(output(1, 'één'))!, ...binaryEvent, encodeOutputFrame(output(2, '✓'))!, '2["plain",1]']);
    expect(decoded.map((packet) => packet.data[0])).toEqual(['demo:output', 'other', 'demo:output', 'plain']);
    const first = decoded[0]!.data[1] as { deck: string; id: string; seq: number; data: Uint8Array };
    expect({ deck: first.deck, id: first.id, seq: first.seq }).toEqual({ deck: 'd', id: 'x', seq: 1 });
    expect(Buffer.from(first.data).toString('utf8')).toBe('één');
    expect(Buffer.from((decoded[1]!.data[1] as { blob: Uint8Array }).blob)).toEqual(attachment);
    expect(Buffer.from((decoded[2]!.data[1] as { data: Uint8Array }).data).toString('utf8')).toBe('✓');
  });

  it('expects no attachment after the connection closed half-way through a binary packet', () => {
    const decoder = new OutputFrameDecoder();
    const decoded: Packet[] = [];
    decoder.on('decoded', (packet: Packet) => decoded.push(packet));
    const [text] = new Encoder().encode({ type: PacketType.EVENT, nsp: '/', data: ['other', Buffer.from('x')] });
    decoder.add(text);
    decoder.destroy(); // what socket.io's manager does when the connection closes
    decoder.add(encodeOutputFrame(output(1, 'é'))!);
    expect(decoded.map((packet) => packet.data[0])).toEqual(['demo:output']);
  });

  it('refuses binary that is neither a frame nor an attachment, as socket.io does', () => {
    expect(() => decodeAll([new Uint8Array([1, 2, 3])])).toThrow(/not reconstructing/);
  });

  it('leaves text output, acknowledgements and other events to socket.io', () => {
    const text: Packet = { type: PacketType.EVENT, nsp: '/', data: ['demo:output', { deck: 'd', id: 'x', data: 'ascii', seq: 1 }] };
    expect(encodeOutputFrame(text)).toBeNull();
    expect(encodeOutputFrame({ ...output(1, 'é'), id: 4 })).toBeNull();
    expect(encodeOutputFrame({ type: PacketType.ACK, nsp: '/', id: 4, data: [{ data: Buffer.from('é') }] })).toBeNull();
    expect(encodeOutputFrame({ type: PacketType.EVENT, nsp: '/', data: ['demo:state', { data: Buffer.from('é') }] })).toBeNull();
  });
});

describe("the server's encoder", () => {
  const packet = (deck: string, data: Uint8Array): Packet => ({ type: PacketType.EVENT, nsp: '/', data: ['demo:output', { deck, id: 'x', data, seq: 7 }] });
  const bytesOf = (frame: Uint8Array) => Buffer.from((decodeOutputFrame(frame)!.data[1] as { data: Uint8Array }).data).toString('utf8');

  it('writes the header in the room in front of the bytes, once for every view', () => {
    const storage = Buffer.alloc(FRAME_ROOM + Buffer.byteLength('één'));
    storage.write('één', FRAME_ROOM);
    const bytes = withFrameRoom(storage);
    const first = encodeOutputFrame(packet('d', bytes))!;
    expect(first.buffer).toBe(storage.buffer); // no copy
    expect(encodeOutputFrame(packet('d', bytes))).toBe(first);
    expect(bytesOf(first)).toBe('één');
    // Another header for the same bytes cannot share the room: a frame of its own, both intact.
    const other = encodeOutputFrame(packet('e', bytes))!;
    expect(other.buffer).not.toBe(storage.buffer);
    expect((decodeOutputFrame(other)!.data[1] as { deck: string }).deck).toBe('e');
    expect(bytesOf(other)).toBe('één');
    expect((decodeOutputFrame(first)!.data[1] as { deck: string }).deck).toBe('d');
  });

  it('copies bytes that have no room', () => {
    const frame = encodeOutputFrame(packet('d', Buffer.from('✓')))!;
    expect(frame[0]).toBe(OUTPUT_FRAME_TAG);
    expect(bytesOf(frame)).toBe('✓');
  });
});
