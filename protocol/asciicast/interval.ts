// Event times on a fixed decimal grid, so intervals written as text add up to the true times.

/** The finest precision the writer offers: microseconds, as asciinema reads times (6 decimals). */
export const MAX_TIME_DECIMALS = 6;

/**
 * Absolute seconds → whole ticks of 10^-decimals s. The writer quantizes absolute times, never
 * intervals, and writes differences of ticks: each interval's rounding error is carried into the
 * next one (the error diffusion the v3 specification advises), so the written intervals sum
 * exactly to the quantized time of the last event and never drift more than half a tick.
 */
export function toTicks(seconds: number, decimals: number): number {
  return Math.round(seconds * 10 ** decimals);
}

/**
 * Formats a whole number of ticks as seconds, trimming trailing zeros but keeping one decimal
 * (`0.0`, `1.5`, `12.000003`), which is how asciinema itself formats event times.
 */
export function formatTicks(ticks: number, decimals: number): string {
  const scale = 10 ** decimals;
  const whole = Math.floor(ticks / scale);
  const fraction = String(ticks - whole * scale).padStart(decimals, '0').replace(/0+$/, '');
  return `${whole}.${fraction === '' ? '0' : fraction}`;
}
