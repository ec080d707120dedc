// summary.md: what the run produced and everything a reviewer should look at: problems, what the
// editors' records did (the extractor's agreement with its editors) and the check of "first visit
// since ..." claims.
import type { Problem } from '../errors.js';
import { formatNumber } from '../lib/serialize.js';
import { compareCodePoints } from '../lib/text.js';
import { FACT_TABLES, REVIEWS, TABLES, type FactTable } from '../types.js';
import type { ClaimCheck, ReportInput } from './input.js';
import { mdCode, mdDocument, mdTable, mdText, mdValue, plural } from './markdown.js';

export function buildSummary(input: ReportInput): string {
  return mdDocument([
    '# Run summary',
    `Dataset version ${mdText(input.version)}, built from ${plural(input.documents.length, 'source document')}.`,
    rowsSection(input),
    documentsSection(input),
    problemsSection(input.problems),
    reviewSection(input),
    claimsSection(input.claims),
  ]);
}

function rowsSection({ data }: ReportInput): string {
  const rows = TABLES.map((t) => [mdCode(t), formatNumber(data[t].length)]);
  return `## Rows per table\n\n${mdTable(['Table', 'Rows'], rows, [1])}`;
}

function documentsSection({ documents }: ReportInput): string {
  if (documents.length === 0) return '## Facts per document\n\nNo documents went through.';
  const sorted = [...documents].sort((a, b) => compareCodePoints(a.id, b.id));
  const rows = sorted.map((d) => [mdCode(d.id), mdText(d.title), ...(['secdef-visits', 'arms-purchases', 'training'] as const).map((t) => formatNumber(d.facts[t]))]);
  return [
    '## Facts per document',
    'Rows citing each document (through the evidence table); a row stated by several documents counts for each.',
    mdTable(['Document', 'Title', 'Visits', 'Arms', 'Training'], rows, [2, 3, 4]),
  ].join('\n\n');
}

function where(p: Problem): string {
  if (p.field) return `field ${mdCode(p.field)}`;
  if (p.line) return `line ${formatNumber(p.line)}`;
  return '—';
}

function problemsSection(problems: Problem[]): string {
  if (problems.length === 0) return '## Problems\n\nNo problems: every document and every row went through.';
  const rows = problems.map((p) => [mdCode(p.file), where(p), mdCode(p.code), mdText(p.message)]);
  return [
    `## Problems (${formatNumber(problems.length)})`,
    'Rejected documents, ignored files and rejected rows. The rest of the run went through without them.',
    mdTable(['File', 'Field or line', 'Code', 'Reason'], rows),
  ].join('\n\n');
}

/** Per table: rows confirmed, amended and added by the records, rows they dropped, rows no record covers. */
function reviewSection({ data, review, documents }: ReportInput): string {
  const counts = (table: FactTable) => {
    const by = Object.fromEntries(REVIEWS.map((r) => [r, 0])) as Record<(typeof REVIEWS)[number], number>;
    for (const row of data[table]) by[row.review]++;
    const dropped = review.dropped.filter((d) => d.table === table).length;
    const found = by.confirmed + by.amended;
    const share = (n: number, d: number) => (d === 0 ? '—' : `${Math.round((100 * n) / d)}%`);
    return [mdCode(table), ...[by.confirmed, by.amended, by.added, dropped, by.unreviewed].map(formatNumber), share(found, found + dropped), share(found, found + by.added)];
  };
  const dropped = review.dropped.map((d) => [mdCode(d.table), mdCode(d.source_id), mdCode(d.rule), mdText(d.quote)]);
  const amended = review.amendments.map((a) => [mdCode(a.table), mdCode(a.source_id), mdCode(a.field), mdValue(a.from), mdValue(a.to), mdText(a.quote)]);
  return [
    '## Review: the extractor against its editors',
    `${plural(review.reviewed, 'document')} of ${plural(documents.length, 'document')} have an editors' record (\`gold/<id>.json\` in the source folder). A row the record states is published \`confirmed\` (the extractor found it as the record says), \`amended\` (the record corrects a field) or \`added\` (the extractor missed it); a row of the extractor's that the record lacks is dropped and listed below; documents without a record are published \`unreviewed\`. In reviewed documents, the extractor's agreement with its editors: of its rows, the share the records state (confirmed or amended, against dropped); of the records' rows, the share it found (confirmed or amended, against added). Rows are counted after merging, so a fact stated in several documents counts once.`,
    mdTable(['Table', 'Confirmed', 'Amended', 'Added', 'Dropped', 'Unreviewed', 'Extractor rows stated', 'Record rows found'], FACT_TABLES.map(counts), [1, 2, 3, 4, 5, 6, 7]),
    `### Dropped (${formatNumber(dropped.length)})`,
    dropped.length ? mdTable(['Table', 'Document', 'Rule', 'Sentence'], dropped) : 'None.',
    `### Amended fields (${formatNumber(amended.length)})`,
    amended.length ? mdTable(['Table', 'Document', 'Field', 'Extractor', 'Record', 'Sentence'], amended) : 'None.',
  ].join('\n\n');
}

/** "first visit to Guatemala since 2005", "visit number 3 to Mexico", "first visit ever to Honduras". */
function claimText({ claim }: ClaimCheck): string {
  const who = claim.secretary ? `${claim.secretary}: ` : '';
  const when = claim.year === null ? '' : ` (${formatNumber(claim.year)})`;
  if (claim.kind === 'first-since') return `${who}first visit to ${claim.country} since ${claim.since === null ? '?' : formatNumber(claim.since)}${when}`;
  if (claim.kind === 'nth-ever') return `${who}visit number ${claim.ordinal === null ? '?' : formatNumber(claim.ordinal)} to ${claim.country}${when}`;
  return `${who}first visit ever to ${claim.country}${when}`;
}

const VERDICTS: Record<ClaimCheck['verdict'], string> = {
  consistent: 'consistent',
  contradicted: '**contradicted**',
  unverified: 'no independent evidence',
};

function claimsSection(claims: ClaimCheck[]): string {
  if (claims.length === 0) return '## Claims check\n\nNo document claims a first visit, a first visit since a year, or an n-th visit.';
  const count = (v: ClaimCheck['verdict']) => claims.filter((c) => c.verdict === v).length;
  const rows = claims.map((c) => [
    mdCode(c.claim.mention.source_id),
    mdText(claimText(c)),
    mdText(c.quote),
    VERDICTS[c.verdict],
    c.rows.length ? c.rows.map(mdCode).join(', ') : '—',
    c.set_aside.length ? c.set_aside.map(mdCode).join(', ') : '—',
    mdText(c.explanation),
  ]);
  return [
    `## Claims check (${formatNumber(claims.length)}: ${formatNumber(count('contradicted'))} contradicted, ${formatNumber(count('unverified'))} without independent evidence)`,
    [
      'Sentences such as "the first secretary to visit Guatemala since 2005", checked against the visits table on independent evidence only.',
      'A claim\'s own sentence often states the visits it is checked against ("since 2005" makes a 2005 row), and the same claim in another document is an echo: a visit counts only when a sentence that makes no claim about that country states it.',
      'Rows that only claim sentences state are set aside: they neither confirm nor contradict. A visit the table lacks contradicts nothing either, since the table is not a complete record.',
    ].join(' '),
    mdTable(['Document', 'Claim', 'Sentence', 'Verdict', 'Evidence rows', 'Set aside', 'Explanation'], rows),
  ].join('\n\n');
}
