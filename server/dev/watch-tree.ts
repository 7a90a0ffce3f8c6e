// Watches a folder tree for edits with one inotify watch per folder, skipping what no deck
// includes (node_modules, dot folders such as .git): fs.watch's `recursive` would walk
// node_modules too, thousands of folders in a project that installs ptydeck locally.
import fs from 'node:fs';
import path from 'node:path';

/** Folder names never watched: installed packages and tool state, never part of a talk. */
const SKIPPED = new Set(['node_modules', 'dist', 'coverage']);

export interface TreeWatcher {
  close(): void;
}

/** Calls `onChange(file)` when a file under `root` is written, created, renamed or removed. */
export function watchTree(root: string, onChange: (file: string) => void): TreeWatcher {
  const watchers = new Map<string, fs.FSWatcher>();
  const watchFolder = (dir: string) => {
    if (watchers.has(dir)) return;
    let watcher: fs.FSWatcher;
    try {
      watcher = fs.watch(dir, (_event, name) => {
        if (!name) return;
        const file = path.join(dir, name.toString());
        // A new folder (mkdir, a checkout) is watched from now on.
        if (isWatchedFolder(file)) watchFolder(file);
        onChange(file);
      });
    } catch {
      return; // gone already, or not readable: nothing in it can be included
    }
    watcher.on('error', () => {
      watcher.close();
      watchers.delete(dir);
    });
    watchers.set(dir, watcher);
    for (const entry of safeReaddir(dir)) {
      if (entry.isDirectory() && !skipped(entry.name)) watchFolder(path.join(dir, entry.name));
    }
  };
  watchFolder(path.resolve(root));
  return {
    close() {
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

function skipped(name: string): boolean {
  return name.startsWith('.') || SKIPPED.has(name);
}

function isWatchedFolder(file: string): boolean {
  if (skipped(path.basename(file))) return false;
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function safeReaddir(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}
