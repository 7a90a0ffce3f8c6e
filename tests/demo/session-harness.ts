// Runs a test against a real PtySession and proves afterwards that nothing of it is left running.

import { readdirSync, readlinkSync } from 'node:fs';
import { expect } from 'vitest';
import type { DemoEntry } from '../../protocol/demo-manifest.ts';
import type { Result, StepResult } from '../../server/demo/demo-result.ts';
import { sessionProcesses, type ProcessInfo } from '../../server/demo/process-tree.ts';
import { PtySession } from '../../server/demo/pty-session.ts';
import { PROJECT_ROOT } from './demo-entry.ts';

/**
 * Time a test with real shells may take, in ms: a nested bash reads ~/.bashrc (pyenv's init
 * alone takes ~0.5 s here), and a loaded CI box is several times slower.
 */
export const PTY_TEST_TIMEOUT_MS = 60_000;

/** Processes still alive that carry the session's tag (or its teardown shell's). */
export function leftoverProcesses(sessionId: string): ProcessInfo[] {
  return [...sessionProcesses(-1, sessionId), ...sessionProcesses(-1, `${sessionId}-teardown`)];
}

/** Runs `body` with a fresh session, then disposes it and asserts no process of it survives. */
export async function withSession<T>(entry: DemoEntry, body: (session: PtySession) => Promise<T>): Promise<T> {
  const session = new PtySession({ entry, projectRoot: PROJECT_ROOT });
  try {
    return await body(session);
  } finally {
    await session.dispose();
    expect(leftoverProcesses(session.id)).toEqual([]);
  }
}

/** Runs the next step and returns its result, failing the test on an error result. */
export async function step(session: PtySession): Promise<StepResult> {
  return unwrap(await session.step()).result;
}

/** The value of a successful result; throws (failing the test) with the error otherwise. */
export function unwrap<T extends object>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result;
}

/** The namespace link (`uts:[4026531838]`) of a process, or null when it is gone. */
export function namespaceOf(pid: number, kind: string): string | null {
  try {
    return readlinkSync(`/proc/${pid}/ns/${kind}`);
  } catch {
    return null;
  }
}

/** Namespaces of `kind` that the session's processes are in and this test process is not. */
export function sessionNamespaces(session: PtySession, kind: string): string[] {
  const own = namespaceOf(process.pid, kind);
  const links = sessionProcesses(session.shellPid ?? -1, session.id).map((p) => namespaceOf(p.pid, kind));
  return [...new Set(links.filter((l): l is string => l !== null && l !== own))];
}

/** Pids of every process in the namespace `link` (empty once the namespace is gone). */
export function processesInNamespace(kind: string, link: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => namespaceOf(pid, kind) === link);
}

/** Polls `probe` every 20 ms until it returns true or `timeoutMs` passes. */
export async function eventually(probe: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await probe()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return probe();
}
