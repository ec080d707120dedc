#!/usr/bin/env -S npx tsx
// Stage export: the dataset as files: data/<table>.csv, .json and .xlsx, datapackage.json and the
// data dictionary (README.md). Returns file contents by path; the write stage publishes them.
import { COLUMNS } from '../lib/columns.js';
import { schemaOf } from '../lib/schemas.js';
import { ordered, toCsv, toJson } from '../lib/serialize.js';
import { toXlsx } from '../lib/xlsx.js';
import { buildDataDictionary } from '../report/dictionary.js';
import { citationCff, DATA_LICENSE, datasetVersion, releaseInfo, type ReleaseInfo } from '../report/citation.js';
import { TABLES, type Dataset, type Table } from '../types.js';
import { filesState, isMain, needs, type Stage } from './stage.js';
import { coverageStatement } from '../report/coverage.js';

export interface PackageInfo {
  version: string;
}

export const exportStage: Stage<'export'> = {
  name: 'export',
  title: 'writes the tables as CSV, JSON and Excel, datapackage.json and the data dictionary',
  reads: ['validate'],
  async run(state) {
    const { data } = needs(state, 'validate');
    const files = exportDataset(data, { version: datasetVersion() });
    return { result: files, summary: `${files.size} files` };
  },
  ...filesState,
};

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

export function exportDataset(data: Dataset, info: PackageInfo): Map<string, string | Uint8Array> {
  const release = releaseInfo(info.version, data.sources);
  const files = new Map<string, string | Uint8Array>();
  for (const table of TABLES) {
    const rows = (data[table] as unknown as Record<string, unknown>[]).map((r) => ordered(COLUMNS[table], r));
    files.set(`data/${table}.csv`, toCsv(COLUMNS[table], rows));
    files.set(`data/${table}.json`, toJson(rows));
    files.set(`data/${table}.xlsx`, toXlsx(table, COLUMNS[table], rows));
  }
  files.set('datapackage.json', toJson(datapackage(data, release)));
  files.set('README.md', buildDataDictionary(data, release));
  files.set('CITATION.cff', citationCff(release));
  files.set('LICENSE.md', DATA_LICENSE);
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
  // Not Table Schema's format "uri": the Frictionless JavaScript reader checks it with a URL validator that
  // refuses valid addresses (a host with a trailing dot, "defence.pk."). A pattern says the same to every reader.
  if (property.format === 'uri' && !property.pattern) constraints.pattern = '^https?://\\S+$';
  if (Object.keys(constraints).length) field.constraints = constraints;
  return field;
}

function datapackage(data: Dataset, info: ReleaseInfo): Record<string, unknown> {
  return {
    profile: 'tabular-data-package',
    name: 'defense-relations-latin-america',
    title: 'U.S. defense relations with Latin America and the Caribbean: visits, arms purchases and training',
    description: `Facts extracted from news articles and government releases, each row cited to the verbatim sentence that states it (source_id, quote, char_start, char_end in Unicode code points). Amounts are nominal U.S. dollars as stated. ${coverageStatement(data)}`,
    version: info.version,
    // The release date, from the data (see pipeline/report/citation.ts), never the clock.
    created: `${info.date}T00:00:00Z`,
    ...(info.homepage ? { homepage: info.homepage } : {}),
    contributors: info.contributors,
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
          // Frictionless readers refuse an empty list: a table with no foreign key has none.
          ...(foreignKeys(table).length > 0 ? { foreignKeys: foreignKeys(table) } : {}),
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

export { datasetVersion };

// Run on its own: after this module has loaded (the script loads the chain, and with it this module).
if (isMain(import.meta.url)) void import('./script.js').then((script) => script.runStageScript('export'));
