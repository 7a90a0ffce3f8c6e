// The in-memory shape of a recording: what every reader (v1, v2, v3) produces and the writer takes.

/** The asciicast format versions ptydeck reads; it writes only 3. */
export type AsciicastVersion = 1 | 2 | 3;

/** Event codes ptydeck understands; the specification says readers ignore any other. */
export type AsciicastEventKind = 'o' | 'i' | 'm' | 'r' | 'x';

/** Every event carries its absolute time, in seconds since the start of the recording. */
interface EventBase {
  readonly time: number;
  /** The event's data exactly as written in the file. */
  readonly data: string;
}

/** Data written to the terminal. */
export interface OutputEvent extends EventBase {
  readonly kind: 'o';
}
/** Data typed into the terminal. */
export interface InputEvent extends EventBase {
  readonly kind: 'i';
}
/** A marker; `data` is its label (may be empty). ptydeck writes one per demo step. */
export interface MarkerEvent extends EventBase {
  readonly kind: 'm';
}
/** The terminal was resized; `data` is `"{cols}x{rows}"`. */
export interface ResizeEvent extends EventBase {
  readonly kind: 'r';
  readonly cols: number;
  readonly rows: number;
}
/** The session's main process exited; `data` is its numeric status as a string. */
export interface ExitEvent extends EventBase {
  readonly kind: 'x';
  readonly status: number;
}

export type AsciicastEvent = OutputEvent | InputEvent | MarkerEvent | ResizeEvent | ExitEvent;

/** Colours of the recorded terminal, CSS `#rrggbb`; `palette` holds 8 or 16 colours joined by `:`. */
export interface AsciicastTheme {
  readonly fg: string;
  readonly bg: string;
  readonly palette: string;
}

/** Facts about the machine a demo was recorded on, so a stale or foreign recording can be told apart. */
export interface PtydeckHost {
  /** `uname -r`, e.g. `6.1.0-18-amd64`. */
  readonly kernel: string;
  /** PRETTY_NAME from os-release, e.g. `Debian GNU/Linux 12 (bookworm)`. */
  readonly distro: string;
  /** Docker server version, or null when no engine was reachable. */
  readonly docker?: string | null;
}

/** ptydeck's own header fields, written under PTYDECK_HEADER_KEY (asciinema ignores unknown fields). */
export interface PtydeckHeader {
  readonly deck: string;
  readonly demo: string;
  /** The demo manifest entry's hash when recorded: another hash means the recording is stale. */
  readonly hash: string;
  /** The ptydeck version that made the recording. */
  readonly version: string;
  readonly host: PtydeckHost;
}

/** The key of ptydeck's namespaced object in a v3 header. */
export const PTYDECK_HEADER_KEY = 'ptydeck';

/** Header fields known to the specification (and ptydeck's own), as the writer takes them. */
export interface AsciicastHeaderInit {
  /** Initial terminal size. */
  readonly cols: number;
  readonly rows: number;
  /** Terminal type, e.g. `xterm-256color` (v2 has it only as env.TERM). */
  readonly termType?: string;
  /** Terminal version as reported by XTVERSION (v3 only). */
  readonly termVersion?: string;
  readonly theme?: AsciicastTheme;
  /** Unix time of the start of the recording, in seconds. */
  readonly timestamp?: number;
  /** Players shorten every pause to at most this many seconds. */
  readonly idleTimeLimit?: number;
  readonly command?: string;
  readonly title?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly tags?: readonly string[];
  readonly ptydeck?: PtydeckHeader;
}

/** A header as read from a file: the known fields, typed, and the whole parsed object. */
export interface AsciicastHeader extends AsciicastHeaderInit {
  /** Total duration in seconds, as v1 and v2 headers may declare it (v3 has no such field). */
  readonly duration?: number;
  /** The header object as parsed, unknown fields included (for v1, without `stdout`). */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** A recording in memory, whatever version it was read from. */
export interface AsciicastRecording {
  readonly version: AsciicastVersion;
  /** Initial terminal size (the same as header.cols and header.rows). */
  readonly cols: number;
  readonly rows: number;
  readonly header: AsciicastHeader;
  /** In time order; events with codes ptydeck does not know are left out. */
  readonly events: readonly AsciicastEvent[];
}

/** Why a text is not a readable recording at all. */
export type AsciicastReadErrorCode =
  | 'empty'
  | 'not-json'
  | 'not-asciicast'
  | 'unsupported-version'
  | 'bad-header';

export interface AsciicastReadError {
  readonly code: AsciicastReadErrorCode;
  /** What is wrong, in a sentence a speaker can act on. */
  readonly message: string;
  /** 1-based line of the text where the problem is. */
  readonly line: number;
}

/** The outcome of reading: a recording with the problems that were worked around, or why not. */
export type AsciicastReadResult =
  | { readonly ok: true; readonly recording: AsciicastRecording; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly error: AsciicastReadError };
