// The web-terminal peers the demos bench compares ptydeck with, and ttyd's wire format as ttyd
// 1.7.7 defines it (src/server.h, src/protocol.c) and its own web client speaks it
// (html/src/components/terminal/xterm/index.ts). Shared by the page and the Node latency
// client; no I/O, no DOM, no Node.

/**
 * Where the page and the latency client reach the peer that ran. `ttyd`: Debian's ttyd, built by
 * bench/peers/ttyd.sh. `stand-in`: bench/demos/peer-server.ts, used when no ttyd is found.
 */
export type PeerTarget = { readonly kind: 'ttyd'; readonly url: string } | { readonly kind: 'stand-in'; readonly url: string };

/** ttyd serves its terminal only to WebSockets asking for this subprotocol. */
export const TTYD_SUBPROTOCOL = 'tty';
/** ttyd's WebSocket path (endpoints.ws). */
export const TTYD_PATH = '/ws';

/** The first byte of a client→ttyd frame. */
export const TtydClientCommand = { input: '0', resize: '1', pause: '2', resume: '3' } as const;
/** The first byte of a ttyd→client frame (all binary). */
export const TtydServerCommand = { output: '0', title: '1', preferences: '2' } as const;
const OUTPUT_BYTE = TtydServerCommand.output.charCodeAt(0);

/**
 * ttyd's web client's flow control, its own numbers (html/src/components/app.tsx): every `limit`
 * bytes, one write gets a callback and counts as pending; above `highWater` pending the client
 * sends PAUSE (ttyd stops reading the pty), below `lowWater` RESUME.
 */
export const TTYD_FLOW_CONTROL = { limit: 100_000, highWater: 10, lowWater: 4 } as const;

const encoder = new TextEncoder();

/** The first frame a client sends: ttyd starts the command in a pty of this size only then. */
export function ttydHello(columns: number, rows: number): Uint8Array {
  return encoder.encode(JSON.stringify({ AuthToken: '', columns, rows }));
}

/** Keystrokes for the pty. */
export function ttydInput(text: string): Uint8Array {
  return encoder.encode(TtydClientCommand.input + text);
}

/** PAUSE or RESUME, as ttyd's client sends them. */
export function ttydFlow(command: typeof TtydClientCommand.pause | typeof TtydClientCommand.resume): Uint8Array {
  return encoder.encode(command);
}

/** The pty output a ttyd frame carries, or null for its other frames (window title, preferences). */
export function ttydOutput(frame: Uint8Array): Uint8Array | null {
  return frame[0] === OUTPUT_BYTE ? frame.subarray(1) : null;
}
