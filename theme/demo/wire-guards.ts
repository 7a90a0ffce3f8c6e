// Run-time checks of what the server sends: typed once in protocol/, validated anyway (STYLE.md 9).
import type { Ack, DemoSnapshot, DemoStatus } from '../../protocol/socket-events.ts';

const STATUSES: ReadonlySet<DemoStatus> = new Set(['idle', 'starting', 'ready', 'running', 'finished', 'failed', 'resetting', 'disposed']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A reply shaped like an Ack: `{ ok: true, … }` or `{ ok: false, error: { code, message } }`. */
export function isAck(value: unknown): value is Ack<Record<string, unknown>> {
  if (!isRecord(value)) return false;
  if (value.ok === true) return true;
  if (value.ok !== false || !isRecord(value.error)) return false;
  return typeof value.error.code === 'string' && typeof value.error.message === 'string';
}

/** A DemoSnapshot with every field of the right type. */
export function isSnapshot(value: unknown): value is DemoSnapshot {
  if (!isRecord(value)) return false;
  return (
    typeof value.deck === 'string' &&
    typeof value.id === 'string' &&
    STATUSES.has(value.status as DemoStatus) &&
    Number.isInteger(value.nextStep) &&
    Number.isInteger(value.steps) &&
    (value.lastExit === null || Number.isInteger(value.lastExit)) &&
    typeof value.lastTimedOut === 'boolean' &&
    typeof value.interactive === 'boolean' &&
    typeof value.screen === 'string' &&
    (value.message === null || typeof value.message === 'string')
  );
}

/**
 * A `demo:output` payload: its output as the server sent it, ASCII text as a string (its length
 * is its size in bytes), anything else as UTF-8 bytes in a Uint8Array (a browser's socket.io
 * hands binary attachments over as ArrayBuffers, Node's as Buffers). xterm.js writes either as
 * it is. Anything else is null.
 */
export function outputOf(value: unknown): { deck: string; id: string; data: Uint8Array | string; seq: number } | null {
  if (!isRecord(value) || typeof value.deck !== 'string' || typeof value.id !== 'string' || typeof value.seq !== 'number') return null;
  const { data } = value;
  const output = data instanceof ArrayBuffer ? new Uint8Array(data) : data instanceof Uint8Array || typeof data === 'string' ? data : null;
  return output === null ? null : { deck: value.deck, id: value.id, data: output, seq: value.seq };
}
