// The facts about this machine a recording carries, so a stale or foreign recording can be told apart.

import fs from 'node:fs';
import { release } from 'node:os';
import type { PtydeckHost } from '../../protocol/asciicast/types.ts';
import { runCommand } from '../demo/run-command.ts';

/** Where os-release(5) may be: /etc first, the vendor copy as its fallback. */
const OS_RELEASE_FILES = ['/etc/os-release', '/usr/lib/os-release'];

/** How long `docker version` may take, in ms: a daemon slower than this will not serve a talk either. */
export const DOCKER_VERSION_TIMEOUT_MS = 3_000;

/** PRETTY_NAME from os-release, e.g. `Debian GNU/Linux 12 (bookworm)`; "unknown" without one. */
export function readDistro(): string {
  for (const file of OS_RELEASE_FILES) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const line = /^PRETTY_NAME=(.*)$/m.exec(text)?.[1]?.trim();
    if (line) return line.replace(/^(["'])(.*)\1$/, '$2').replace(/\\(.)/g, '$1');
  }
  return 'unknown';
}

/** The docker server version, or null when no engine answers (the CLI alone says nothing of it). */
export async function dockerServerVersion(env: NodeJS.ProcessEnv): Promise<string | null> {
  const run = await runCommand('docker', ['version', '--format', '{{.Server.Version}}'], {
    timeoutMs: DOCKER_VERSION_TIMEOUT_MS,
    env,
  });
  const version = run.stdout.trim();
  return run.code === 0 && version !== '' ? version : null;
}

/**
 * Kernel, distribution and, only for a demo that requires docker, the engine's version: asking
 * docker otherwise would slow every recording down and say nothing about what the demo ran on.
 */
export async function hostFacts(requires: readonly string[], env: NodeJS.ProcessEnv): Promise<PtydeckHost> {
  const host = { kernel: release(), distro: readDistro() };
  return requires.includes('docker') ? { ...host, docker: await dockerServerVersion(env) } : host;
}
