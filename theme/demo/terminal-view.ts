// An xterm.js terminal in a demo placeholder, sized from data-cols/data-rows and set in the
// transcript's font, so it takes the transcript's place on the slide. The transcript stays in
// the DOM, hidden, and comes back when the terminal is disposed.
import { Terminal, type ITheme } from '@xterm/xterm';
import { DisposableStore, toDisposable, type Disposable } from './disposable.ts';
import type { OutputEvent } from './driver.ts';
import type { DemoPlaceholder } from './placeholder.ts';
import { bufferText } from './screen-text.ts';

/** Lines kept above the screen: enough to scroll back over one step's output, cheap to keep. */
const SCROLLBACK_LINES = 1000;
/** The font size when the transcript's cannot be read (an unrendered slide): base.css's. */
const FALLBACK_FONT_SIZE_PX = 18;
/** Full reset (RIS): sent in-band ahead of a snapshot, so it lands after earlier queued writes. */
const FULL_RESET = '\x1bc';
/**
 * Hyperlinks a demo's program prints (OSC 8) do nothing when clicked. xterm.js's default asks
 * with confirm() and then opens the URL: a hostile program could send the presenter's browser
 * anywhere, in front of the audience. javascript: and other non-http links xterm.js drops itself.
 */
const INERT_LINKS = { activate: () => {}, allowNonHttpProtocols: false } as const;
/** How ptydeck's own lines look: dim italic, apart from the demo's output. */
const NOTICE_STYLE = { start: '\x1b[0;2;3m', end: '\x1b[0m' } as const;

export interface TerminalView extends Disposable {
  readonly terminal: Terminal;
  /** Writes an event; resolves once xterm.js has parsed it, calling `written` then, synchronously. */
  write(event: OutputEvent, written?: () => void): Promise<void>;
  /** Resolves once everything written so far is in the buffer. */
  flush(): Promise<void>;
  /** The buffer as plain text (see screen-text.ts). */
  text(): string;
}

function terminalTheme(box: HTMLElement): ITheme {
  const style = getComputedStyle(box);
  return {
    background: style.backgroundColor,
    foreground: style.color,
    cursor: style.color,
    selectionBackground: 'rgba(128, 160, 255, 0.35)',
  };
}

function fontOf(placeholder: DemoPlaceholder): { fontSize: number; fontFamily: string } {
  const style = getComputedStyle(placeholder.transcript ?? placeholder.box);
  const size = Number.parseFloat(style.fontSize);
  return { fontSize: size > 0 ? size : FALLBACK_FONT_SIZE_PX, fontFamily: style.fontFamily || 'monospace' };
}

/** Opens a terminal in `placeholder`'s box; `stdin` lets keystrokes through (interactive demos). */
export function mountTerminal(placeholder: DemoPlaceholder, options: { readonly stdin: boolean }): TerminalView {
  const store = new DisposableStore();
  const font = fontOf(placeholder); // read before the transcript is hidden
  const terminal = store.add(
    new Terminal({
      cols: placeholder.cols,
      rows: placeholder.rows,
      ...font,
      lineHeight: 1,
      theme: terminalTheme(placeholder.box),
      convertEol: false, // the pty sends \r\n itself; converting would double-space
      scrollback: SCROLLBACK_LINES,
      allowProposedApi: false,
      linkHandler: INERT_LINKS,
      disableStdin: !options.stdin,
      cursorBlink: false,
      cursorInactiveStyle: options.stdin ? 'outline' : 'block',
    }),
  );
  const host = document.createElement('div');
  host.className = 'ptydeck-xterm';
  placeholder.box.append(host);
  store.add(toDisposable(() => host.remove()));
  if (placeholder.transcript) {
    const transcript = placeholder.transcript;
    transcript.hidden = true;
    store.add(toDisposable(() => (transcript.hidden = false)));
  }
  terminal.open(host);

  const write = (data: string | Uint8Array, written?: () => void) =>
    new Promise<void>((resolve) =>
      terminal.write(data, () => {
        written?.();
        resolve();
      }),
    );
  return {
    terminal,
    write(event, written) {
      switch (event.kind) {
        case 'screen':
          return write(FULL_RESET + event.data, written);
        case 'data':
          return write(event.data, written);
        case 'notice':
          return write(`\r\n${NOTICE_STYLE.start}[ptydeck] ${event.text}${NOTICE_STYLE.end}\r\n`, written);
      }
    },
    flush: () => write(''),
    text: () => bufferText(terminal.buffer.active),
    dispose: () => store.dispose(),
  };
}
