// `npm run bench`'s parts, one after the other, each in its own Node process writing its own
// Markdown section (`--report FILE`). Told to stop (Ctrl-C, SIGTERM, a closed terminal), the
// run passes the signal on to the part that is running, once: the part runs in its own process
// group, so a terminal's Ctrl-C reaches it only this way, and its own teardown
// (bench/lib/teardown.mjs) stops what it started. No other part starts after that.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { STOP_SIGNALS } from './teardown.mjs';

/**
 * Runs `parts` ({ script, args }) from `root`, each with `--report <tmp>/<i>.md`. Resolves with
 * their sections (a failed part's says so), whether any failed, and the signal that stopped the
 * run ({ signal, status: 128 + its number }) or null.
 */
export async function runParts(parts, { root, tmp, log }) {
  let current = null;
  let stoppedBy = null;
  const handlers = STOP_SIGNALS.map(([signal, number]) => {
    const handler = () => {
      if (stoppedBy) return;
      stoppedBy = { signal, status: 128 + number };
      log(`${signal}: stopping ${current ? 'the running part' : 'the run'}`);
      current?.kill(signal);
    };
    process.on(signal, handler);
    return [signal, handler];
  });
  const sections = [];
  let failed = false;
  try {
    for (const [i, part] of parts.entries()) {
      if (stoppedBy) break;
      const report = path.join(tmp, `${i}.md`);
      log(`node ${part.script} --report ${report}`);
      const status = await new Promise((resolve) => {
        current = spawn(process.execPath, [path.join(root, part.script), '--report', report, ...part.args], {
          cwd: root,
          stdio: ['ignore', 'inherit', 'inherit'],
          detached: true,
        });
        current.once('error', (error) => resolve(error.message));
        current.once('exit', (code, signal) => resolve(code ?? signal));
      });
      current = null;
      if (status === 0 && fs.existsSync(report)) sections.push(fs.readFileSync(report, 'utf8').trim());
      else {
        failed = true;
        sections.push(`## ${part.script}\n\nFailed in this run (exit ${status}); see its output.`);
      }
    }
  } finally {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  }
  return { sections, failed, stoppedBy };
}
