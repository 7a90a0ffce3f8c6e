// Debug lines for the live server, on stderr when PTYDECK_DEBUG is set. Never given the token.

/** Writes a debug line when debugging is on. */
export function logDebug(message: string): void {
  if (process.env.PTYDECK_DEBUG) process.stderr.write(`ptydeck: debug: ${message}\n`);
}
