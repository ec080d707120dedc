// What a researcher needs to cite a release: its version, its release date, who made it, where it
// lives, and a suggested citation. The version, homepage and contributors come from package.json;
// the release date comes from the data, never from the clock, so that a run gives the same bytes
// on any day: it is the newest day a source copy was taken (`accessed`), or, for a source that does
// not say, the last day its `published` date can stand for. A release cannot predate its sources.
import { readFileSync } from 'node:fs';
import type { SourceRow } from '../types.js';
import { DATASET_TITLE } from './tables.js';

export interface Contributor {
  title: string;
  email?: string;
  path?: string;
  /** A Frictionless role: author, publisher, maintainer, wrangler, contributor. */
  role: string;
}

export interface ReleaseInfo {
  title: string;
  version: string;
  /** YYYY-MM-DD. */
  date: string;
  /** Where the project lives; null until package.json names a public address (never a placeholder). */
  homepage: string | null;
  contributors: Contributor[];
}

interface PackageJson {
  version: string;
  homepage?: string;
  contributors?: { name: string; email?: string; url?: string; role?: string }[];
}

const PACKAGE_JSON = new URL('../../package.json', import.meta.url);

function packageJson(): PackageJson {
  return JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as PackageJson;
}

/** Dataset version (SemVer): the package version. */
export function datasetVersion(): string {
  return packageJson().version;
}

/** The day a release of these sources stands for (see the top of this file); 1970-01-01 with no source at all. */
export function releaseDate(sources: Pick<SourceRow, 'accessed' | 'published'>[]): string {
  let newest = '1970-01-01';
  for (const s of sources) {
    const day = s.accessed ?? lastDayOf(s.published);
    if (day > newest) newest = day;
  }
  return newest;
}

/** The last day a published date stands for: 2014 → 2014-12-31, 2014-02 → 2014-02-28, an interval → its end. */
export function lastDayOf(published: string): string {
  const end = published.includes('/') ? published.slice(published.indexOf('/') + 1) : published;
  const [year, month, day] = end.split('-');
  if (day) return end;
  const m = month ? Number(month) : 12;
  const days = new Date(Date.UTC(Number(year), m, 0)).getUTCDate();
  return `${year}-${String(m).padStart(2, '0')}-${String(days).padStart(2, '0')}`;
}

export function releaseInfo(version: string, sources: Pick<SourceRow, 'accessed' | 'published'>[]): ReleaseInfo {
  const pkg = packageJson();
  const contributors = (pkg.contributors ?? []).map((c) => ({ title: c.name, ...(c.email ? { email: c.email } : {}), ...(c.url ? { path: c.url } : {}), role: c.role ?? 'author' }));
  return { title: DATASET_TITLE, version, date: releaseDate(sources), homepage: pkg.homepage ?? null, contributors };
}

/** "Authors (2026). Title (version 0.1.0, released 2026-12-02) [Data set]. URL" */
export function suggestedCitation(info: ReleaseInfo): string {
  const authors = info.contributors.filter((c) => c.role === 'author').map((c) => c.title);
  return `${authors.join(', ') || 'Anonymous'} (${info.date.slice(0, 4)}). ${info.title} (version ${info.version}, released ${info.date}) [Data set].${info.homepage ? ` ${info.homepage}` : ''}`;
}

/** YAML double-quoted scalar. */
const yaml = (text: string) => JSON.stringify(text);

/** CITATION.cff (Citation File Format 1.2.0) of a release; the project's own copy is the same file. */
export function citationCff(info: ReleaseInfo): string {
  const authors = info.contributors.filter((c) => c.role === 'author');
  return [
    'cff-version: 1.2.0',
    'message: "If you use this data set, please cite it as below, with the version you used."',
    'type: dataset',
    `title: ${yaml(info.title)}`,
    `version: ${yaml(info.version)}`,
    `date-released: ${yaml(info.date)}`,
    ...(info.homepage ? [`url: ${yaml(info.homepage)}`] : []),
    'license: CC-BY-4.0',
    'authors:',
    ...(authors.length ? authors : [{ title: 'Anonymous' } as Contributor]).flatMap((a) => [`  - name: ${yaml(a.title)}`, ...(a.email ? [`    email: ${yaml(a.email)}`] : []), ...(a.path ? [`    website: ${yaml(a.path)}`] : [])]),
    'abstract: >-',
    '  Facts about U.S. defense relations with Latin America and the Caribbean (visits by the',
    '  Secretary of Defense, arms purchases, military training and security assistance) read from',
    '  news articles and government releases, each row cited to the verbatim sentence that states it.',
    'keywords:',
    ...['defense', 'Latin America', 'Caribbean', 'arms trade', 'security assistance', 'open data'].map((k) => `  - ${yaml(k)}`),
    '',
  ].join('\n');
}

/** The licence of the data, LICENSE.md in every release; the project's LICENSE-DATA.md is the same file. */
export const DATA_LICENSE = `# Licence of the data

The data sets in this folder (every table as CSV, JSON and Excel, \`datapackage.json\`, the charts and
the data dictionary) are licensed under the Creative Commons Attribution 4.0 International licence
(CC BY 4.0): you may share and adapt them for any purpose, provided you give appropriate credit,
link to the licence and say whether you made changes. Summary:
https://creativecommons.org/licenses/by/4.0/ ; legal code:
https://creativecommons.org/licenses/by/4.0/legalcode

Credit: cite the data set as \`README.md\` ("How to cite") and \`CITATION.cff\` suggest.

The source documents are not covered by this licence: each keeps its own licence and copyright
(column \`license\` of \`sources\`). The \`quote\` columns hold short excerpts of them, cited for
research and reporting; the code that made the data is under the MIT licence (\`LICENSE\` in the
project).
`;
