// Claims a text makes about the record ("the first ... to visit Guatemala since 2005", "only the third
// to visit Mexico ever") checked against the visits table.
import type { Claim } from './extract/facts.js';
import type { ClaimCheck } from './report/input.js';
import type { VisitRow } from './types.js';

export function checkClaims(claims: Claim[], visits: VisitRow[], quoteOf: (c: Claim) => string): ClaimCheck[] {
  const seen = new Set<string>();
  const out: ClaimCheck[] = [];
  for (const claim of claims) {
    const key = `${claim.kind}|${claim.country_iso3}|${claim.since}|${claim.ordinal}|${claim.year}|${claim.mention.source_id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const here = visits.filter((v) => v.country_iso3 === claim.country_iso3 && v.year !== null).sort((a, b) => a.year! - b.year! || (a.id < b.id ? -1 : 1));
    const current = claim.year ?? Number.POSITIVE_INFINITY;
    const quote = quoteOf(claim);
    if (claim.kind === 'first-since' && claim.since !== null) {
      const since = claim.since;
      const between = here.filter((v) => v.year! > since && v.year! < current);
      const anchor = here.filter((v) => v.year === since);
      const ok = between.length === 0 && anchor.length > 0;
      out.push({
        claim,
        quote,
        verdict: ok ? 'consistent' : 'contradicted',
        rows: (ok ? anchor : between.length ? between : anchor).map((v) => v.id),
        explanation: ok
          ? `The table has a visit to ${claim.country} in ${since} and none between ${since} and ${claim.year}.`
          : between.length
            ? `The table has ${between.length} visit(s) to ${claim.country} between ${since} and ${claim.year}: ${between.map((v) => `${v.secretary ?? 'unnamed'} ${v.year}`).join(', ')}.`
            : `The table has no visit to ${claim.country} in ${since}.`,
      });
      continue;
    }
    const upTo = here.filter((v) => v.year! <= current);
    const expected = claim.ordinal ?? 1;
    const ok = upTo.length === expected;
    out.push({
      claim,
      quote,
      verdict: ok ? 'consistent' : 'contradicted',
      rows: upTo.map((v) => v.id),
      explanation: `The claim makes this visit number ${expected} to ${claim.country}; the table has ${upTo.length} visit(s) to ${claim.country} up to ${claim.year}${upTo.length ? `: ${upTo.map((v) => `${v.secretary ?? 'unnamed'} ${v.year}`).join(', ')}` : ''}.`,
    });
  }
  return out;
}
