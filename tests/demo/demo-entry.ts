// Builds DemoEntry values for tests, with the manifest's defaults for anything left out.

import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_DEFAULTS, type DemoEntry, type DemoOptions } from '../../protocol/demo-manifest.ts';

/** The repository root: demos' relative cwds start here. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** What a test may override in an entry. */
export interface EntryOverrides {
  readonly setup?: readonly string[];
  readonly teardown?: readonly string[];
  readonly options?: Partial<DemoOptions>;
  readonly hash?: string;
}

/** A demo entry named `id` in deck `tests` whose visible steps are `commands`. */
export function demoEntry(id: string, commands: readonly string[], overrides: EntryOverrides = {}): DemoEntry {
  return {
    deck: 'tests',
    id,
    setup: overrides.setup ?? [],
    steps: commands.map((command) => ({ command, expect: [] })),
    teardown: overrides.teardown ?? [],
    options: {
      requires: [],
      timeout: DEMO_DEFAULTS.timeout,
      cwd: null,
      cols: DEMO_DEFAULTS.cols,
      rows: DEMO_DEFAULTS.rows,
      title: null,
      interactive: false,
      ...overrides.options,
    },
    hash: overrides.hash ?? `hash-${id}`,
    line: 1,
  };
}
