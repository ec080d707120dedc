// index.html: the static data page: what the datasets are, downloads, the charts with embed code,
// the browsable fact tables and the source documents. Self-contained: inline style and script, no
// request beyond the dataset's own files, works from file://.
import { FACT_TABLES, TABLES, type Table } from '../types.js';
import { STYLE, SCRIPT, cspHash } from './assets.js';
import { COUNT_NAMES, SHORT_NAMES, factTableSection } from './browse.js';
import { NARROW_BELOW } from '../charts/frame.js';
import { NOT_COMPLETE, coverageText, publisherCount, tableCoverage } from './coverage.js';
import { embedCode, embeddable, pagePicture } from './embed.js';
import { escapeHtml, groupDigits, link, scrollTable, visuallyHidden } from './html.js';
import type { ReportInput } from './input.js';
import { DATASET_TITLE, SCHEMAS } from './tables.js';

const CHARTS = [
  { slug: 'secdef-visits', table: 'secdef-visits', name: 'Secretary of Defense visits' },
  { slug: 'arms-purchases', table: 'arms-purchases', name: 'Arms purchases' },
  { slug: 'training-spending', table: 'training', name: 'Training and security-assistance spending' },
] as const;

export function buildIndexHtml(input: ReportInput): string {
  const href = hrefIn(input.outputHref);
  const has = new Set(input.outputFiles);
  const sourcesById = new Map(input.data.sources.map((s) => [s.id, s]));
  const body = [
    header(input),
    '<main id="main" tabindex="-1">\n<div class="wrap">',
    downloads(input, href, has),
    charts(input, href, has),
    ...FACT_TABLES.map((t) => factTableSection(t, input.data[t] as unknown as Record<string, unknown>[], sourcesById, SCHEMAS[t].description ?? '')),
    sources(input),
    '</div>\n</main>',
    footer(input, href, has),
  ];
  const csp = [
    "default-src 'none'",
    `img-src ${imageSources(input.outputHref)}`,
    `style-src ${cspHash(STYLE)}`,
    `script-src ${cspHash(SCRIPT)}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(`${DATASET_TITLE} (version ${input.version})`)}</title>
<meta name="description" content="${escapeHtml(`Open datasets, version ${input.version}: every fact cited to the sentence that states it. CSV, JSON, Frictionless Data Package and embeddable charts.`)}">
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the content</a>
${body.join('\n')}
<p id="copy-status" class="vh" role="status" aria-live="polite"></p>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/** Path of an output file as seen from the reports folder. */
function hrefIn(outputHref: string): (path: string) => string {
  const base = outputHref.replace(/\/+$/, '');
  return (path) => (base ? `${base}/${path}` : path);
}

/**
 * The charts load from the page's own origin, or from the output folder's when it is elsewhere on
 * the web; `file:` because browsers disagree on whether 'self' covers files beside a file:// page.
 */
function imageSources(outputHref: string): string {
  const origin = /^https?:\/\/[^/\s'";]+/i.exec(outputHref)?.[0];
  return ["'self'", 'file:', origin].filter(Boolean).join(' ');
}

function header(input: ReportInput): string {
  const facts = FACT_TABLES.reduce((n, t) => n + input.data[t].length, 0);
  return `<header>
<div class="wrap">
<p class="kicker">Open data · version ${escapeHtml(input.version)}</p>
<h1>${escapeHtml(DATASET_TITLE)}</h1>
<p>Facts about U.S. defense relations with Latin America and the Caribbean, read from ${escapeHtml(groupDigits(input.data.sources.length))} news articles and government releases: visits by U.S. Secretaries of Defense, arms purchases by the region's governments, and U.S. military training and security-assistance spending. ${escapeHtml(groupDigits(facts))} facts in three tables; every row quotes the sentence that states it and gives its position in the source text, so anyone can check it.</p>
${coverage(input)}
<nav aria-label="On this page">
<ul>
<li><a href="#downloads">Downloads</a></li>
<li><a href="#charts">Charts</a></li>
${FACT_TABLES.map((t) => `<li><a href="#${t}">${escapeHtml(SHORT_NAMES[t])}</a></li>`).join('\n')}
<li><a href="#sources">Sources</a></li>
</ul>
</nav>
</div>
</header>`;
}

/** What the data covers, per fact table: said before anything is counted. */
function coverage(input: ReportInput): string {
  const publishers = publisherCount(input.data);
  const items = FACT_TABLES.map((t) => `<li><a href="#${t}">${escapeHtml(SHORT_NAMES[t])}</a>: ${escapeHtml(coverageText(tableCoverage(input.data, t)))}</li>`);
  return `<div class="coverage">
<p><strong>What this covers.</strong> The tables are ${escapeHtml(NOT_COMPLETE)}: ${escapeHtml(groupDigits(input.data.sources.length))} documents from ${escapeHtml(groupDigits(publishers))} publishers. A visit, sale or program that none of them mentions is not here, so a count or a sum says what these documents state, never how many or how much there was.</p>
<ul>
${items.join('\n')}
</ul>
</div>`;
}

function fileLink(path: string, text: string, context: string, href: (p: string) => string, has: Set<string>): string {
  return has.has(path) ? `<a href="${escapeHtml(href(path))}">${escapeHtml(text)}${visuallyHidden(` ${context}`)}</a>` : `<span class="note">no ${escapeHtml(text)}</span>`;
}

function downloads(input: ReportInput, href: (p: string) => string, has: Set<string>): string {
  const rows = TABLES.map((t: Table) => {
    const files = [['csv', 'CSV'], ['json', 'JSON'], ['xlsx', 'Excel']].map(([ext, label]) => fileLink(`data/${t}.${ext}`, label!, `of ${t}`, href, has)).join(' · ');
    return `<tr><th scope="row"><code>${escapeHtml(t)}</code></th><td class="num">${escapeHtml(groupDigits(input.data[t].length))}</td><td class="nowrap">${files}</td><td class="wide">${escapeHtml(SCHEMAS[t].description ?? '')}</td></tr>`;
  });
  const extras = [
    has.has('datapackage.json') ? `<a href="${escapeHtml(href('datapackage.json'))}">datapackage.json</a> (Frictionless Data Package: every field, type, unit and key)` : '',
    has.has('README.md') ? `<a href="${escapeHtml(href('README.md'))}">data dictionary</a> (README.md: every column with its type, unit, allowed values and an example)` : '',
  ].filter(Boolean);
  return `<section id="downloads" aria-labelledby="downloads-h">
<h2 id="downloads-h">Downloads</h2>
<p>Each table comes as CSV (UTF-8, CRLF line ends, RFC 4180: for pandas, R and Frictionless tools), as JSON (an array of rows, numbers as numbers, missing values as <code>null</code>) and as an Excel workbook (opens with every accent and column right in any locale). Version ${escapeHtml(input.version)}.</p>
${extras.length ? `<ul>\n${extras.map((e) => `<li>${e}</li>`).join('\n')}\n</ul>` : ''}
${scrollTable('downloads', `Tables in version ${escapeHtml(input.version)}`, '<th scope="col">Table</th><th scope="col" class="num">Rows</th><th scope="col">Files</th><th scope="col">What one row is</th>', rows)}
</section>`;
}

function charts(input: ReportInput, href: (p: string) => string, has: Set<string>): string {
  // Embed code loads the charts from the base URL the release was published with, else from this page's place.
  const base = input.baseUrl;
  const embedHref = base ? (path: string) => new URL(path, base).href : href;
  const figures = CHARTS.map((chart) => {
    const e = embeddable(chart.slug, input.charts, has);
    if (!e) return `<div class="chart">\n<h3>${escapeHtml(chart.name)}</h3>\n<p>This chart is not in this release.</p>\n</div>`;
    const downloads = [e.wide, e.narrow, e.dark, e.narrowDark]
      .filter((v) => v !== null)
      .map((v) => `<a href="${escapeHtml(href(v.path))}">${escapeHtml(v.path.replace(/^charts\//, ''))}</a>`)
      .join(' · ');
    // The SVG shows its own title; the heading is there for navigation by heading.
    return `<div class="chart">
<h3 class="vh">${escapeHtml(e.title)}</h3>
<figure>
${pagePicture(e, href)}
<figcaption>SVG files: ${downloads} · data: <a href="#${chart.table}">${escapeHtml(SHORT_NAMES[chart.table])}</a> (${escapeHtml(coverageText(tableCoverage(input.data, chart.table)))})</figcaption>
</figure>
${snippet(`${chart.slug}-light`, 'Embed code', embedCode(e, embedHref, 'light'), chart.name)}
${e.dark ? snippet(`${chart.slug}-dark`, 'Embed code for a dark page', embedCode(e, embedHref, 'dark'), chart.name) : ''}
</div>`;
  });
  const where = base
    ? `The code loads the files from <code>${escapeHtml(base)}</code>, so it works wherever you paste it.`
    : 'This release was published without a base URL, so the addresses in the code are relative to this page: change <code>src</code> and <code>srcset</code> to where you host the files (or publish with <code>--base-url</code>).';
  return `<section id="charts" aria-labelledby="charts-h">
<h2 id="charts-h">Charts</h2>
<p>Static, self-contained SVG files with a title, a description, what they cover and their sources. To embed one, paste the code below it into your page. ${where} On screens under ${NARROW_BELOW} px the code shows the narrow layout, whose text stays at 12 px or more; the charts stay light whatever the reader's system setting, unless you choose the code for a dark page.</p>
<div class="charts">
${figures.join('\n')}
</div>
</section>`;
}

function snippet(id: string, label: string, code: string, chart: string): string {
  return `<div class="snippet">
<p>${escapeHtml(label)}:</p>
<pre><code id="code-${id}">${escapeHtml(code)}</code></pre>
<button type="button" data-copy="code-${id}" hidden>Copy${visuallyHidden(` the code to ${label.toLowerCase()} of ${chart.toLowerCase()}`)}</button>
</div>`;
}

function sources(input: ReportInput): string {
  const facts = new Map(input.documents.map((d) => [d.id, d.facts]));
  const rows = input.data.sources.map((s) => {
    const f = facts.get(s.id);
    const counts = FACT_TABLES.map((t) => `<td class="num">${f ? escapeHtml(groupDigits(f[t])) : ''}</td>`).join('');
    return `<tr id="source-${escapeHtml(s.id)}"><th scope="row">${link(s.url, s.title)}<code class="id">${escapeHtml(s.id)}</code></th><td>${escapeHtml(s.publisher)}</td><td class="nowrap">${escapeHtml(s.published)}</td><td class="wide">${escapeHtml(s.license ?? '')}</td>${counts}</tr>`;
  });
  return `<section id="sources" aria-labelledby="sources-h">
<h2 id="sources-h">Source documents</h2>
<p>The documents the facts come from, with the number of rows of each table that cite them. The quotes in the tables are short excerpts; the source texts keep their own licence and copyright.</p>
${scrollTable(
  'sources',
  `Source documents (${escapeHtml(groupDigits(rows.length))}) and the rows citing each`,
  `<th scope="col">Document</th><th scope="col">Publisher</th><th scope="col">Published</th><th scope="col">Licence</th>${FACT_TABLES.map((t) => `<th scope="col" class="num">${escapeHtml(COUNT_NAMES[t])}</th>`).join('')}`,
  rows,
)}
</section>`;
}

function footer(input: ReportInput, href: (p: string) => string, has: Set<string>): string {
  const dictionary = has.has('README.md') ? ` The <a href="${escapeHtml(href('README.md'))}">data dictionary</a> describes every column.` : '';
  return `<footer>
<div class="wrap">
<h2 id="about-h">About the data</h2>
<p>Licence: the data is released under <a href="https://creativecommons.org/licenses/by/4.0/">Creative Commons Attribution 4.0 (CC BY 4.0)</a>; the source texts quoted keep their own licence.${dictionary}</p>
<p>Cite as: ${escapeHtml(DATASET_TITLE)}, version ${escapeHtml(input.version)}. Data set, CC BY 4.0.</p>
<p>Run reports: <a href="summary.md">run summary</a> (rows, problems, the editors' review, claims check) · <a href="changes.md">changes since the previous release</a>.</p>
</div>
</footer>`;
}
