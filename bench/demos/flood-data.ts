// What the floods write, built the same way by the bench (the file `cat` reads) and by the page
// (the baseline and the WebSocket floor, which feed xterm.js the bytes the pty would deliver).

/** One block of the file: varied lines of text, exactly this many bytes, so blocks tile 100 MiB. */
export const BLOCK_BYTES = 4096;

/** The block `cat` repeats: numbered lines of words of varying length, ending in a newline. */
export function fileBlock(): string {
  const words = ['alpha', 'kernel', 'namespace', 'cgroup', 'pty', 'xterm', 'socket', 'deck', 'container', 'overlay'];
  let block = '';
  for (let i = 0; block.length < BLOCK_BYTES; i++) {
    block += `${String(i).padStart(4, '0')} ${Array.from({ length: 4 + (i % 9) }, (_, j) => words[(i * 7 + j) % words.length]).join(' ')}\n`;
  }
  return `${block.slice(0, BLOCK_BYTES - 1)}\n`;
}

/** The pty's line discipline turns LF into CR LF (onlcr): what a terminal receives. */
export function asTerminalReceives(text: string): string {
  return text.replace(/\n/g, '\r\n');
}

/** A flood of `bytes` source bytes as a terminal receives it, cut into chunks of about `chunkChars`. */
export interface FloodChunks {
  readonly chunk: string;
  readonly chunks: number;
  /** The last chunk (shorter, or equal). */
  readonly last: string;
  /** Characters in all. */
  readonly chars: number;
}

export function floodChunks(kind: 'cat' | 'yes', bytes: number, chunkChars: number): FloodChunks {
  const unit = asTerminalReceives(kind === 'cat' ? fileBlock() : 'y\n');
  const sourceUnit = kind === 'cat' ? BLOCK_BYTES : 2;
  const units = bytes / sourceUnit;
  const perChunk = Math.max(1, Math.floor(chunkChars / unit.length));
  const chunks = Math.ceil(units / perChunk);
  const last = unit.repeat(units - (chunks - 1) * perChunk);
  const chunk = unit.repeat(perChunk);
  return { chunk, chunks, last, chars: (chunks - 1) * chunk.length + last.length };
}
