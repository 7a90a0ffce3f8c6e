// The WebSocket floor's wire format, shared by its server (floor-server.ts) and the page
// (page-floor.ts): one request, then the flood as text frames, paced by acknowledgements.
import { FLOW_CONTROL } from '../../protocol/socket-events.ts';

/** The page asks for a flood: what `cat` or `yes | head -c` would deliver, `bytes` source bytes. */
export interface FloorRequest {
  readonly kind: 'cat' | 'yes';
  readonly bytes: number;
}

/** Frame size (characters): ptydeck's largest output batch. */
export const FLOOR_FRAME_CHARS = 64 * 1024;
/** The same window as ptydeck's flow control: the floor differs from ptydeck only in having no pty, server work or socket.io. */
export const FLOOR_WINDOW = { high: FLOW_CONTROL.highWatermark, low: FLOW_CONTROL.lowWatermark, ackEvery: FLOW_CONTROL.ackEvery } as const;
/** The page's acknowledgement: `ack:<characters written>`. */
export const FLOOR_ACK = 'ack:';
