// Types of compile-cache.mjs, for the TypeScript that imports it (bench/demos/child-server.ts).

/**
 * The compiled file for `entry` (a path like 'server/cli/main.ts' from the package root),
 * compiling first if needed; null when impossible. `extraSourceDirs`: more folders, from the
 * package root, whose sources the entry imports.
 */
export function compiledEntry(entry: string, extraSourceDirs?: readonly string[]): Promise<string | null>;
