// Headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe: fd 3
// in, fd 4 out, one NUL-terminated JSON message each). Printing a deck needs a handful of calls;
// playwright-core, which did this before, is 7 MB of JavaScript to compile at every export, and
// it sent each message through layers of its own.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { makeTempFolder } from '../temp-folder.ts';

/** How long Chromium may take to exit after Browser.close before it is killed (ms). */
const CLOSE_GRACE_MS = 5_000;

/** Attempts at removing the profile folder (node retries ENOTEMPTY after 100, 200, … ms). */
const PROFILE_RM_RETRIES = 3;

type Listener = (params: Record<string, unknown>, sessionId: string | undefined) => void;

interface Pending {
  readonly resolve: (result: Record<string, unknown>) => void;
  readonly reject: (error: Error) => void;
}

export class CdpBrowser {
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  readonly #listeners = new Map<string, Set<Listener>>();
  #exited: Error | null = null;
  readonly #exit: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    private readonly input: Writable,
    output: Readable,
    private readonly profile: string,
  ) {
    let buffered = '';
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => {
      buffered += chunk;
      for (let end = buffered.indexOf('\0'); end !== -1; end = buffered.indexOf('\0')) {
        this.#receive(buffered.slice(0, end));
        buffered = buffered.slice(end + 1);
      }
    });
    this.#exit = new Promise((resolve) => {
      const gone = (error: Error) => {
        this.#exited ??= error;
        for (const pending of this.#pending.values()) pending.reject(this.#exited);
        this.#pending.clear();
        resolve();
      };
      child.once('error', (error) => gone(new Error(`Chromium did not start: ${error.message}`)));
      child.once('exit', (code, signal) => gone(new Error(`Chromium exited (${signal ?? `code ${code}`})`)));
    });
    // A write after Chromium is gone fails here; the pending call is rejected by the exit.
    input.on('error', () => undefined);
  }

  /** Starts `executable` headless with `flags`, in a fresh profile folder removed by close(). */
  static async launch(executable: string, flags: readonly string[]): Promise<CdpBrowser> {
    const profile = makeTempFolder('ptydeck-chromium-');
    const child = spawn(executable, [...flags, '--remote-debugging-pipe', `--user-data-dir=${profile}`, 'about:blank'], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
    });
    const browser = new CdpBrowser(child, child.stdio[3] as Writable, child.stdio[4] as Readable, profile);
    try {
      // The first answer says the browser is up and listening.
      await browser.send('Browser.getVersion');
    } catch (error) {
      await browser.close();
      throw error;
    }
    return browser;
  }

  /** The browser process's pid (its renderers and helpers are its descendants). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Calls `method` (on the target of `sessionId` when given) and resolves with its result. */
  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    if (this.#exited) return Promise.reject(this.#exited);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.input.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  /** Calls `listener` for each `method` event until the returned function is called. */
  on(method: string, listener: Listener): () => void {
    const set = this.#listeners.get(method) ?? new Set();
    this.#listeners.set(method, set.add(listener));
    return () => set.delete(listener);
  }

  /** Asks Chromium to quit, kills it if it lingers, and removes its profile folder. */
  async close(): Promise<void> {
    if (!this.#exited) {
      this.send('Browser.close').catch(() => undefined);
      const timer = setTimeout(() => this.child.kill('SIGKILL'), CLOSE_GRACE_MS);
      await this.#exit;
      clearTimeout(timer);
    }
    // A helper process of Chromium's may still be writing its last file as the browser exits.
    fs.rmSync(this.profile, { recursive: true, force: true, maxRetries: PROFILE_RM_RETRIES });
  }

  #receive(text: string): void {
    const message = JSON.parse(text) as { id?: number; result?: Record<string, unknown>; error?: { message: string }; method?: string; params?: Record<string, unknown>; sessionId?: string };
    if (message.id !== undefined) {
      const pending = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (message.error) pending?.reject(new Error(`Chromium: ${message.error.message}`));
      else pending?.resolve(message.result ?? {});
    } else if (message.method) {
      for (const listener of this.#listeners.get(message.method) ?? []) listener(message.params ?? {}, message.sessionId);
    }
  }
}
