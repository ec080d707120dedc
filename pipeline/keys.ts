// Hashes of the code and data a run depends on, computed once per run: a document's key (its id,
// sidecar and text under the extraction code and the lexicons) for the document cache and the shard
// partials, and a whole run's key for the run cache (pipeline/cache.ts).
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeFingerprint, contentHash, documentKey, treeFingerprint } from './cache.js';
import type { Options } from './options.js';
import { PROJECT_DIR } from './paths.js';
import type { SourceText } from './sources/document.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
/** .ts under tsx and vitest, .js in the compiled twin (dist/). */
const EXT = extname(fileURLToPath(import.meta.url));
/** The lexicons a source folder without its own reference/ uses (as pipeline/lib/reference.ts finds them). */
const PROJECT_REFERENCE = join(PROJECT_DIR, 'sources', 'reference');

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
      JSON.stringify({ strict: options.strict, outputHref: relative(options.reports, options.out) || '.', sources: relative(process.cwd(), options.sources) }),
    ];
    return contentHash(parts.join('\u0000'));
  }
}

