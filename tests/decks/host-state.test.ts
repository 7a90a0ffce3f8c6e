// What the decks' demo tests count as left on the host (host-state.ts): iproute2's /run/netns
// mount point is the host's; a namespace left in it is the demo's.
import { expect, it } from 'vitest';
import type { DemoEntry } from '../../protocol/demo-manifest.ts';
import { leftovers, type HostState } from './host-state.ts';

const entry = {
  deck: 'd',
  id: 'net',
  setup: [],
  steps: [{ command: 'ip netns add cb-demo' }, { command: 'ip netns delete cb-demo' }],
  teardown: [],
} as unknown as DemoEntry;

const state = (things: string[]): HostState => ({ things: new Set(things), tmp: new Set() });

it('leaves /run/netns becoming a mount point to iproute2, and counts a namespace left in it', () => {
  const before = state(['mount / ext4 /dev/vda']);
  // The first `ip netns add` after boot, on a /run that is the root file system's or a tmpfs.
  for (const folder of ['mount /run/netns ext4 /dev/vda', 'mount /run/netns tmpfs tmpfs']) {
    expect(leftovers(before, state([...before.things, folder]), entry)).toEqual([]);
    const leaked = state([...before.things, folder, 'netns cb-demo', 'mount /run/netns/cb-demo nsfs nsfs']);
    expect(leftovers(before, leaked, entry)).toEqual(['netns cb-demo', 'mount /run/netns/cb-demo nsfs nsfs']);
  }
});
