// Stage export: the dataset as files: data/<table>.csv, data/<table>.json and datapackage.json.
// Returns file contents by path; the runner writes them (atomically) where they belong.
import { COLUMNS } from '../lib/columns.js';
import { schemaOf } from '../lib/schemas.js';
import { ordered, toCsv, toJson } from '../lib/serialize.js';
import { TABLES, type Dataset, type Table } from '../types.js';
import { isMain, runStage } from '../lib/stage-io.js';
import { join } from 'node:path';
import { publishRelease } from '../release.js';
import { coverageStatement } from '../report/coverage.js';
import { readFileSync } from 'node:fs';

export interface PackageInfo {
  version: string;
}

const TITLES: Record<Table, string> = {
  'secdef-visits': 'U.S. Secretary of Defense visits to Latin America and the Caribbean',
  'arms-purchases': 'Arms purchases by Latin American and Caribbean governments',
  training: 'U.S. military training and security assistance for Latin America and the Caribbean',
  sources: 'Source documents',
  evidence: 'Evidence: every sentence that states each fact',
};

export const PRIMARY_KEYS: Record<Table, string[]> = {
  'secdef-visits': ['id'],
  'arms-purchases': ['id'],
  training: ['id'],
  sources: ['id'],
  evidence: ['record_id', 'source_id', 'char_start', 'char_end'],
};

export function exportDataset(data: Dataset, info: PackageInfo): Map<string, string> {
  const files = new Map<string, string>();
  for (const table of TABLES) {
    const rows = (data[table] as unknown as Record<string, unknown>[]).map((r) => ordered(COLUMNS[table], r));
    files.set(`data/${table}.csv`, toCsv(COLUMNS[table], rows));
    files.set(`data/${table}.json`, toJson(rows));
  }
  files.set('datapackage.json', toJson(datapackage(data, info)));
  return files;
}

function fieldOf(name: string, property: Record<string, unknown>): Record<string, unknown> {
  const types = ([] as unknown[]).concat(property.type ?? (property.enum ? 'string' : 'string')).filter((t) => t !== 'null');
  const type = types[0] === 'integer' ? 'integer' : types[0] === 'number' ? 'number' : types[0] === 'boolean' ? 'boolean' : 'string';
  const field: Record<string, unknown> = { name, type, description: property.description };
  const constraints: Record<string, unknown> = {};
  const nullable = ([] as unknown[]).concat(property.type ?? []).includes('null') || (property.enum as unknown[] | undefined)?.includes(null);
  if (!nullable) constraints.required = true;
  if (property.enum) constraints.enum = (property.enum as unknown[]).filter((v) => v !== null);
  if (property.pattern) constraints.pattern = property.pattern;
  if (property.minimum !== undefined) constraints.minimum = property.minimum;
  if (property.maximum !== undefined) constraints.maximum = property.maximum;
  if (property.format === 'uri') field.format = 'uri';
  if (Object.keys(constraints).length) field.constraints = constraints;
  return field;
}

function datapackage(data: Dataset, info: PackageInfo): Record<string, unknown> {
  return {
    profile: 'tabular-data-package',
    name: 'defense-relations-latin-america',
    title: 'U.S. defense relations with Latin America and the Caribbean: visits, arms purchases and training',
    description: `Facts extracted from news articles and government releases, each row cited to the verbatim sentence that states it (source_id, quote, char_start, char_end in Unicode code points). Amounts are nominal U.S. dollars as stated. ${coverageStatement(data)}`,
    version: info.version,
    licenses: [{ name: 'CC-BY-4.0', title: 'Creative Commons Attribution 4.0', path: 'https://creativecommons.org/licenses/by/4.0/' }],
    sources: data.sources.map((s) => ({ title: s.title, path: s.url })),
    resources: TABLES.map((table) => {
      const schema = schemaOf(table);
      const resource: Record<string, unknown> = {
        name: table,
        title: TITLES[table],
        description: schema.description,
        path: `data/${table}.csv`,
        profile: 'tabular-data-resource',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true, skipInitialSpace: false },
        schema: {
          fields: COLUMNS[table].map((c) => fieldOf(c, schema.properties[c]!)),
          missingValues: [''],
          primaryKey: PRIMARY_KEYS[table],
          foreignKeys: foreignKeys(table),
        },
      };
      return resource;
    }),
  };
}

function foreignKeys(table: Table): Record<string, unknown>[] {
  const keys: Record<string, unknown>[] = [];
  if (table !== 'sources') keys.push({ fields: 'source_id', reference: { resource: 'sources', fields: 'id' } });
  if (table === 'arms-purchases') keys.push({ fields: 'part_of', reference: { resource: 'arms-purchases', fields: 'id' } });
  return keys;
}

/** Dataset version (SemVer): the package version. */
export function datasetVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

if (isMain(import.meta.url)) {
  await runStage('export', async ({ work, read }) => {
    const files = exportDataset(read<{ data: Dataset }>('validate').data, { version: datasetVersion() });
    await publishRelease([{ target: join(work, 'output'), files }]);
    return `${files.size} files in ${join(work, 'output')}`;
  });
}
