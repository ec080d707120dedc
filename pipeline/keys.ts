// Hashes of the code and data a run depends on, computed once per run: a document's key (its id,
// sidecar and text under the extraction code and the lexicons) for the document cache and the shard
// partials, and a whole run's key for the run cache (pipeline/cache.ts).
import { readFileSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeFingerprint, contentHash, documentKey, treeFingerprint } from './cache.js';
import type { Problem } from './errors.js';
import type { Options } from './options.js';
import { PROJECT_DIR } from './paths.js';
import type { SourceText } from './sources/document.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
/** .ts under tsx and vitest, .js in the compiled twin (dist/). */
const EXT = extname(fileURLToPath(import.meta.url));

export class Keys {
  /** Everything extraction of one document reads: its modules, the libraries, Node. */
  readonly extraction = codeFingerprint([join(HERE, `documents${EXT}`), join(HERE, `document-worker${EXT}`)]);
  readonly reference: string;
  private readonly documents = new Map<SourceText, string>();

  constructor(referenceDir: string) {
    this.reference = treeFingerprint(referenceDir);
  }

  document(source: SourceText): string {
    let key = this.documents.get(source);
    if (key === undefined) this.documents.set(source, (key = documentKey(this.extraction, this.reference, source)));
    return key;
  }

  /**
   * Everything a whole run reads (see pipeline/cache.ts). All of the pipeline's code rather than the
   * modules the runner imports: a stage may read a file of its folder at run time. The previous
   * release in --out, which the release notes compare with, is not here: a run record is only used
   * while --out and --reports hold exactly the files its run wrote.
   */
  run(options: Options, docs: SourceText[], problems: Problem[]): string {
    const parts = [
      this.extraction,
      treeFingerprint(HERE),
      treeFingerprint(join(PROJECT_DIR, 'schemas')),
      readFileSync(join(PROJECT_DIR, 'package.json'), 'utf8'),
      this.reference,
      treeFingerprint(resolve(options.sources, 'gold')),
      JSON.stringify({ strict: options.strict, outputHref: relative(options.reports, options.out) || '.', sources: relative(process.cwd(), options.sources) }),
      JSON.stringify(problems),
      docs.map((d) => this.document(d)).join(','),
    ];
    return contentHash(parts.join('\u0000'));
  }
}
