// What the runner itself writes into a demo's terminal: its messages, and the screen clears.

/** Formats a message for the demo's terminal: `ptydeck:` in yellow, CRLF line ends. */
export function terminalMessage(text: string): string {
  return `\r\n\x1b[1;33mptydeck:\x1b[0m ${text.replace(/\n/g, '\r\n')}\r\n`;
}

/**
 * The hidden command that ends setup: clears screen and scrollback, so the audience starts at
 * a clean prompt. printf is a builtin in every shell; `clear` may not be installed.
 */
export const CLEAR_SCREEN_COMMAND = "printf '\\033[3J\\033[H\\033[2J'";

/** Full reset (RIS), sent to the screen and every viewer when a session starts over. */
export const RESET_SCREEN = '\x1bc';
