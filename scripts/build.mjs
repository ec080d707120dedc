// The compiled pipeline: every module of pipeline/ turned into JavaScript in dist/, file for file, so
// that `npm run pipeline` starts plain node instead of compiling TypeScript on every start (tsx).
// `npm ci` builds it (the prepare script); bin/pipeline.mjs builds it again when the TypeScript has
// changed since, so an edited module is never run stale. Plain JavaScript: it runs before tsx could.
//
// dist/ mirrors pipeline/ at the same depth below the project, so every module finds schemas/,
// sources/reference/ and package.json where its TypeScript twin does (paths relative to
// import.meta.url). Nothing is bundled: each stage module still loads when its stage runs.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT = fileURLToPath(new URL('..', import.meta.url));
const SOURCE = join(PROJECT, 'pipeline');
export const DIST = join(PROJECT, 'dist');
const STAMP = join(DIST, '.built-from.json');

function sources() {
  return readdirSync(SOURCE, { recursive: true })
    .filter((f) => f.endsWith('.ts'))
    .sort();
}

/** Names, sizes and modification times: a quick look that nothing changed. */
function statSignature(files) {
  const hash = createHash('sha256');
  for (const f of files) {
    const s = statSync(join(SOURCE, f));
    hash.update(`${f}\u0000${s.size}\u0000${s.mtimeMs}\u0000`);
  }
  return hash.digest('hex');
}

/** Names and contents: what the build depends on. */
function contentSignature(files) {
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f}\u0000`).update(readFileSync(join(SOURCE, f))).update('\u0000');
  return hash.digest('hex');
}

function readStamp() {
  try {
    return JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * True when dist/ was built from the TypeScript as it is now. The sizes and times of the files
 * answer at once when nothing was touched; a file touched but not changed (a checkout back and
 * forth) is compared by content, and the stamp updated, so the next look is quick again.
 */
export async function isFresh() {
  const stamp = readStamp();
  if (!stamp || !existsSync(join(DIST, 'cli.js'))) return false;
  const files = sources();
  const stat = statSignature(files);
  if (stat === stamp.stat) return true;
  if (contentSignature(files) !== stamp.content) return false;
  await writeFile(STAMP, `${JSON.stringify({ ...stamp, stat })}\n`);
  return true;
}

/** Compiles pipeline/*.ts into a new dist/ beside the old one, then swaps it in. */
export async function build() {
  const { transform } = await import('esbuild');
  const files = sources();
  const content = contentSignature(files);
  const staging = `${DIST}.new-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  for (const f of files) {
    const { code } = await transform(readFileSync(join(SOURCE, f), 'utf8'), { loader: 'ts', format: 'esm', target: 'node20', sourcefile: join(SOURCE, f) });
    const out = join(staging, f.replace(/\.ts$/, '.js'));
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, code);
  }
  await writeFile(join(staging, '.built-from.json'), `${JSON.stringify({ content, stat: statSignature(files) })}\n`);
  const old = `${DIST}.old-${process.pid}`;
  try {
    if (existsSync(DIST)) await rename(DIST, old);
    await rename(staging, DIST);
  } catch (error) {
    // Another run built it at the same moment: theirs is as good as ours.
    await rm(staging, { recursive: true, force: true });
    if (!(await isFresh())) throw error;
  }
  await rm(old, { recursive: true, force: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  await build();
  process.stderr.write(`build: pipeline/ compiled into dist/ in ${(performance.now() - started).toFixed(0)} ms\n`);
}
