// Compiles the CLI (server/ and protocol/, with the pure-JavaScript packages a build parses
// Markdown and YAML with) into a few bundled ES modules once, in node_modules/.cache/ptydeck/, so
// the ptydeck command starts without tsx's loader (its hooks cost ~0.5 s a start) and without
// resolving and loading ~75 small modules one by one (about a third of a build's time on a loaded
// machine). Lazy imports stay lazy: each dynamically imported command is a chunk of its own. The
// cache is keyed by the sources' content and place and the bundled packages' versions, so an
// edited source, a moved checkout or an upgraded package never runs as old code: a missing, stale
// or unbuildable cache returns null and the caller falls back to tsx.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The folders the CLI's code lives in; server/ imports protocol/ and nothing else of ours. */
const SOURCE_DIRS = ['server', 'protocol'];
const CACHE_ROOT = path.join(PACKAGE_ROOT, 'node_modules/.cache/ptydeck');
/** Bumped whenever the way sources are compiled changes, so no old output is reused. */
const FORMAT = 'node-bundle-v2';
/**
 * Packages bundled with the sources: plain JavaScript every build loads (the Markdown parser,
 * the YAML parser and their dependencies). The rest stay imports: native ones (node-pty),
 * ones that find their own files at run time (shiki's grammars and WebAssembly, Vite), and
 * ones only some commands load.
 */
const BUNDLED_PACKAGES = ['markdown-it', 'linkify-it', 'mdurl', 'uc.micro', 'entities', 'punycode.js', 'yaml'];
/**
 * A cache unused this long is removed when a new one is written. Long, because a running
 * server imports modules lazily (a command's code, the dev server's) from the cache it started
 * with; a source edit by someone else must not pull that cache out from under it.
 */
const STALE_CACHE_MS = 24 * 60 * 60 * 1000;

function listSources(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listSources(path.join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path.join(dir, e.name)] : []))
    .sort();
}

/** The folder of an installed package, as Node finds it from the package root; null when absent. */
function packageDir(name) {
  for (let dir = PACKAGE_ROOT; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return fs.realpathSync(candidate);
    if (path.dirname(dir) === dir) return null;
  }
}

/** esbuild, as tsx (a dependency) brings it; null when it cannot be loaded. */
function loadEsbuild() {
  try {
    const fromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
    return fromTsx('esbuild');
  } catch {
    return null;
  }
}

const packageName = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/**
 * Bundles `entry` into `outDir`. Each source keeps import.meta.url as its own source's URL:
 * code that finds the package's files relative to itself (server/site/package-paths.ts) finds
 * them from the cache too. A bundled package is only taken from the folder whose package.json
 * the cache key hashed; any other copy (a nested version) stays an import.
 */
async function bundleInto(esbuild, entry, packages, outDir) {
  const inside = (file, dir) => file === dir || file.startsWith(dir + path.sep);
  await esbuild.build({
    entryPoints: [path.join(PACKAGE_ROOT, entry)],
    outdir: outDir,
    outbase: PACKAGE_ROOT,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
    // Bundled CommonJS (yaml) calls require(); ES modules have none of their own.
    banner: { js: "import { createRequire as __ptydeckCreateRequire } from 'node:module'; const require = __ptydeckCreateRequire(import.meta.url);" },
    // The settings of tsconfig.base.json that change emitted code.
    tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true, target: 'ES2022' } },
    plugins: [
      {
        name: 'ptydeck-cli',
        setup(build) {
          build.onResolve({ filter: /^[^./]/ }, async (args) => {
            if (args.pluginData === 'resolving') return undefined;
            const dir = packages.get(packageName(args.path));
            if (dir === undefined) return { external: true };
            const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'resolving' });
            return resolved.errors.length === 0 && inside(fs.realpathSync(resolved.path), dir) ? resolved : { external: true };
          });
          build.onLoad({ filter: /\.ts$/ }, (args) => ({
            loader: 'ts',
            contents: fs
              .readFileSync(args.path, 'utf8')
              .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
              .replaceAll('import.meta.filename', JSON.stringify(args.path))
              .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path))),
          }));
        },
      },
    ],
  });
}

function pruneStale(keep) {
  const now = Date.now();
  for (const name of fs.readdirSync(CACHE_ROOT)) {
    const dir = path.join(CACHE_ROOT, name);
    if (dir === keep || !name.startsWith('node-')) continue;
    try {
      if (now - fs.statSync(dir).mtimeMs > STALE_CACHE_MS) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // Removed by another process meanwhile.
    }
  }
}

/**
 * The compiled file for `entry` (a path like 'server/cli/main.ts'), compiling first if needed;
 * null when impossible. `extraSourceDirs`: more folders the entry's code lives in (the demos
 * bench runs its servers compiled as the CLI is), hashed with the CLI's.
 */
export async function compiledEntry(entry, extraSourceDirs = []) {
  const files = [...SOURCE_DIRS, ...extraSourceDirs].flatMap((d) => listSources(path.join(PACKAGE_ROOT, d)));
  const esbuildPackage = path.join(PACKAGE_ROOT, 'node_modules/esbuild/package.json');
  // The package's own path too: the bundle holds its sources' absolute paths (import.meta.*,
  // above), so a checkout that was moved, or another one sharing this node_modules, must not
  // run a bundle that reads files where the sources used to be.
  const hash = createHash('sha256').update(FORMAT).update('\0').update(process.version.split('.')[0]).update('\0').update(PACKAGE_ROOT).update('\0').update(entry).update('\0');
  for (const file of files) hash.update(path.relative(PACKAGE_ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  if (fs.existsSync(esbuildPackage)) hash.update(fs.readFileSync(esbuildPackage));
  const packages = new Map();
  for (const name of BUNDLED_PACKAGES) {
    const dir = packageDir(name);
    if (dir === null) continue; // not installed: imported (and reported) at run time as usual
    packages.set(name, dir);
    hash.update(name).update('\0').update(fs.readFileSync(path.join(dir, 'package.json'))).update('\0');
  }
  const dir = path.join(CACHE_ROOT, `node-${hash.digest('hex').slice(0, 16)}`);
  const compiled = path.join(dir, entry.replace(/\.ts$/, '.js'));
  if (fs.existsSync(compiled)) {
    // Marks the cache as in use, so pruneStale() keeps it.
    fs.utimesSync(dir, new Date(), new Date());
    return compiled;
  }
  const esbuild = loadEsbuild();
  if (esbuild === null) return null;
  const staging = `${dir}.${process.pid}.tmp`;
  try {
    await bundleInto(esbuild, entry, packages, staging);
    try {
      fs.renameSync(staging, dir);
    } catch {
      // Another start compiled the same sources first; theirs is complete and identical.
      fs.rmSync(staging, { recursive: true, force: true });
    }
    pruneStale(dir);
  } catch {
    fs.rmSync(staging, { recursive: true, force: true });
    return null;
  }
  return fs.existsSync(compiled) ? compiled : null;
}
