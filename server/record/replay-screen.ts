// Replays a recording into a headless terminal and reads its final screen: how a test or
// `ptydeck doctor --run` sees what a recording shows, without a browser.

import headless from '@xterm/headless';
import type { AsciicastEvent, AsciicastRecording } from '../../protocol/asciicast/types.ts';

// A CommonJS bundle without named-export hints: Node's ESM loader offers only its default.
const { Terminal } = headless;

type Replayable = Pick<AsciicastRecording, 'cols' | 'rows' | 'events'>;

/**
 * Scrollback of the replay terminal. Only the visible screen is read, but the same value as the
 * live screen (screen.ts SCREEN_SCROLLBACK_LINES) keeps a clear-scrollback sequence acting alike.
 */
const REPLAY_SCROLLBACK_LINES = 1_000;

/**
 * Applies `events` (all of them, by default) to a terminal of the recording's size and returns the
 * visible rows as plain text, trailing spaces trimmed and trailing empty rows dropped: the same
 * shape as PtySession.text(), so the two compare directly. Resizes are applied; input, markers and
 * the exit status do not change a screen.
 */
export async function replayScreen(recording: Replayable, events: readonly AsciicastEvent[] = recording.events): Promise<string> {
  const { cols, rows } = recording;
  const term = new Terminal({ cols, rows, scrollback: REPLAY_SCROLLBACK_LINES, allowProposedApi: true });
  // Writes are parsed asynchronously, in order: this resolves once all so far are on the screen.
  const parsed = (): Promise<void> => new Promise((resolve) => term.write('', resolve));
  try {
    for (const event of events) {
      if (event.kind === 'o') term.write(event.data);
      else if (event.kind === 'r') {
        // A resize applies after the output before it, as in the recorded terminal.
        await parsed();
        term.resize(event.cols, event.rows);
      }
    }
    await parsed();
    const buffer = term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < term.rows; y++) {
      lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true).trimEnd() ?? '');
    }
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines.join('\n');
  } finally {
    term.dispose();
  }
}
