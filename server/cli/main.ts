// The CLI entry: parses the command line, runs a command, and is the only place that exits.
import { parseArgs } from 'node:util';
import { runCommand, USAGE } from './commands.ts';

const argv = process.argv.slice(2);
let parsed;
try {
  parsed = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      out: { type: 'string' },
      demo: { type: 'string' },
      force: { type: 'boolean' },
      run: { type: 'boolean' },
      json: { type: 'boolean' },
      offline: { type: 'boolean' },
      record: { type: 'boolean' },
      pdf: { type: 'string' },
      notes: { type: 'boolean' },
      fragments: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
} catch (error) {
  process.stderr.write(`ptydeck: ${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
try {
  const code = await runCommand(parsed.positionals, parsed.values);
  if (code !== null) process.exit(code);
} catch (error) {
  // Content problems are diagnostics; what reaches here is an environment or programmer error.
  process.stderr.write(`ptydeck: ${error instanceof Error ? error.message : String(error)}\n`);
  if (process.env.PTYDECK_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
}
