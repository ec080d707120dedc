// Hashes of the code and data a run depends on, computed once per run: a document's key (its id,
// sidecar and text under the extraction code and the lexicons) for the document cache and the shard
// partials, and a whole run's key for the run cache (pipeline/cache.ts).
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Options } from './options.js';
import { PROJECT_DIR } from './paths.js';
import type { SourceText } from './sources/document.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
/** .ts under tsx and vitest, .js in the compiled twin (dist/). */
const EXT = extname(fileURLToPath(import.meta.url));
/** The lexicons a source folder without its own reference/ uses (as pipeline/lib/reference.ts finds them). */
const PROJECT_REFERENCE = join(PROJECT_DIR, 'sources', 'reference');

function sha(...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p).update('\u0000');
  return hash.digest('hex');
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/**
 * A hash of the code a module runs: the module and every module it imports from this project, found
 * by following relative imports, plus package-lock.json (every library version) and the Node version.
 */
export function codeFingerprint(entries: string[]): string {
  const seen = new Map<string, Buffer>();
  const queue = entries.map((e) => resolve(e));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    const source = readFileSync(file);
    seen.set(file, source);
    for (const m of source.toString('utf8').matchAll(IMPORT)) {
      const spec = m[1] ?? m[2]!;
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(file), spec);
      const ts = target.replace(/\.js$/, '.ts');
      queue.push(existsSync(ts) ? ts : target);
    }
  }
  const parts: (string | Uint8Array)[] = [`node ${process.version}`, readFileSync(join(PROJECT_DIR, 'package-lock.json'))];
  for (const file of [...seen.keys()].sort()) parts.push(relative(PROJECT_DIR, file), seen.get(file)!);
  return sha(...parts);
}

/** Files larger than this are hashed by their size alone: no source may be this large (ingest refuses it unread). */
const LARGEST_READ = 5 * 1024 * 1024;

/**
 * A hash of a folder as reading it would find it: every entry's name and kind, the bytes of each
 * file, the target of each link (never followed), the permission bits. Named pipes and devices are
 * not opened (reading one would wait forever). '' when there is no folder.
 */
export function treeFingerprint(dir: string): string {
  if (!existsSync(dir)) return '';
  const parts: (string | Uint8Array)[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(at, entry.name);
      const info = lstatSync(path);
      parts.push(relative(dir, path), String(info.mode));
      if (entry.isDirectory()) walk(path);
      else if (entry.isSymbolicLink()) parts.push(`-> ${readlinkSync(path)}`);
      else if (entry.isFile()) parts.push(info.size > LARGEST_READ ? `${info.size} bytes` : readFileSync(path));
    }
  };
  walk(dir);
  return sha(...parts);
}

/** The cache key of a document's facts: its id, sidecar and text, under given code and reference tables. */
export function documentKey(code: string, reference: string, source: SourceText): string {
  return sha(code, reference, source.id, JSON.stringify(source.meta), source.sha256);
}

export function contentHash(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

export class Keys {
  private extractionKey: string | null = null;
  private referenceKey: string | null = null;
  private readonly documents = new Map<SourceText, string>();

  constructor(private readonly sources: string) {}

  /** Everything extraction of one document reads: its modules, the libraries, Node. */
  get extraction(): string {
    return (this.extractionKey ??= codeFingerprint([join(HERE, `documents${EXT}`), join(HERE, `document-worker${EXT}`)]));
  }

  /** The reference tables the source folder's documents are read with. */
  get reference(): string {
    const own = join(this.sources, 'reference');
    return (this.referenceKey ??= treeFingerprint(existsSync(own) ? own : PROJECT_REFERENCE));
  }

  document(source: SourceText): string {
    let key = this.documents.get(source);
    if (key === undefined) this.documents.set(source, (key = documentKey(this.extraction, this.reference, source)));
    return key;
  }

  /**
   * Everything a whole run reads (see pipeline/cache.ts), found without reading any document: the
   * source folder as it is on disk (every name, byte, link and permission that ingest could see, the
   * editors' records and the lexicons with them), all of the pipeline's code (a stage may read a file
   * of its folder at run time), the schemas, package.json (version, homepage, contributors) and the
   * options. The previous release in --out, which the release notes compare with, is not here: a run
   * record is only used while --out and --reports hold exactly the files its run wrote.
   */
  run(options: Options): string {
    const parts = [
      this.extraction,
      treeFingerprint(HERE),
      treeFingerprint(join(PROJECT_DIR, 'schemas')),
      readFileSync(join(PROJECT_DIR, 'package.json'), 'utf8'),
      this.reference,
      treeFingerprint(options.sources),
      JSON.stringify({ strict: options.strict, outputHref: relative(options.reports, options.out) || '.', sources: relative(process.cwd(), options.sources), baseUrl: options.baseUrl }),
    ];
    return contentHash(parts.join('\u0000'));
  }
}

