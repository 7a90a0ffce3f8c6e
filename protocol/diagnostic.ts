// Diagnostics: bad user content becomes one of these, never an exception.

export type Severity = 'error' | 'warning';

/** A problem in a deck, located in the file the speaker edits. */
export interface Diagnostic {
  readonly severity: Severity;
  /** A stable code for tests and filtering, e.g. `fence-unclosed`. */
  readonly code: string;
  /** What is wrong and how to fix it, in a sentence. */
  readonly message: string;
  /** The file the speaker edits (the deck, or an included file). */
  readonly file: string;
  /** 1-based line in that file. */
  readonly line: number;
}

/** `slides/talk.md:12: error: … [code]`, the format compilers and editors understand. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}: ${d.severity}: ${d.message} [${d.code}]`;
}
