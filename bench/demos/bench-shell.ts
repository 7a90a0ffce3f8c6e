// The interactive shell every terminal of the demos bench runs: bash without start-up files
// (no ~/.bashrc or pyenv to stall it or to differ between terminals), the deck format's default
// size, and a prompt of its own so each terminal can find its prompt in its output.
import { spawn, type IPty } from 'node-pty';
import { TERMINAL_SIZE } from './bench-config.ts';

/** `bash --noprofile --norc` in a new pty, with `prompt` as PS1 and `home` as HOME. */
export function benchShell(prompt: string, home: string): IPty {
  return spawn('/bin/bash', ['--noprofile', '--norc'], {
    name: 'xterm-256color',
    ...TERMINAL_SIZE,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, TERM: 'xterm-256color', PS1: prompt },
  });
}
