#!/usr/bin/env node
// The demo-pipeline benchmark (issue 6): runs bench/demos/main.ts through tsx's loader, as
// bin/ptydeck.mjs runs the CLI. Flags: --report <file.md>, --cpu-prof <dir>.
import { register } from 'tsx/esm/api';

register();
await import('./demos/main.ts');
process.exit(0);
