// A throwaway ptydeck project for the hostile parts of the reliability bench and their tests:
// decks whose every command leaves a marker file in the project root, so "nothing ran" is a
// directory listing, not a belief.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The deck the hostile browser attacks: every setup, step and teardown leaves a marker. */
export const TARGET_DECK = `---
title: Hostile browser target
---
# A deck a hostile page attacks

---

\`\`\`demo id=mark timeout=5 cols=80 rows=18
setup:
$ touch marker-setup
steps:
$ touch marker-step
teardown:
$ touch marker-teardown
\`\`\`

---

\`\`\`demo id=chat interactive timeout=5 cols=80 rows=18
$ echo ready
ready
\`\`\`
`;

export interface HostileProject {
  /** The project root: demos run here, so their marker files land here. */
  readonly root: string;
  readonly slides: string;
  /** Files a demo command created (everything but what the project was made with). */
  strayFiles(): string[];
  remove(): void;
}

/** A temporary project with these decks (name → Markdown) and files in its root (name → content). */
export function hostileProject(decks: Record<string, string>, files: Record<string, string> = {}): HostileProject {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ptydeck-hostile-'));
  const slides = path.join(root, 'slides');
  fs.mkdirSync(slides);
  // package.json marks the project root (findProjectRoot), so demos run in `root`.
  fs.writeFileSync(path.join(root, 'package.json'), '{"private": true}\n');
  for (const [name, text] of Object.entries(decks)) fs.writeFileSync(path.join(slides, name), text);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(root, name), text);
  const own = new Set(['package.json', 'slides', 'demos', ...Object.keys(files)]);
  return {
    root,
    slides,
    strayFiles: () => fs.readdirSync(root).filter((f) => !own.has(f)),
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
