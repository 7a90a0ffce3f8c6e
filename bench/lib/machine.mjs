// What machine the figures come from: without it a benchmark's numbers cannot be compared.
import { execFileSync } from 'node:child_process';
import os from 'node:os';

function chromiumVersion(executable) {
  try {
    return execFileSync(executable, ['--version'], { encoding: 'utf8', timeout: 10_000 }).trim();
  } catch {
    return 'not found';
  }
}

/** One Markdown paragraph describing this machine now. */
export function describeMachine(chromium = process.env.PTYDECK_CHROMIUM ?? '/usr/bin/chromium') {
  const cpus = os.cpus();
  const load = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  return [
    `Machine: ${cpus.length} cores (${cpus[0]?.model ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory,`,
    `Linux ${os.release()}, Node ${process.version}, ${chromiumVersion(chromium)};`,
    `load average ${load} at ${new Date().toISOString()}.`,
  ].join(' ');
}

/** The load average now, for the start and end of a run. */
export function loadAverage() {
  return os.loadavg().map((x) => x.toFixed(2)).join(' ');
}
