// A small dataset and report input for the report tests: realistic rows from the seed documents,
// plus hostile text in every place data text reaches a page (markup, attribute breakouts,
// javascript: URLs, formula starts, pipes and backticks for the Markdown files).
import type { Problem } from '../../pipeline/errors.js';
import type { ClaimCheck, ReportInput } from '../../pipeline/report/input.js';
import type { ArmsRow, Dataset, EvidenceRow, SourceRow, TrainingRow, VisitRow } from '../../pipeline/types.js';

export const HOSTILE = {
  script: '<script>window.__pwned = "script"</script>',
  attribute: '"><img src=x onerror="window.__pwned=\'img\'">',
  iframe: '<iframe src="https://evil.example/"></iframe>',
  formula: '=HYPERLINK("https://evil.example/","click")',
  markdown: '| pipe | `tick` **bold** [link](https://evil.example/) <b>tag</b>',
};

const HAGEL = '000_4fc6a45fc6b0fc80';
const EVIL = 'evil.doc-1';

export const sources: SourceRow[] = [
  {
    id: HAGEL,
    title: "U.S. Defense Secretary Hagel's trip to Mexico and Guatemala",
    publisher: 'Security Assistance Monitor (Center for International Policy), blog',
    url: 'http://archive.securityassistance.org/blog/us-defense-secretary-hagels-trip-mexico-and-guatemala',
    published: '2014-04-28/2014-05-02',
    accessed: null,
    language: 'en',
    license: 'Copyright of the publisher; quoted for research and reporting',
    excerpt: false,
    sha256: 'a'.repeat(64),
    characters: 4821,
  },
  {
    id: EVIL,
    title: `Arms deals ${HOSTILE.script} & "friends"`,
    publisher: HOSTILE.attribute,
    url: 'javascript:window.__pwned=1',
    published: '2017-02-16',
    accessed: null,
    language: null,
    license: null,
    excerpt: null,
    sha256: 'b'.repeat(64),
    characters: 1200,
  },
];

const visit = (v: Partial<VisitRow> & Pick<VisitRow, 'id' | 'quote'>): VisitRow => ({
  source_id: HAGEL,
  char_start: 100,
  char_end: 100 + v.quote.length,
  secretary: 'Chuck Hagel',
  secretary_inferred: false,
  country_iso3: 'MEX',
  country: 'Mexico',
  city: null,
  start_date: null,
  end_date: null,
  year: 2014,
  review: 'unreviewed',
  ...v,
});

export const visits: VisitRow[] = [
  visit({ id: 'visit-chuck-hagel-gtm-2014', country_iso3: 'GTM', country: 'Guatemala', city: 'Guatemala City', start_date: '2014-04-25', end_date: '2014-04-26', quote: 'Hagel then traveled to Guatemala City, where he met President Pérez Molina.' }),
  visit({ id: 'visit-chuck-hagel-mex-2014', city: 'Mexico City', start_date: '2014-04-24', end_date: '2014-04-24', quote: 'On Thursday Hagel met with Mexico\'s and Canada\'s defense secretaries.' }),
  visit({ id: 'visit-unnamed-hnd-2017', source_id: EVIL, secretary: null, country_iso3: 'HND', country: 'Honduras', city: HOSTILE.attribute, year: 2017, quote: `The secretary stopped in Tegucigalpa ${HOSTILE.script}.` }),
  visit({ id: 'visit-william-perry-gtm-1995', secretary: 'William Perry', secretary_inferred: true, country_iso3: 'GTM', country: 'Guatemala', year: 1995, start_date: '1995', end_date: '1995', quote: 'He was preceded by William Perry in 1995.' }),
];

const arms = (a: Partial<ArmsRow> & Pick<ArmsRow, 'id' | 'item' | 'quote'>): ArmsRow => ({
  source_id: HAGEL,
  char_start: 900,
  char_end: 900 + a.quote.length,
  buyer_iso3: 'MEX',
  buyer: 'Mexico',
  seller_iso3: 'USA',
  seller: 'United States',
  designation: null,
  category: null,
  quantity: null,
  value_usd: null,
  value_qualifier: null,
  year: 2014,
  status: 'approved',
  deal_id: 'deal-mex-uh-60m',
  part_of: null,
  review: 'confirmed',
  ...a,
});

const DEAL = 'The State Department cleared the way for a proposed deal worth more than $1.15 billion, including ammunition, Humvees and 21 Black Hawk helicopters.';

export const armsRows: ArmsRow[] = [
  arms({ id: 'arms-mex-2014-deal', item: 'Humvees, ammunition and helicopters', value_usd: 1150000000, value_qualifier: 'at_least', quote: DEAL }),
  arms({ id: 'arms-mex-2014-uh-60m', item: 'Black Hawk helicopters', designation: 'UH-60M Black Hawk', category: 'helicopter', quantity: 21, part_of: 'arms-mex-2014-deal', quote: DEAL }),
  arms({ id: 'arms-hnd-2017-evil', source_id: EVIL, buyer_iso3: 'HND', buyer: 'Honduras', seller_iso3: null, seller: null, item: HOSTILE.formula, designation: `</td></tr></table>${HOSTILE.script}`, quantity: 3, year: 2017, status: 'purchased', quote: `Honduras bought ${HOSTILE.iframe} three patrol boats.` }),
];

export const trainingRows: TrainingRow[] = [
  {
    id: 'training-col-imet-2010-2015',
    source_id: HAGEL,
    quote: 'Colombia received $48.2 million in IMET training from 2010 to 2015.',
    char_start: 2000,
    char_end: 2068,
    provider_iso3: 'USA',
    recipient_iso3: 'COL',
    recipient: 'Colombia',
    program: 'IMET',
    category: 'training',
    amount_usd: 48200000,
    amount_qualifier: 'exact',
    amount_basis: 'actual',
    start_year: 2010,
    end_year: 2015,
    years_stated: true,
    trainees: 12345,
    courses: null,
    location: null,
    description: 'IMET training funds',
    cumulative: false,
    total: false,
    part_of: null,
    review: 'added',
  },
  {
    id: 'training-hnd-2017-evil',
    source_id: EVIL,
    quote: `Training for Honduran forces ${HOSTILE.attribute}`,
    char_start: 10,
    char_end: 60,
    provider_iso3: 'USA',
    recipient_iso3: 'HND',
    recipient: 'Honduras',
    program: null,
    category: 'assistance',
    amount_usd: 1500000.5,
    amount_qualifier: 'approximate',
    amount_basis: 'planned',
    start_year: 2017,
    end_year: 2017,
    years_stated: true,
    trainees: null,
    courses: 4,
    location: HOSTILE.iframe,
    description: `-${HOSTILE.markdown}`,
    cumulative: false,
    total: false,
    part_of: null,
    review: 'unreviewed',
  },
];

function evidenceOf(table: EvidenceRow['table'], rows: (VisitRow | ArmsRow | TrainingRow)[]): EvidenceRow[] {
  return rows.map((r) => ({ record_id: r.id, table, source_id: r.source_id, quote: r.quote, char_start: r.char_start, char_end: r.char_end, rule: 'test/fixture' }));
}

export function dataset(): Dataset {
  return structuredClone({
    'secdef-visits': visits,
    'arms-purchases': armsRows,
    training: trainingRows,
    sources,
    evidence: [...evidenceOf('secdef-visits', visits), ...evidenceOf('arms-purchases', armsRows), ...evidenceOf('training', trainingRows)].sort((a, b) =>
      a.record_id < b.record_id ? -1 : a.record_id > b.record_id ? 1 : 0,
    ),
  });
}

/** The dataset a release ago: one visit fewer, a value since corrected, a training row since removed. */
export function previousDataset(): Dataset {
  const data = dataset();
  data['secdef-visits'] = data['secdef-visits'].filter((r) => r.id !== 'visit-william-perry-gtm-1995');
  const deal = data['arms-purchases'].find((r) => r.id === 'arms-mex-2014-deal')!;
  deal.value_usd = 1000000000;
  deal.value_qualifier = 'approximate';
  data.training.push({ ...data.training[0]!, id: 'training-col-fmf-2014', program: 'FMF', category: 'assistance' });
  data.evidence = data.evidence.filter((e) => e.record_id !== 'visit-william-perry-gtm-1995');
  return data;
}

export const problems: Problem[] = [
  { code: 'invalid-meta', file: 'sources/broken.meta.json', field: 'published', message: 'is not in the expected form ("2014-13")' },
  { code: 'bad-encoding', file: 'sources/latin1.txt', line: 7, message: 'is not valid UTF-8' },
  { code: 'invalid-row', file: 'output/data/arms-purchases.csv', field: 'value_usd', message: `must be >= 0 ${HOSTILE.markdown} ${HOSTILE.script}` },
];

export const review: ReportInput['review'] = {
  reviewed: 2,
  dropped: [{ table: 'secdef-visits', source_id: HAGEL, quote: 'President Trump visited Mexico.', rule: 'visits/travel' }],
  amendments: [
    { table: 'arms-purchases', source_id: HAGEL, quote: 'It bought more than $1.15 billion worth.', field: 'value_qualifier', from: 'approximate', to: 'at_least' },
    { table: 'training', source_id: EVIL, quote: `Typo ${HOSTILE.markdown}`, field: 'amount_usd', from: 50, to: 5 },
  ],
};

export const claims: ClaimCheck[] = [
  {
    claim: { kind: 'first-since', country_iso3: 'GTM', country: 'Guatemala', since: 1995, ordinal: null, secretary: 'Chuck Hagel', year: 2014, mention: { source_id: HAGEL, start: 300, end: 380 } },
    quote: 'Hagel is the first Secretary of Defense to visit Guatemala since William Perry in 1995.',
    verdict: 'consistent',
    rows: ['visit-william-perry-gtm-1995'],
    set_aside: [],
    explanation: 'Other sentences state a visit to Guatemala in 1995 (William Perry 1995) and none between 1995 and 2014.',
  },
  {
    claim: { kind: 'first-ever', country_iso3: 'HND', country: 'Honduras', since: null, ordinal: null, secretary: null, year: 2017, mention: { source_id: EVIL, start: 0, end: 40 } },
    quote: `The first visit ever ${HOSTILE.attribute}`,
    verdict: 'contradicted',
    rows: ['visit-unnamed-hnd-2017'],
    set_aside: [],
    explanation: 'An earlier visit to Honduras is in the table.',
  },
  {
    claim: { kind: 'first-since', country_iso3: 'MEX', country: 'Mexico', since: 2005, ordinal: null, secretary: 'Chuck Hagel', year: 2014, mention: { source_id: HAGEL, start: 400, end: 470 } },
    quote: 'Hagel is the first Secretary of Defense to visit Mexico since 2005.',
    verdict: 'unverified',
    rows: [],
    set_aside: ['visit-2005-mex-rumsfeld'],
    explanation: "No sentence but the claim's own states a visit to Mexico in 2005: no independent evidence either way (the rows it made are set aside).",
  },
];

/** A chart as the chart stage draws it: self-contained SVG with title, desc and a source line. */
export function chartSvg(title: string, desc: string, id: string, width = 720, height = 360): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const dark = id.endsWith('-dark');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc">
<title id="${id}-title">${esc(title)}</title>
<desc id="${id}-desc">${esc(desc)}</desc>
<rect width="${width}" height="${height}" fill="${dark ? '#18191b' : '#ffffff'}"/>
<rect x="20" y="60" width="${width / 2}" height="40" fill="#1f5fa8"/>
<rect x="20" y="120" width="${width / 3}" height="40" fill="#1f5fa8"/>
<text x="20" y="40" font-family="sans-serif" font-size="18" fill="${dark ? '#ececec' : '#1b1b1b'}">${esc(title)}</text>
<text x="20" y="340" font-family="sans-serif" font-size="13" fill="${dark ? '#aeb2b8' : '#4f4f4f'}">Source: fixture data</text>
</svg>
`;
}

const CHART_TEXTS = [
  ['arms-purchases', 'arms', 'Arms purchases by buyer, in U.S. dollars', `Bars of arms-purchase value per buyer; Mexico leads with more than $1.15 billion. ${HOSTILE.attribute}`],
  ['training-spending', 'training', 'Training and security-assistance spending', 'Bars of training spending per recipient: Colombia $48.2 million (2010–2015).'],
  ['secdef-visits', 'visits', 'Secretary of Defense visits per country', 'Dots for each visit by year: Guatemala in 1995 and 2014, Mexico in 2014, Honduras in 2017.'],
] as const;

/** Each chart in its four files: wide and narrow, light and dark. */
export function charts(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [slug, prefix, title, desc] of CHART_TEXTS) {
    for (const [suffix, width, height] of [['', 720, 360], ['-narrow', 300, 480], ['-dark', 720, 360], ['-narrow-dark', 300, 480]] as const) {
      out.set(`charts/${slug}${suffix}.svg`, chartSvg(title, desc, `${prefix}${suffix}`, width, height));
    }
  }
  return out;
}

const OUTPUT_FILES = ['README.md', 'datapackage.json', ...['secdef-visits', 'arms-purchases', 'training', 'sources', 'evidence'].flatMap((t) => [`data/${t}.csv`, `data/${t}.json`])];

export function reportInput(overrides: Partial<ReportInput> = {}): ReportInput {
  const data = overrides.data ?? dataset();
  const chartMap = overrides.charts ?? charts();
  return {
    data,
    documents: data.sources.map((s) => {
      const facts = { 'secdef-visits': 0, 'arms-purchases': 0, training: 0 };
      for (const e of data.evidence) if (e.source_id === s.id) facts[e.table]++;
      return { id: s.id, title: s.title, publisher: s.publisher, url: s.url, facts };
    }),
    problems,
    review,
    claims,
    charts: chartMap,
    outputFiles: [...OUTPUT_FILES, ...chartMap.keys()].sort(),
    previous: previousDataset(),
    version: '0.1.0',
    outputHref: '../output',
    baseUrl: null,
    ...overrides,
  };
}
