// What crosses the socket between the demo server and the deck page, typed once for both ends
// (socket.io's ServerToClientEvents / ClientToServerEvents). The server validates every
// payload at run time anyway: see parseDemoRef and the limits below.

/** Names a demo: the browser never sends a command, only which demo of which deck. */
export interface DemoRef {
  readonly deck: string;
  readonly id: string;
}

/** An error as it travels: a stable code and a sentence for the presenter. */
export interface ErrorPayload {
  readonly code: string;
  readonly message: string;
}

/** A demo session's state, as a view shows it (mirrors the server's session states). */
export type DemoStatus = 'idle' | 'starting' | 'ready' | 'running' | 'finished' | 'failed' | 'resetting' | 'disposed';

/** Everything a view needs to draw a demo's controls and badge. */
export interface DemoSnapshot extends DemoRef {
  readonly status: DemoStatus;
  /** 0-based index of the next step to run (equals `steps` when all ran). */
  readonly nextStep: number;
  readonly steps: number;
  /** Exit code of the last finished step, or null. */
  readonly lastExit: number | null;
  readonly lastTimedOut: boolean;
  readonly interactive: boolean;
  /** The screen serialized as escape sequences, to write into a fresh terminal. */
  readonly screen: string;
  /** Why it failed, when status is failed. */
  readonly message: string | null;
}

/** Acknowledgement of a request: success with a value, or an error. */
export type Ack<T = object> = ({ readonly ok: true } & T) | { readonly ok: false; readonly error: ErrorPayload };

export interface StepOutcome {
  readonly index: number;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  /** The step's output as plain text, its last MAX_STEP_OUTPUT_CHARS characters. */
  readonly output: string;
}

/** Output a step reply carries (characters): enough to check a demo, never a flood's worth. */
export const MAX_STEP_OUTPUT_CHARS = 16 * 1024;

export interface ServerToClientEvents {
  /**
   * Output for a demo the view attached to, as UTF-8 bytes (no JSON escaping of every CR LF
   * and ESC, and xterm.js takes the bytes as they are), in one WebSocket frame of their own
   * (output-frame.ts: socket.io's parser would send two); each message ends on a character
   * boundary. Short ASCII output (a typed command's echo, a prompt) comes as a string instead,
   * its length its size in bytes (see TEXT_OUTPUT_MAX_BYTES in server/live/live-demo.ts).
   * `seq` numbers the messages (see 'demo:discard').
   */
  'demo:output': (payload: DemoRef & { readonly data: Uint8Array | string; readonly seq: number }) => void;
  /**
   * Ctrl-C: drop the output received up to `seq` and not yet written into the terminal, and
   * acknowledge it as written. The server dropped what it had not sent, as a terminal flushes
   * its output queue on an interrupt, so the prompt shows at once even behind a flood. Only the
   * views skip it: the server's screen (what a late view gets) has it all.
   */
  'demo:discard': (payload: DemoRef & { readonly seq: number }) => void;
  /** The demo's state changed (status, step, exit code). `screen` is empty in these updates. */
  'demo:state': (payload: DemoSnapshot) => void;
  /** This connection may watch but not act (it has no token). */
  'session:role': (payload: { readonly role: 'presenter' | 'viewer' }) => void;
}

export interface ClientToServerEvents {
  /** Start watching a demo: the reply carries its current screen. */
  'demo:attach': (ref: DemoRef, ack: (reply: Ack<{ snapshot: DemoSnapshot }>) => void) => void;
  'demo:detach': (ref: DemoRef) => void;
  /** Run the next step; resolves when it finishes. */
  'demo:step': (ref: DemoRef, ack: (reply: Ack<{ outcome: StepOutcome }>) => void) => void;
  /** Run every remaining step; resolves when the last finishes or one fails. */
  'demo:run-all': (ref: DemoRef, ack: (reply: Ack<{ outcomes: StepOutcome[] }>) => void) => void;
  /** Ctrl-C to the demo's foreground process. */
  'demo:interrupt': (ref: DemoRef, ack: (reply: Ack) => void) => void;
  /** Kill everything, run teardown, start fresh. */
  'demo:reset': (ref: DemoRef, ack: (reply: Ack) => void) => void;
  /** Keystrokes: accepted for `interactive` demos only. */
  'demo:input': (payload: DemoRef & { readonly data: string }, ack: (reply: Ack) => void) => void;
  /** Flow control: the view has written `bytes` bytes of output into its terminal. */
  'output:ack': (payload: DemoRef & { readonly bytes: number }) => void;
}

/** socket.io path, so the deck's own routes never collide with it. */
export const SOCKET_PATH = '/__ptydeck/socket';

/** Limits on what a client may send, with their reasons. */
export const WIRE_LIMITS = {
  /** Longest socket message accepted (bytes): a DemoRef plus a paste of typing fits easily. */
  maxMessageBytes: 64 * 1024,
  /** Longest keystroke payload (characters): a pasted line, not a file. */
  maxInputChars: 4096,
  /** Longest deck or demo name: a file name, not a payload. */
  maxNameLength: 100,
} as const;

/**
 * Flow control: watermarks in bytes of output (UTF-8, as sent) not yet acknowledged by the view. The view
 * acknowledges after xterm.js has written, so throughput is at most one window per round trip:
 * 128 KiB held a busy machine's floods to ~0.5 MB/s (bench/demos.mjs). Ctrl-C does not wait for
 * the window to be drawn: the view drops what it has not written ('demo:discard').
 */
export const FLOW_CONTROL = {
  /** Pause the pty above this. */
  highWatermark: 1024 * 1024,
  /** Resume below this, leaving room so the pty does not flap between paused and running. */
  lowWatermark: 256 * 1024,
  /** The view acknowledges after writing at least this many bytes (fewer messages). */
  ackEvery: 64 * 1024,
} as const;

const NAME = /^[a-z0-9-]+$/;

/** Validates an untrusted payload as a DemoRef; anything else is null. */
export function parseDemoRef(value: unknown): DemoRef | null {
  if (typeof value !== 'object' || value === null) return null;
  const { deck, id } = value as Record<string, unknown>;
  if (typeof deck !== 'string' || typeof id !== 'string') return null;
  if (deck.length > WIRE_LIMITS.maxNameLength || id.length > WIRE_LIMITS.maxNameLength) return null;
  if (!NAME.test(deck) || !NAME.test(id)) return null;
  return { deck, id };
}
