// The bench page's terminals: each run gets a fresh one, mounted by ptydeck's own mountTerminal
// (the same xterm.js, options and renderer for ptydeck, the peer and the baseline).
import type { DemoPlaceholder } from '../../theme/demo/placeholder.ts';
import { mountTerminal, type TerminalView } from '../../theme/demo/terminal-view.ts';
import { TERMINAL_SIZE } from './bench-config.ts';

function placeholder(): DemoPlaceholder {
  const figure = document.createElement('figure');
  const box = document.createElement('div');
  box.style.cssText = 'font: 18px monospace; background: #111; color: #eee; display: inline-block';
  figure.append(box);
  document.body.append(figure);
  return { figure, ref: { deck: 'bench', id: 'x' }, ...TERMINAL_SIZE, interactive: false, box, transcript: null, bar: null, badge: null };
}

/** A fresh terminal for one run; removed afterwards so runs do not share a renderer. */
export async function withTerminal<T>(work: (view: TerminalView) => Promise<T>): Promise<T> {
  const spot = placeholder();
  const view = mountTerminal(spot, { stdin: false });
  try {
    return await work(view);
  } finally {
    view.dispose();
    spot.figure.remove();
  }
}
