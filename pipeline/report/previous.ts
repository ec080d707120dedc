// The previous release in the output folder, which the release notes (changes.md) compare with: the
// release this run replaces, whatever the project's own output/ or git history hold. A first run into
// a new folder has none. A folder the pipeline did not write is no release; a table the release lacks,
// or whose file cannot be read as rows, is compared as empty.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJson } from '../lib/json.js';
import { ownership } from '../release.js';
import { TABLES, type Dataset } from '../types.js';

export interface Previous {
  data: Dataset | null;
  /** The previous release's notes, when this run republishes it unchanged (same rows, same version). */
  notes: string | null;
}

function read(dir: string, listed: Set<string>, path: string): unknown {
  if (!listed.has(path)) return undefined;
  try {
    return parseJson(join(dir, path), readFileSync(join(dir, path), 'utf8'));
  } catch {
    return undefined;
  }
}

const isRows = (value: unknown): value is Record<string, unknown>[] => Array.isArray(value) && value.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r));

export function previousRelease(out: string, reports: string, current: Dataset, version: string): Previous {
  const owner = ownership(out);
  if (owner.kind !== 'release') return { data: null, notes: null };
  const tables: Record<string, unknown> = {};
  for (const table of TABLES) {
    const rows = read(out, owner.files, `data/${table}.json`);
    tables[table] = isRows(rows) ? rows : [];
  }
  const data = tables as unknown as Dataset;
  const pkg = read(out, owner.files, 'datapackage.json') as { version?: unknown } | undefined;
  const unchanged = pkg?.version === version && TABLES.every((t) => JSON.stringify(data[t]) === JSON.stringify(current[t]));
  const reportsOwner = ownership(reports);
  const notes = unchanged && reportsOwner.kind === 'release' && reportsOwner.files.has('changes.md') ? readFileSync(join(reports, 'changes.md'), 'utf8') : null;
  return { data, notes };
}
