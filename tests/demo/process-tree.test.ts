// Reading /proc/<pid>/stat: the fields reset relies on to find and kill a session's processes.

import { describe, expect, it } from 'vitest';
import { parseProcStat, readProcess } from '../../server/demo/process-tree.ts';

describe('parseProcStat', () => {
  it('reads pid, state, ppid, process group and session, even when the name has spaces and parentheses', () => {
    const line = '4242 (we (ird) name) S 17 4242 4200 34816 4242 4194560 0 0 0 0 0 0 0 0 20 0 1 0 98765 0 0';
    expect(parseProcStat(line)).toEqual({ pid: 4242, state: 'S', ppid: 17, pgid: 4242, sid: 4200, startTime: 98765 });
  });

  it('returns null for text that is not a stat line', () => {
    expect(parseProcStat('garbage')).toBeNull();
  });

  it('reads this very process from /proc', () => {
    expect(readProcess(process.pid)).toMatchObject({ pid: process.pid, ppid: process.ppid });
  });
});
