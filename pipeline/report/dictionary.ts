// output/README.md: the data dictionary, generated from the JSON Schemas (what a row is, every column
// with type, unit, allowed values and format) and from the data (row counts, an example per column).
import { COLUMNS } from '../lib/columns.js';
import { formatNumber } from '../lib/serialize.js';
import { FACT_TABLES, TABLES, type Dataset, type Table } from '../types.js';
import { NOT_COMPLETE, publisherCount, tableCoverage } from './coverage.js';
import { mdCode, mdDocument, mdTable, mdText, plural } from './markdown.js';
import { DATASET_TITLE, SCHEMAS, TABLE_TITLES } from './tables.js';
import { releaseInfo, suggestedCitation, type ReleaseInfo } from './citation.js';

/** Longest example shown, in code points: enough to recognise a quote, short enough for a table cell. */
const EXAMPLE_MAX = 60;
/** Longer patterns (the date forms) read better as the words of the description; datapackage.json has them all. */
const PATTERN_MAX = 32;

type Property = Record<string, unknown>;

function typesOf(p: Property): { type: string; nullable: boolean } {
  const declared = ([] as unknown[]).concat(p.type ?? []);
  const values = (p.enum as unknown[] | undefined) ?? [];
  const nullable = declared.includes('null') || values.includes(null);
  const type = declared.find((t) => t !== 'null') ?? (values.some((v) => typeof v === 'string') ? 'string' : 'any');
  return { type: String(type), nullable };
}

/** Money columns end in `_usd`; offsets and lengths of text count Unicode code points. */
function unitOf(column: string): string {
  if (column.endsWith('_usd')) return 'USD (nominal, as stated)';
  if (column === 'char_start' || column === 'char_end' || column === 'characters') return 'Unicode code points';
  return '';
}

function allowedOf(p: Property): string {
  const parts: string[] = [];
  const values = ((p.enum as unknown[] | undefined) ?? []).filter((v) => v !== null);
  if (values.length) parts.push(`one of ${values.map((v) => mdCode(String(v))).join(', ')}`);
  if (typeof p.pattern === 'string') parts.push(p.pattern.length <= PATTERN_MAX ? `pattern ${mdCode(p.pattern)}` : 'pattern in `datapackage.json` (form given in the description)');
  if (p.format === 'uri') parts.push('a URI');
  if (typeof p.minimum === 'number' && typeof p.maximum === 'number') parts.push(`${formatNumber(p.minimum)} to ${formatNumber(p.maximum)}`);
  else if (typeof p.minimum === 'number') parts.push(`at least ${formatNumber(p.minimum)}`);
  if (typeof p.minLength === 'number' && p.minLength > 0 && !values.length && !p.pattern) parts.push('not empty');
  if (typeof p.maxLength === 'number') parts.push(`at most ${formatNumber(p.maxLength)} characters`);
  return parts.join('; ');
}

function exampleOf(rows: Record<string, unknown>[], column: string): string {
  const value = rows.find((r) => r[column] !== null && r[column] !== undefined)?.[column];
  if (value === undefined || value === null) return '(none in this release)';
  if (typeof value === 'number') return mdCode(formatNumber(value));
  if (typeof value !== 'string') return mdCode(String(value));
  const chars = [...value];
  return mdCode(chars.length > EXAMPLE_MAX ? `${chars.slice(0, EXAMPLE_MAX - 1).join('')}…` : value);
}

function tableSection(table: Table, data: Dataset): string {
  const schema = SCHEMAS[table];
  const rows = data[table] as unknown as Record<string, unknown>[];
  const columns = COLUMNS[table].map((column) => {
    const p = schema.properties[column] ?? {};
    const { type, nullable } = typesOf(p);
    return [mdCode(column), type, nullable ? 'yes' : 'no', unitOf(column), allowedOf(p), mdText(String(p.description ?? '')), exampleOf(rows, column)];
  });
  return [
    `### ${table}`,
    `**${mdText(TABLE_TITLES[table])}.** What one row is: ${mdText(schema.description ?? '')}`,
    `Files: ${mdCode(`data/${table}.csv`)}, ${mdCode(`data/${table}.json`)}; ${plural(rows.length, 'row')} in this release.`,
    mdTable(['Column', 'Type', 'Can be missing', 'Unit', 'Allowed values', 'Description', 'Example'], columns),
  ].join('\n\n');
}

/** The data dictionary of a release; given a version alone, the rest of the release's facts come from the data. */
export function buildDataDictionary(data: Dataset, release: ReleaseInfo | string): string {
  const info = typeof release === 'string' ? releaseInfo(release, data.sources) : release;
  const version = info.version;
  const v = mdText(version);
  return mdDocument([
    `# ${mdText(DATASET_TITLE)}`,
    `Data dictionary of version ${v}, released ${mdText(info.date)}. Generated from the JSON Schemas and the data of this release; do not edit by hand.`,
    `The release date is the newest day a source document was copied (\`accessed\` in \`sources\`), or, for a document that does not say, the last day its \`published\` date stands for: the data of a release is as of that day.`,
    [
      'Facts about U.S. defense relations with Latin America and the Caribbean, read from news articles and government releases.',
      'Three fact tables (`secdef-visits`, `arms-purchases`, `training`) and two supporting tables: `sources` (the documents) and `evidence` (every sentence, in any document, that states each fact).',
    ].join(' '),
    '## What the data covers',
    [
      `The tables are ${NOT_COMPLETE}: ${plural(data.sources.length, 'document')} from ${plural(publisherCount(data), 'publisher')} (listed in \`sources\`).`,
      'A visit, sale or program that none of them mentions is not here, so a count or a sum says what these documents state, never how many or how much there was.',
    ].join(' '),
    mdTable(
      ['Table', 'Rows', 'Documents', 'Publishers', 'Years', 'Countries'],
      FACT_TABLES.map((t) => {
        const c = tableCoverage(data, t);
        return [mdCode(t), formatNumber(c.rows), formatNumber(c.documents), formatNumber(c.publishers), c.years ? (c.years[0] === c.years[1] ? String(c.years[0]) : `${c.years[0]}–${c.years[1]}`) : '—', formatNumber(c.countries)];
      }),
      [1, 2, 3, 5],
    ),
    '## Files',
    mdTable(
      ['File', 'What it holds'],
      [
        [mdCode('datapackage.json'), 'Frictionless Data Package: every table and field with type, constraints, primary and foreign keys, licence and sources.'],
        [mdCode('data/<table>.csv'), 'One table as CSV (dialect below).'],
        [mdCode('data/<table>.json'), 'The same table as JSON: an array of row objects with the CSV columns as keys, in the same order; the lossless twin of the CSV.'],
        [mdCode('data/<table>.xlsx'), 'The same table as an Excel workbook, for spreadsheets: opens with every accent and column right in any locale; text is never read as a formula.'],
        [mdCode('CITATION.cff'), 'How to cite this release, in the Citation File Format.'],
        [mdCode('LICENSE.md'), 'The licence of the data (CC BY 4.0).'],
        [mdCode('charts/*.svg'), 'Static, self-contained SVG charts with a title, a description, their coverage and sources: each in a wide and a narrow (`-narrow`, for phones) layout, light and dark (`-dark`).'],
        [mdCode('README.md'), 'This data dictionary.'],
        [mdCode('.pipeline-release.json'), 'The list of files this release wrote (the pipeline replaces only folders that carry it).'],
      ],
    ),
    '## Traceability',
    [
      'Every fact row traces to the sentence that states it: `source_id` names the document (a row of `sources`), `quote` is the verbatim sentence,',
      'and `char_start`/`char_end` are its offsets in the document text in Unicode code points (0-based, end exclusive), so that Python\'s `text[char_start:char_end]` equals `quote`.',
      'When several sentences or documents state the same fact, the row cites one of them and `evidence` lists them all.',
    ].join(' '),
    '## Adding up without counting twice',
    'Each fact table has one filter that adds it up without counting anything twice (the charts draw what it counts):',
    [
      '- `secdef-visits`: count the rows. A row is one secretary\'s visit to one country in one year: a trip through three countries is three rows, and two trips to one country in one year are one row.',
      '- `arms-purchases`: add `value_usd` over the rows whose `part_of` is empty (an item of a priced package points at the package with `part_of`: its money is inside the package\'s), one row per `deal_id` (the rows of one deal at its stages share it): the row at the latest stage that states a value, stages in the order `proposed`, `approved`, `ordered`, `purchased`, `delivered`, then the latest `year`, then the larger value. A `proposed` or `approved` value is the ceiling notified before a sale, not money paid: keep those deals apart when that matters.',
      '- `training`: add `amount_usd` over the rows whose `total` is false and whose `cumulative` is false, one `amount_basis` at a time (an empty `amount_basis` is a basis of its own: not stated). A total\'s parts are rows of their own (they point at it with `part_of` when the document links them), so leaving totals out counts each dollar once, even in a table with totals of totals (per year and per program); a running total (`cumulative`) includes earlier amounts of its program. To quote a document\'s total, read its row alone, never together with its parts.',
    ].join('\n'),
    [
      'These filters keep a document\'s totals, running totals, packages and deal stages from being counted twice. Two documents can still state the same money in different ways (a three-year program total in one, a single year of it in another):',
      'before adding across documents, compare `program`, the years and `source_id`.',
      'Rows with `review` `unreviewed` come from documents no editor has checked yet.',
    ].join(' '),
    '## Tables',
    ...TABLES.map((t) => tableSection(t, data)),
    '## Missing values',
    'A missing value is an empty cell in CSV and `null` in JSON. Only columns marked "Can be missing" above have missing values.',
    '## CSV dialect',
    [
      'UTF-8 without a byte-order mark, CRLF line ends, comma-separated, RFC 4180 quoting (a cell holding a comma, a quote or a line break is enclosed in double quotes, and quotes inside it are doubled), one header row with the column names.',
      'pandas, R, Python\'s `csv` module and Frictionless tools read it as it is (`pd.read_csv(path)`). In a spreadsheet, open the `.xlsx` twin; to import the CSV itself, choose the character set UTF-8 and the comma as separator (LibreOffice: Text Import, Character set "Unicode (UTF-8)"; Excel: Data > From Text/CSV, File origin "65001: Unicode (UTF-8)").',
      'Numbers are plain decimals: never an exponent, never a thousands separator. Booleans are `true` and `false`. The same dialect is declared in `datapackage.json`.',
    ].join(' '),
    '## Formula-injection guard',
    [
      'A text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `\'` in the CSV files only, so that a spreadsheet does not run it as a formula; a cell that itself starts with `\'` gets one too, so removing one leading `\'` always gives the exact text back.',
      'The JSON files keep the raw text; numbers are never touched. Where the exact text matters, read it from the JSON files.',
    ].join(' '),
    '## Dates and order',
    [
      'Dates are ISO 8601, and EDTF for partial dates, at the precision the text supports: `2014`, `2014-04` or `2014-04-24`; the `published` date of a source can also be an interval, `2014-04-28/2014-05-02`, when only a window is known.',
      'Rows are sorted in code-point order: the fact tables and `sources` by `id`, `evidence` by `record_id`, `source_id` and `char_start`. A fact\'s `id` is derived from its content, never a row number, so it stays the same between releases.',
    ].join(' '),
    '## How to cite',
    `This is version ${v}, released ${mdText(info.date)}. Please cite the version you used, and where you use a single fact, its source document too (\`sources.csv\`: title, publisher, URL, and the day it was accessed). Suggested citation:`,
    `> ${mdText(suggestedCitation(info))}`,
    'The same in the Citation File Format is in `CITATION.cff`, and as BibTeX:',
    ['```bibtex', `@misc{defense_relations_latam,`, `  title = {${DATASET_TITLE}},`, `  author = {${info.contributors.filter((c) => c.role === 'author').map((c) => `{${c.title.replace(/[{}]/g, '')}}`).join(' and ')}},`, `  version = {${version.replace(/[{}]/g, '')}},`, `  year = {${info.date.slice(0, 4)}},`, `  date = {${info.date}},`,  ...(info.homepage ? [`  url = {${info.homepage.replace(/[{}]/g, '')}},`] : []), '  note = {Data set, CC BY 4.0},', '}', '```'].join('\n'),
    '## Licence',
    'The data (every file in this folder) is released under the Creative Commons Attribution 4.0 International licence, [CC-BY-4.0](https://creativecommons.org/licenses/by/4.0/). The source texts keep their own licence and copyright (column `license` of `sources`); the quotes are short excerpts cited for research and reporting.',
  ]);
}
