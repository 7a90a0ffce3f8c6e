// The CLI's commands. Each returns an exit code, or null while it keeps serving.
import fs from 'node:fs';
import path from 'node:path';
import { findDecks, type DeckSet } from '../site/find-decks.ts';
import { PACKAGE_ROOT } from '../site/package-paths.ts';
import { printDiagnostics } from './print-diagnostics.ts';
import { DEFAULT_PORT } from '../live/default-port.ts';
// Each command's module is imported when that command runs: `ptydeck record` or `--help` need
// neither Vite nor shiki, and loading them cost seconds at every start.

export const USAGE = `Usage: ptydeck <command> [options]

Commands:
  dev [dir|file]     serve decks with live reload (default: slides)
      --port N       port to listen on (default ${DEFAULT_PORT}, or the next free one)
      --host H       address to bind (default 127.0.0.1; anything else is reachable by others)
      --offline      run no demo live: demos replay their recordings (demos/recordings/)
      --record       record every rehearsal run in the browser, keeping the best completed one
  present [dir]      serve a production build with live demos, no Vite (default: slides)
      --port N, --host H, --offline   as for dev
  build [dir]        write a static site of every deck (default: slides)
      --out DIR      output folder (default: dist)
  record [dir|file]  run demos without a browser and save their recordings (default: slides)
      --demo ID      only the demo with this id
      --force        record fresh recordings again, and keep a failed run's recording
  doctor [dir|file]  say which demos run live here, and whether their recordings are fresh
      --run          also run each demo and compare its screen with its recording
      --json         print the report as JSON
      --demo ID      only the demo with this id
  prepare            build the offline docker image the demos use (ptydeck/busybox)
  export <deck.md>   print a deck to PDF in Chromium, each demo as its final screen
      --pdf FILE     the PDF to write (required)
      --notes        speaker notes on a page after each slide
      --fragments    a page per fragment step
  help               show this text

A deck is a Markdown file; see README.md for how to write one.
`;

export interface CliOptions {
  readonly port?: string | undefined;
  readonly host?: string | undefined;
  readonly out?: string | undefined;
  readonly demo?: string | undefined;
  readonly force?: boolean | undefined;
  readonly run?: boolean | undefined;
  readonly json?: boolean | undefined;
  readonly help?: boolean | undefined;
  readonly version?: boolean | undefined;
  readonly offline?: boolean | undefined;
  readonly record?: boolean | undefined;
  readonly pdf?: string | undefined;
  readonly notes?: boolean | undefined;
  readonly fragments?: boolean | undefined;
}

/** Runs a command; returns its exit code, or null when it keeps running (a server). */
export async function runCommand(positionals: readonly string[], options: CliOptions): Promise<number | null> {
  const [command, target = 'slides', ...extra] = positionals;
  if (options.version) {
    const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
    process.stdout.write(`ptydeck ${pkg.version}\n`);
    return 0;
  }
  if (options.help || command === undefined || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined && !options.help ? 2 : 0;
  }
  if (extra.length > 0) return fail(`unexpected argument "${extra[0]}"`);
  switch (command) {
    case 'dev':
      return dev(target, options);
    case 'present':
      return present(target, options);
    case 'build':
      return build(target, options);
    case 'record':
      return (await import('./record-command.ts')).recordCommand(target, options);
    case 'doctor':
      return (await import('./doctor-command.ts')).doctorCommand(target, options);
    case 'export':
      return (await import('./export-command.ts')).exportCommand(target, options);
    case 'prepare':
      return positionals.length > 1 ? fail(`unexpected argument "${target}"`) : (await import('./prepare-command.ts')).prepare();
    default:
      return fail(`unknown command "${command}"`);
  }
}

function fail(message: string): number {
  process.stderr.write(`ptydeck: ${message}\n\n${USAGE}`);
  return 2;
}

/** Port and host from the options; an error message when they are unusable. */
function listenOptions(options: CliOptions): { port: number; host: string } | { error: string } {
  const port = options.port === undefined ? DEFAULT_PORT : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return { error: `--port ${options.port} is not a port number` };
  const host = options.host ?? '127.0.0.1';
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
    process.stderr.write(`ptydeck: warning: listening on ${host}: other machines can reach this server and watch the demos\n`);
  }
  return { port, host };
}

async function present(target: string, options: CliOptions): Promise<number | null> {
  const set = findDecks(target);
  if ('error' in set) return fail(set.error);
  const listen = listenOptions(options);
  if ('error' in listen) return fail(listen.error);
  const { startPresentServer } = await import('../live/present-server.ts');
  const server = await startPresentServer(set, listen.host, listen.port, { offline: options.offline ?? false });
  // Before the URL is printed: whoever waits for that line may send SIGTERM at once.
  stopOnSignals(() => server.close());
  printDiagnostics(server.build.diagnostics);
  printServing(set, listen.host, server.port, server.live.token);
  if (options.offline) process.stdout.write('  --offline: no demo runs live; demos with a recording replay it\n');
  return null;
}

async function dev(target: string, options: CliOptions): Promise<number | null> {
  const set = findDecks(target);
  if ('error' in set) return fail(set.error);
  const listen = listenOptions(options);
  if ('error' in listen) return fail(listen.error);
  const { host, port } = listen;
  const seen = new Map<string, string>();
  const { startDevServer } = await import('../dev/dev-server.ts');
  const server = await startDevServer({
    set,
    host,
    port,
    offline: options.offline ?? false,
    record: options.record ?? false,
    onDiagnostics: (deck) => {
      // Print a deck's problems when they change, not on every page load.
      const text = deck.diagnostics.map((d) => d.message + d.line).join('\n');
      if (seen.get(deck.deck) === text) return;
      seen.set(deck.deck, text);
      printDiagnostics(deck.diagnostics);
    },
  });
  stopOnSignals(() => server.close());
  printServing(set, host, server.port, server.live.token);
  if (options.offline) process.stdout.write('  --offline: no demo runs live; demos with a recording replay it\n');
  if (options.record) process.stdout.write('  --record: each demo run to its last step is recorded into demos/recordings/ (the best run is kept)\n');
  return null;
}

/** Prints where the decks are; the token goes in the fragment, so it is never sent or logged. */
function printServing(set: DeckSet, host: string, port: number, token: string): void {
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const base = `http://${shownHost}:${port}`;
  process.stdout.write(`ptydeck: serving ${set.decks.length} deck${set.decks.length === 1 ? '' : 's'} from ${path.relative(process.cwd(), set.deckDir) || '.'}\n`);
  process.stdout.write(`  presenter: ${base}/#token=${token}\n`);
  process.stdout.write(`  (open that URL: its token lets this browser run demos; other viewers can only watch)\n`);
  for (const deck of set.decks) process.stdout.write(`  ${deck.name.padEnd(28)} ${base}/${deck.name}/\n`);
}

/** On Ctrl-C or SIGTERM: kill every demo, run teardowns, then exit (a second signal exits at once). */
function stopOnSignals(close: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    process.stderr.write(`ptydeck: ${signal}: stopping demos and running their teardown…\n`);
    void close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`ptydeck: shutdown failed: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function build(target: string, options: CliOptions): Promise<number> {
  const set = findDecks(target);
  if ('error' in set) return fail(set.error);
  const started = performance.now();
  const { buildSite } = await import('../site/build-site.ts');
  const result = await buildSite(set, options.out ?? 'dist');
  printDiagnostics(result.diagnostics);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const size = (result.bytes / 1024).toFixed(0);
  process.stdout.write(`ptydeck: built ${result.decks.length} deck${result.decks.length === 1 ? '' : 's'} into ${path.relative(process.cwd(), result.outDir) || '.'} (${size} KiB) in ${seconds} s\n`);
  for (const deck of result.decks) process.stdout.write(`  ${deck.name.padEnd(28)} ${String(deck.slideCount).padStart(3)} slides  ${deck.title}\n`);
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0) {
    process.stderr.write(`ptydeck: ${errors} error${errors === 1 ? '' : 's'}: the pages show them on an error slide; fix them before publishing\n`);
    return 1;
  }
  return 0;
}
