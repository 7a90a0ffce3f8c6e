// What doctor --run forgives between a live screen and a recorded one, and what it does not.

import { describe, expect, it } from 'vitest';
import { compareScreens } from '../../server/record/compare-screens.ts';
import { normalizeScreen } from '../../server/record/normalize-screen.ts';

describe('normalizeScreen', () => {
  it('replaces PIDs and other numbers, closing the gap a longer number leaves', () => {
    expect(normalizeScreen('    PID COMMAND\n      1 bash\n   4711 ps')).toBe('PID COMMAND\nN bash\nN ps');
    expect(normalizeScreen('uts:[4026531838]')).toBe('uts:[N]');
  });

  it('replaces container and image ids of 12 hex digits or more, but not shorter words', () => {
    expect(normalizeScreen('3f4e5d6c7b8a  ptydeck/busybox  sh')).toBe('<id> ptydeck/busybox sh');
    expect(normalizeScreen(`sha256:${'ab12'.repeat(16)}`)).toBe('shaN:<id>'); // digits in words too: eth0@if7's index varies
    expect(normalizeScreen('cafe bead')).toBe('cafe bead');
  });

  it('replaces timestamps, dates and durations, whatever their unit', () => {
    expect(normalizeScreen('Sat Nov 22 00:16:03 UTC 2025')).toBe('<date> N <time> UTC N');
    expect(normalizeScreen('2025-11-22T00:16:03.123Z started')).toBe('<time> started');
    expect(normalizeScreen('Up 3 seconds')).toBe(normalizeScreen('Up About a minute'));
    expect(normalizeScreen('Created 5 minutes ago')).toBe(normalizeScreen('Created 2 hours ago'));
    expect(normalizeScreen('real\t0m0.003s')).toBe('real <duration>');
  });

  it('replaces the hostnames it is given as whole words only', () => {
    expect(normalizeScreen('root@vm:/tmp# vmstat', ['vm'])).toBe('root@<host>:/tmp# vmstat');
  });

  it('drops trailing spaces and empty rows', () => {
    expect(normalizeScreen('$ true   \n\n\n')).toBe('$ true');
  });
});

describe('compareScreens', () => {
  it('finds two runs of a demo the same when only PIDs, ids and times differ', () => {
    const live = 'root@box:~# docker run -d ptydeck/busybox\n3f4e5d6c7b8a9\n$ ps\n  1 sh\n 88 ps';
    const recorded = 'root@other:~# docker run -d ptydeck/busybox\naa4e5d6c7b8a9f\n$ ps\n  1 sh\n101 ps';
    expect(compareScreens(live, recorded, ['box', 'other'])).toEqual({ same: true });
  });

  it('reports the first row that differs in what the demo shows', () => {
    expect(compareScreens('$ hostname\nincontainer', '$ hostname\nelsewhere', [])).toEqual({
      same: false,
      row: 2,
      live: 'incontainer',
      recorded: 'elsewhere',
    });
    expect(compareScreens('$ true', '$ true\n$ false', [])).toMatchObject({ same: false, row: 2, live: '' });
  });
});
