// Prints diagnostics to stderr in the `file:line: severity: message` form editors understand.
import type { Diagnostic } from '../../protocol/diagnostic.ts';
import { formatDiagnostic } from '../../protocol/diagnostic.ts';

/** Writes each diagnostic on its own line, coloured when stderr is a terminal. */
export function printDiagnostics(diagnostics: readonly Diagnostic[]): void {
  const colour = process.stderr.isTTY === true;
  for (const d of diagnostics) {
    const line = formatDiagnostic(d);
    const code = d.severity === 'error' ? 31 : 33;
    process.stderr.write(colour ? `\u001b[${code}m${line}\u001b[0m\n` : `${line}\n`);
  }
}
