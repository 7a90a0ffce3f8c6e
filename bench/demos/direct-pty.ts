// The floor for the flood figures: node-pty read in this process, with nothing after it.
import { DIRECT_PROMPT } from './bench-config.ts';
import { benchShell } from './bench-shell.ts';

/** Runs `command` in a fresh shell and reads until its prompt comes back: ms and chars read. */
export async function directFlood(command: string, home: string): Promise<{ ms: number; chars: number }> {
  const pty = benchShell(DIRECT_PROMPT, home);
  let chars = 0;
  let tail = '';
  let onPrompt: () => void = () => {};
  let prompts = 0;
  pty.onData((data) => {
    chars += data.length;
    const text = tail + data;
    if (text.includes(DIRECT_PROMPT)) {
      prompts++;
      onPrompt();
    }
    tail = text.slice(1 - DIRECT_PROMPT.length);
  });
  await new Promise<void>((resolve) => (onPrompt = resolve));
  chars = 0;
  const started = performance.now();
  const done = new Promise<void>((resolve) => (onPrompt = () => prompts >= 2 && resolve()));
  pty.write(`${command}\r`);
  await done;
  const ms = performance.now() - started;
  pty.kill('SIGKILL');
  return { ms, chars };
}

/** `yes` for `afterMs`, then Ctrl-C: ms until the prompt is back. */
export async function directInterrupt(afterMs: number, home: string): Promise<number> {
  const pty = benchShell(DIRECT_PROMPT, home);
  let tail = '';
  let onPrompt: () => void = () => {};
  pty.onData((data) => {
    const text = tail + data;
    if (text.includes(DIRECT_PROMPT)) onPrompt();
    tail = text.slice(1 - DIRECT_PROMPT.length);
  });
  await new Promise<void>((resolve) => (onPrompt = resolve));
  onPrompt = () => {};
  pty.write('yes\r');
  await new Promise((r) => setTimeout(r, afterMs));
  const pressed = performance.now();
  const back = new Promise<void>((resolve) => (onPrompt = resolve));
  pty.write('\x03');
  await back;
  const ms = performance.now() - pressed;
  pty.kill('SIGKILL');
  return ms;
}
