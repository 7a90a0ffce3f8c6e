// The environment a demo shell starts with: a minimal clean set plus the OSC 133 prompt marks.

import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { delimiter } from 'node:path';

/**
 * The OSC 133 parameter that proves a mark is the shell's own: `ptydeck=<nonce>`, the nonce
 * random per shell. A demo's program prints what it likes (`cat` of a hostile file): without it,
 * `ESC ] 133 ; D ; 0 BEL ESC ] 133 ; A BEL` in the output would end the step early with a
 * made-up exit code. The parser (osc133-parser.ts) accepts an A, B or D mark only with it.
 */
export const MARK_NONCE_KEY = 'ptydeck';

/** A fresh nonce for one shell's marks: 128 random bits, hex. */
export function newMarkNonce(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The one prompt every shell of a session shows, marks included. It is valid in bash and in
 * sh/dash/busybox ash alike: literal ESC/BEL bytes (no backslash escapes), `$?` for the D mark,
 * and `${__ptydeck_prompt-$ }`: bash's PROMPT_COMMAND fills that variable with the user's own
 * prompt, already decoded; in sh it is unset, so sh shows `$ `. \001 and \002 tell readline the
 * marks take no columns (bash strips them; a terminal ignores them from sh). The A, B and D
 * marks carry the nonce (MARK_NONCE_KEY); an empty nonce leaves it out.
 */
export function marksPs1(nonce: string): string {
  const tag = nonce ? `;${MARK_NONCE_KEY}=${nonce}` : '';
  return `\x01\x1b]133;D;$?${tag}\x07\x1b]133;A${tag}\x07\x02\${__ptydeck_prompt-$ }\x01\x1b]133;B${tag}\x07\x02`;
}

/** The prompt without a nonce (what a recording's header describes). */
export const MARKS_PS1 = marksPs1('');

/**
 * Where the marks come from, and why this way (of: exported PROMPT_COMMAND, ENV for sh, an
 * --rcfile, or a HOME pointing at a temp dir with its own .bashrc):
 *
 * - PS1 = MARKS_PS1 and PROMPT_COMMAND are exported (both hold the nonce, so a nested shell's
 *   marks carry it too). The environment crosses everything a
 *   step may start a shell with (`unshare --fork bash`, `nsenter … sh`, `chroot rootfs sh`,
 *   `ip netns exec ns bash`), where a file named by ENV or --rcfile would be invisible (a
 *   chroot, a new mount namespace), and unlike a fake HOME it leaves `~`, docker's config and
 *   ssh as the presenter has them.
 * - sh, dash, busybox ash read no rc file when not a login shell, so they show MARKS_PS1.
 * - bash (nested) reads ~/.bashrc, which usually sets its own PS1. PROMPT_COMMAND runs after
 *   that, before every prompt: it keeps the user's PS1 as a template, decodes it (`@P`, bash
 *   4.4+) into __ptydeck_prompt, and puts MARKS_PS1 back, so PS1 is MARKS_PS1 again whenever a
 *   command runs and a nested sh inherits a prompt it can expand. It also arms PS0 with the C
 *   mark. An rc that appends to PROMPT_COMMAND (pyenv, bash-preexec, direnv) keeps it; one
 *   that overwrites it loses the marks in nested bash (its steps then end by time-out).
 * - bash restores $? after PROMPT_COMMAND, so the D mark in PS1 reports the command's status.
 */
export function marksPromptCommand(nonce: string): string {
  return [
    `case \${PS1-} in *'133;B'*) ;; *) __ptydeck_ps1=\${PS1-}; PS1=$'${bashAnsiC(marksPs1(nonce))}' ;; esac`,
    `__ptydeck_prompt=\${__ptydeck_ps1-'$ '}`,
    `__ptydeck_prompt=\${__ptydeck_prompt@P}`,
    `case \${PS0-} in *'133;C'*) ;; *) PS0=\${PS0-}$'\\e]133;C\\a' ;; esac`,
  ].join('; ');
}

export const MARKS_PROMPT_COMMAND = marksPromptCommand('');

/** Quotes control characters for bash's $'…' (the value has no quote or backslash). */
function bashAnsiC(value: string): string {
  return value.replace(/[\x00-\x1f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Directories a demo's commands live in on any Linux, sbin included (ip, iptables, mkfs). */
const SYSTEM_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/**
 * The PATH a demo sees: the presenter's own entries (so pyenv's python3 or a rootless docker
 * resolve as in their terminal), minus node_modules folders that `npm run` adds, then the
 * system folders that are missing (a non-root PATH on Debian lacks /usr/sbin).
 */
export function demoPath(parentPath: string | undefined): string {
  const entries: string[] = [];
  for (const dir of (parentPath ?? '').split(delimiter)) {
    if (!dir.startsWith('/') || dir.split('/').includes('node_modules')) continue;
    if (!entries.includes(dir)) entries.push(dir);
  }
  for (const dir of SYSTEM_PATH) if (!entries.includes(dir)) entries.push(dir);
  return entries.join(delimiter);
}

/** The variable naming the session in every process it starts: how reset finds orphans. */
export const SESSION_ENV_NAME = 'PTYDECK_SESSION';

/**
 * Builds the demo shell's environment from scratch: PATH, HOME, TERM, LANG, SHELL, the marks,
 * HISTFILE and the session tag; the marks carry `markNonce` (see MARK_NONCE_KEY). Nothing else of the parent's environment passes (tokens, SSH agents,
 * cloud keys stay out); DOCKER_HOST does, as it only says where the docker daemon listens.
 */
export function buildShellEnv(
  sessionId: string,
  shellPath: string,
  parent: NodeJS.ProcessEnv = process.env,
  markNonce = '',
): Record<string, string> {
  const env: Record<string, string> = {
    PATH: demoPath(parent.PATH),
    HOME: homedir(),
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    SHELL: shellPath,
    PS1: marksPs1(markNonce),
    PROMPT_COMMAND: marksPromptCommand(markNonce),
    // Empty, not unset: bash then saves no history, so demo commands stay out of ~/.bash_history.
    HISTFILE: '',
    [SESSION_ENV_NAME]: sessionId,
  };
  if (parent.DOCKER_HOST) env.DOCKER_HOST = parent.DOCKER_HOST;
  return env;
}
