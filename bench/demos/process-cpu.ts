// Where a flood's CPU goes, machine-wide: CPU time of every process from /proc, grouped by role
// (the page's renderer, the rest of Chromium, the server under test, everything else). Two
// cores shared by the page, Chromium's helpers, the server and the shell are the limit the
// throughput ratios run into; this shows it per run, instead of asserting it.
import fs from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

export type CpuRole = 'renderer' | 'chromium' | 'server' | 'other';
export type CpuByRole = Record<CpuRole, number>;

interface ProcessTicks {
  readonly ppid: number;
  /** Its own time (utime, stime). */
  readonly own: number;
  /** Its children's, once they have exited and it has reaped them (cutime, cstime). */
  readonly reaped: number;
  readonly type: string | null;
}

function readProcesses(): Map<number, ProcessTicks> {
  const out = new Map<number, ProcessTicks>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name, which may hold spaces and parentheses.
      const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
      // Chromium rewrites its command line into one string: --type=renderer, gpu-process, utility.
      const cmdline = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8');
      out.set(Number(name), {
        ppid: Number(fields[1]),
        own: Number(fields[11]) + Number(fields[12]),
        reaped: Number(fields[13]) + Number(fields[14]),
        type: /--type=(\S+)/.exec(cmdline.replaceAll('\0', ' '))?.[1] ?? null,
      });
    } catch {
      // Gone between readdir and read.
    }
  }
  return out;
}

/** Whether `pid` is `root` or descends from it. */
function descends(processes: Map<number, ProcessTicks>, pid: number, root: number): boolean {
  for (let at = pid, hops = 0; at > 1 && hops < 64; hops++) {
    if (at === root) return true;
    at = processes.get(at)?.ppid ?? 0;
  }
  return false;
}

/**
 * Samples CPU time around `work`: seconds of CPU per role. `chromiumPid` is the browser
 * process; `serverPid` the server measured (its shell and the flood's commands count as
 * `other`, as they would for any server).
 */
export async function cpuDuring<T>(pids: { readonly chromium: number; readonly server: number }, work: () => Promise<T>): Promise<{ result: T; cpu: CpuByRole }> {
  const before = readProcesses();
  const result = await work();
  const after = readProcesses();
  const cpu: CpuByRole = { renderer: 0, chromium: 0, server: 0, other: 0 };
  for (const [pid, now] of after) {
    const was = before.get(pid);
    const own = now.own - (was?.own ?? 0);
    const reaped = now.reaped - (was?.reaped ?? 0);
    if (pid === pids.server) {
      // What the server reaped is its demo's shell, with the flood's commands that shell
      // reaped: ptydeck ends a demo's shell after its last step, so a flood's `cat` or `yes`
      // lands here. That is the command's time, not the server's.
      cpu.server += own / TICKS_PER_SECOND;
      cpu.other += reaped / TICKS_PER_SECOND;
      continue;
    }
    const role: CpuRole = descends(after, pid, pids.chromium) ? (now.type === 'renderer' ? 'renderer' : 'chromium') : 'other';
    // The bench itself reaps the shells of its "pty alone" floods when it kills them, which may
    // fall inside the next measurement (the direct write's, in the next run): another flood's time.
    cpu[role] += (pid === process.pid ? own : own + reaped) / TICKS_PER_SECOND;
  }
  return { result, cpu };
}
