// The demos bench's sizes and markers, shared by the Node side and the page (no I/O, no env).

/** Every terminal in the bench has the deck format's default size, so all draw the same. */
export const TERMINAL_SIZE = { cols: 80, rows: 18 } as const;

/** The peer's and the direct shell's prompt: text no flood contains, so its arrival is findable. */
export const PEER_PROMPT = '[peer]$ ';
export const DIRECT_PROMPT = '[direct]$ ';
/** The prompt of the least socket.io terminal (socketio-pty-server.ts). */
export const SOCKETIO_PTY_PROMPT = '[socket.io]$ ';

/** Printed after a flood by `printf '%s%s\n' DONE MARK`: the typed echo has a space, the output not. */
export const DONE_MARK = 'DONEMARK';
export const DONE_COMMAND = `printf '%s%s\\n' DONE MARK`;

/** How long a flood runs before Ctrl-C is pressed (ms): well into steady state. */
export const INTERRUPT_AFTER_MS = 1_500;

/** Size of the recording replayed in the page (bytes of output), as the issue sets it: 3 MB. */
export const REPLAY_BYTES = 3 * 1024 * 1024;

/** The echo server's bare WebSocket endpoint (echo-server.ts); socket.io has its own path. */
export const ECHO_WS_PATH = '/echo';

/** The throughput target's share of term.write direct: the pace of the pty load read beside the baseline (pty-load.ts). */
export const LOAD_SHARE = 0.85;
