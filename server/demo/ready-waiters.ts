// Waiting for a shell's prompt: callers of MarkedShell.whenReady, woken by the prompt's mark, by
// the end of the grace after an idle Ctrl-C (see idle-interrupt.ts), by the shell's exit, or by
// their own deadline.

/** What the waiters look at: whether the shell is at a prompt, and the grace still to run. */
export interface PromptState {
  atPrompt(): boolean;
  /** Ms until the grace after an idle Ctrl-C ends, or -1 when none runs. */
  graceLeft(): number;
}

export class ReadyWaiters {
  private waiters: Array<(ready: boolean) => void> = [];

  constructor(private readonly shell: PromptState) {}

  /** Resolves true once the shell is at a prompt, false on wake(false) or after `timeoutMs`. */
  wait(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const deadline = Date.now() + timeoutMs;
      let timer: NodeJS.Timeout | undefined;
      const settle = (ready: boolean): void => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== settle);
        resolve(ready);
      };
      // Sleeps until the deadline, or until the grace ends if sooner: a prompt waiting it out
      // becomes usable with no new mark.
      const sleep = (): void => {
        const now = Date.now();
        const graceLeft = this.shell.graceLeft();
        timer = setTimeout(wake, graceLeft > 0 && now + graceLeft < deadline ? graceLeft + 1 : Math.max(1, deadline - now));
      };
      // A timer counts from the event loop's clock as of the turn it was set in, which lags
      // Date.now() (the grace's and the deadline's clock) by that turn's work: it can fire a few
      // ms early by Date.now(), with the grace not over yet. Under load that answered `busy` to a
      // step after Ctrl-C at the first prompt (tests/demo/control.test.ts); it sleeps again.
      const wake = (): void => {
        if (this.shell.atPrompt()) settle(true);
        else if (Date.now() >= deadline) settle(false);
        else sleep();
      };
      this.waiters.push(settle);
      sleep();
    });
  }

  /** Resolves every waiter now: true at a prompt, false when the shell exited. */
  wake(ready: boolean): void {
    for (const settle of this.waiters.splice(0)) settle(ready);
  }
}
