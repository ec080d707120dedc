// Where the project is, found from this module's own location (the TypeScript sources or their
// compiled twin in dist/, one level below the project either way).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_DIR = fileURLToPath(new URL('..', import.meta.url));
/** The content-hash cache (git-ignored; deleting it is always safe). */
export const DEFAULT_CACHE_DIR = join(PROJECT_DIR, '.cache');
