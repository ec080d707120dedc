// Claims a text makes about the record ("the first ... to visit Guatemala since 2005", "only the third
// to visit Mexico ever") checked against the visits table, on independent evidence only. The claim's
// own sentence often states the very visits it is checked against ("since 2005" makes the 2005 row,
// "preceded by William Perry in 1995" the 1995 one), and the same claim repeated in another document
// is an echo, not a witness: a visit counts only through a mention outside every sentence that makes
// a claim about that country. A visit known only from such sentences neither confirms nor
// contradicts; and since the table is not a complete record, a visit it lacks contradicts nothing.
import type { Claim } from './extract/facts.js';
import { codePointIndexer } from './lib/text.js';
import type { ClaimCheck } from './report/input.js';
import type { Citation, EvidenceRow, VisitRow } from './types.js';

interface Span {
  source_id: string;
  start: number;
  end: number;
}

const overlaps = (c: Citation, s: Span) => c.source_id === s.source_id && c.char_start < s.end && s.start < c.char_end;
const named = (rows: VisitRow[]) => rows.map((v) => `${v.secretary ?? 'unnamed'} ${v.year}`).join(', ');
const visitsText = (n: number) => (n === 1 ? '1 visit' : `${n} visits`);
const byYear = (a: VisitRow, b: VisitRow) => a.year! - b.year! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * `textOf` gives a document's text: a claim's mention is in UTF-16 offsets, the evidence in code
 * points. Visits without evidence rows count through their own citation.
 */
export function checkClaims(claims: Claim[], visits: VisitRow[], evidence: EvidenceRow[], textOf: (sourceId: string) => string): ClaimCheck[] {
  const indexers = new Map<string, (i: number) => number>();
  const spanOf = (c: Claim): Span => {
    const id = c.mention.source_id;
    const cp = indexers.get(id) ?? indexers.set(id, codePointIndexer(textOf(id))).get(id)!;
    return { source_id: id, start: cp(c.mention.start), end: cp(c.mention.end) };
  };
  const mentions = new Map<string, Citation[]>();
  for (const e of evidence) (mentions.get(e.record_id) ?? mentions.set(e.record_id, []).get(e.record_id)!).push(e);
  const claimSpans = new Map<string, Span[]>();
  for (const c of claims) (claimSpans.get(c.country_iso3) ?? claimSpans.set(c.country_iso3, []).get(c.country_iso3)!).push(spanOf(c));

  const seen = new Set<string>();
  const out: ClaimCheck[] = [];
  for (const claim of claims) {
    const key = `${claim.kind}|${claim.country_iso3}|${claim.since}|${claim.ordinal}|${claim.year}|${claim.mention.source_id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const spans = claimSpans.get(claim.country_iso3)!;
    const here = visits.filter((v) => v.country_iso3 === claim.country_iso3 && v.year !== null).sort(byYear);
    const independent = (v: VisitRow) => (mentions.get(v.id) ?? [v]).some((m) => !spans.some((s) => overlaps(m, s)));
    const quote = textOf(claim.mention.source_id).slice(claim.mention.start, claim.mention.end);
    out.push({ claim, quote, ...verdict(claim, here.filter(independent), here.filter((v) => !independent(v))) });
  }
  return out;
}

type Verdict = Pick<ClaimCheck, 'verdict' | 'rows' | 'set_aside' | 'explanation'>;

function verdict(claim: Claim, witnesses: VisitRow[], echoes: VisitRow[]): Verdict {
  const current = claim.year ?? Number.POSITIVE_INFINITY;
  if (claim.kind === 'first-since' && claim.since !== null) {
    const since = claim.since;
    const range = claim.year === null ? `since ${since}` : `between ${since} and ${claim.year}`;
    const between = witnesses.filter((v) => v.year! > since && v.year! < current);
    const anchor = witnesses.filter((v) => v.year === since);
    const aside = echoes.filter((v) => v.year! >= since && v.year! < current).map((v) => v.id);
    if (between.length) {
      return { verdict: 'contradicted', rows: between.map((v) => v.id), set_aside: aside, explanation: `Other sentences state ${visitsText(between.length)} to ${claim.country} ${range}: ${named(between)}.` };
    }
    if (anchor.length) {
      return { verdict: 'consistent', rows: anchor.map((v) => v.id), set_aside: aside, explanation: `Other sentences state a visit to ${claim.country} in ${since} (${named(anchor)}) and none ${range}.` };
    }
    return { verdict: 'unverified', rows: [], set_aside: aside, explanation: `No sentence but the claim's own states a visit to ${claim.country} in ${since}: no independent evidence either way${aside.length ? ' (the rows it made are set aside)' : ''}.` };
  }
  const allowed = (claim.ordinal ?? 1) - 1;
  const before = witnesses.filter((v) => v.year! < current);
  const aside = echoes.filter((v) => v.year! < current).map((v) => v.id);
  const claimed = `The claim makes this visit number ${allowed + 1} to ${claim.country}`;
  const stated = before.length ? `; other sentences state ${visitsText(before.length)} before it: ${named(before)}.` : '; no other sentence states an earlier visit.';
  if (before.length > allowed) return { verdict: 'contradicted', rows: before.map((v) => v.id), set_aside: aside, explanation: `${claimed}${stated}` };
  if (before.length === allowed) return { verdict: 'consistent', rows: before.map((v) => v.id), set_aside: aside, explanation: `${claimed}${stated}` };
  return { verdict: 'unverified', rows: before.map((v) => v.id), set_aside: aside, explanation: `${claimed}${stated} No independent evidence for the rest.` };
}
