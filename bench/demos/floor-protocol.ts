// The WebSocket floor's wire format, shared by its server (floor-server.ts) and the page
// (page-floor.ts): one request, then the flood as text frames, paced by acknowledgements.
import { FLOW_CONTROL } from '../../protocol/socket-events.ts';

/**
 * The page asks for a flood: what `cat` or `yes | head -c` would deliver, `bytes` source bytes.
 * `source`: 'memory' sends bytes made up front (the floor); 'pty' runs the command in a pty and
 * forwards what it reads, batched as ptydeck batches it (the pty floor: any pty-based server's
 * least work).
 */
export interface FloorRequest {
  readonly kind: 'cat' | 'yes';
  readonly bytes: number;
  readonly source: 'memory' | 'pty';
}

/**
 * The bench asks for the pty's work alone (pty-load.ts): the flood's command run again and again
 * in a pty, read at `charsPerSecond` and thrown away, nothing sent, until FLOOR_STOP; the reply
 * is one LoadReport.
 */
export interface LoadRequest {
  readonly kind: 'cat' | 'yes';
  readonly bytes: number;
  readonly source: 'load';
  readonly charsPerSecond: number;
}

/** What a load read, and for how long. */
export interface LoadReport {
  readonly chars: number;
  readonly ms: number;
}

/** Ends a load: the server answers with its LoadReport. */
export const FLOOR_STOP = 'stop';

/** Frame size (characters): ptydeck's largest output batch. */
export const FLOOR_FRAME_CHARS = 64 * 1024;
/** The same window as ptydeck's flow control: the floor differs from ptydeck only in having no pty, server work or socket.io. */
export const FLOOR_WINDOW = { high: FLOW_CONTROL.highWatermark, low: FLOW_CONTROL.lowWatermark, ackEvery: FLOW_CONTROL.ackEvery } as const;
/** The page's acknowledgement: `ack:<characters written>`. */
export const FLOOR_ACK = 'ack:';
