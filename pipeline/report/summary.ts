// summary.md: what the run produced and everything a reviewer should look at: problems,
// corrections (applied and matching nothing) and the check of "first visit since ..." claims.
import type { Problem } from '../errors.js';
import { formatNumber } from '../lib/serialize.js';
import { compareCodePoints } from '../lib/text.js';
import type { CorrectionOutcome } from '../stages/review.js';
import { TABLES } from '../types.js';
import type { ClaimCheck, ReportInput } from './input.js';
import { mdCode, mdDocument, mdTable, mdText, mdValue, plural } from './markdown.js';

export function buildSummary(input: ReportInput): string {
  return mdDocument([
    '# Run summary',
    `Dataset version ${mdText(input.version)}, built from ${plural(input.documents.length, 'source document')}.`,
    rowsSection(input),
    documentsSection(input),
    problemsSection(input.problems),
    correctionsSection(input.corrections),
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

function action(o: CorrectionOutcome): string {
  const c = o.correction;
  if (c.action === 'reject') return 'reject';
  if (c.action === 'amend') return `amend ${mdCode(c.field)} to ${mdValue(c.value)}`;
  return `add from ${mdCode(c.row.source_id)}: ${mdValue(c.row.quote)}`;
}

function correctionRows(outcomes: CorrectionOutcome[]): string[][] {
  return outcomes.map((o) => [formatNumber(o.index + 1), mdCode(o.correction.table), o.id ? mdCode(o.id) : '—', action(o), mdText(o.correction.reason), mdText(o.message)]);
}

function correctionsSection(outcomes: CorrectionOutcome[]): string {
  if (outcomes.length === 0) return '## Corrections\n\nNo corrections.';
  const applied = outcomes.filter((o) => o.status === 'applied');
  const unmatched = outcomes.filter((o) => o.status === 'unmatched');
  const headers = ['Entry', 'Table', 'Row', 'Correction', 'Reason', 'Result'];
  return [
    `## Corrections (${formatNumber(applied.length)} applied, ${formatNumber(unmatched.length)} matching nothing)`,
    'Entry is the position of the correction in the corrections file, counting from 1.',
    `### Applied (${formatNumber(applied.length)})`,
    applied.length ? mdTable(headers, correctionRows(applied), [0]) : 'None.',
    `### Matching nothing (${formatNumber(unmatched.length)})`,
    unmatched.length
      ? `These corrections changed nothing: the row, field or quote they name is not in this run. Fix or remove them.\n\n${mdTable(headers, correctionRows(unmatched), [0])}`
      : 'None: every correction found its row.',
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

function claimsSection(claims: ClaimCheck[]): string {
  if (claims.length === 0) return '## Claims check\n\nNo document claims a first visit, a first visit since a year, or an n-th visit.';
  const contradicted = claims.filter((c) => c.verdict === 'contradicted').length;
  const rows = claims.map((c) => [
    mdCode(c.claim.mention.source_id),
    mdText(claimText(c)),
    mdText(c.quote),
    c.verdict === 'contradicted' ? '**contradicted**' : 'consistent',
    c.rows.length ? c.rows.map(mdCode).join(', ') : '—',
    mdText(c.explanation),
  ]);
  return [
    `## Claims check (${formatNumber(claims.length)}, ${formatNumber(contradicted)} contradicted)`,
    'Sentences such as "the first secretary to visit Guatemala since 2005", checked against the visits table.',
    mdTable(['Document', 'Claim', 'Sentence', 'Verdict', 'Rows', 'Explanation'], rows),
  ].join('\n\n');
}
