// Compiles server/ and protocol/ to JavaScript once, into node_modules/.cache/ptydeck/, so the
// ptydeck command starts without tsx's loader: its hooks run on a thread of their own and every
// module resolved and loaded through them cost ~0.5 s of each start. The cache is keyed by the
// sources' content, so an edited source never runs as old code: a missing, stale or unbuildable
// cache returns null and the caller falls back to tsx.
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
const FORMAT = 'node-js-v1';
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

/** esbuild, as tsx (a dependency) brings it; null when it cannot be loaded. */
function loadEsbuild() {
  try {
    const fromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
    return fromTsx('esbuild');
  } catch {
    return null;
  }
}

/** Relative `.ts` specifiers (static, dynamic and re-exports) point at the compiled `.js`. */
function rewriteSpecifiers(code) {
  return code.replace(/(\bfrom\s*|\bimport\s*\(\s*|\bimport\s*)(["'])(\.{1,2}\/[^"']*?)\.ts\2/g, '$1$2$3.js$2');
}

/**
 * Each file compiled on its own (the layout of the tree is kept, so lazy imports stay lazy), with
 * import.meta.url set to the source's own URL: code that finds the package's files relative to
 * itself (server/site/package-paths.ts) finds them from the cache too.
 */
function compileInto(esbuild, files, outDir) {
  for (const file of files) {
    const url = pathToFileURL(file).href;
    const { code } = esbuild.transformSync(fs.readFileSync(file, 'utf8'), {
      loader: 'ts',
      format: 'esm',
      target: 'node20',
      sourcefile: file,
      define: { 'import.meta.url': JSON.stringify(url), 'import.meta.filename': JSON.stringify(file), 'import.meta.dirname': JSON.stringify(path.dirname(file)) },
      // The settings of tsconfig.base.json that change emitted code.
      tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true, target: 'ES2022' } },
    });
    const target = path.join(outDir, path.relative(PACKAGE_ROOT, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, rewriteSpecifiers(code));
  }
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

/** The compiled file for `entry` (a path like 'server/cli/main.ts'), compiling first if needed; null when impossible. */
export function compiledEntry(entry) {
  const files = SOURCE_DIRS.flatMap((d) => listSources(path.join(PACKAGE_ROOT, d)));
  const esbuildPackage = path.join(PACKAGE_ROOT, 'node_modules/esbuild/package.json');
  const hash = createHash('sha256').update(FORMAT).update('\0').update(process.version.split('.')[0]);
  for (const file of files) hash.update(path.relative(PACKAGE_ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  if (fs.existsSync(esbuildPackage)) hash.update(fs.readFileSync(esbuildPackage));
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
    compileInto(esbuild, files, staging);
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
