// What a Ctrl-C sent while no command runs leaves owing. Bash discards its line and draws a new
// prompt, possibly after the one just seen (the signal can overtake a prompt being drawn): until
// that prompt, whose D mark says 130, arrives (or the grace ends, for a shell that draws none),
// typing would be discarded with the line, or run after a prompt that ends the step with the
// interrupt's status. Found by the protocol fuzzer (tests/demo/control.test.ts).

/** A shell's exit status after Ctrl-C: 128 + SIGINT (2). */
const INTERRUPTED_STATUS = 130;

/** Redraws owed by Ctrl-C sent at an idle shell, and how long to wait for them. */
export class IdleInterrupt {
  /** When the last idle Ctrl-C was sent (Date.now()), until its redraw came. */
  private sentAt: number | null = null;
  /** Redrawn prompts still to come: one per idle Ctrl-C, less each D mark with status 130. */
  private due = 0;

  constructor(private readonly graceMs: number) {}

  /** A Ctrl-C went to a shell running no command. */
  sent(now = Date.now()): void {
    // Redraws owed from before the last grace ended never came (the shell drew none): forget them.
    if (this.sentAt === null || now - this.sentAt >= this.graceMs) this.due = 0;
    this.sentAt = now;
    this.due += 1;
  }

  /** A D mark came with this status. */
  finished(status: number | null): void {
    if (this.due > 0 && status === INTERRUPTED_STATUS) this.due -= 1;
  }

  /** A prompt's B mark came: the wait is over once every redraw owed has come. */
  promptShown(): void {
    if (this.due === 0) this.sentAt = null;
  }

  /** True while a redraw is owed and the grace has not ended: the shell is not at a prompt. */
  blocking(now = Date.now()): boolean {
    return this.sentAt !== null && now - this.sentAt < this.graceMs;
  }

  /** Ms until the grace ends, or -1 when nothing is owed. */
  graceLeft(now = Date.now()): number {
    return this.sentAt === null ? -1 : this.sentAt + this.graceMs - now;
  }

  /**
   * True when a redraw was owed and never came. Bash then may drop the next key it reads (seen
   * at its first prompt: `echo` ran as `cho`, about 1 in 15); the caller gets a clean prompt
   * with an empty line first. Forgets what was owed.
   */
  takeMissedRedraw(): boolean {
    const missed = this.due > 0;
    this.due = 0;
    this.sentAt = null;
    return missed;
  }
}
