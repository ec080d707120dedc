// The claims check counts only independent evidence: a visit row that the claim's own sentence (or
// the same claim repeated in another document) states neither confirms nor contradicts the claim.
import { describe, expect, it } from 'vitest';
import { checkClaims } from '../pipeline/claims.js';
import type { Claim } from '../pipeline/extract/facts.js';
import type { EvidenceRow, VisitRow } from '../pipeline/types.js';

// Texts as published; the flag before the claim puts astral characters (two UTF-16 units, one code
// point each) ahead of it, so the claim's UTF-16 offsets and the evidence's code points differ.
const TEXTS: Record<string, string> = {
  'afps-hagel-guatemala-2014':
    'Hagel Visits Guatemala 🇺🇸🇬🇹\nGUATEMALA CITY, April 25, 2014 - Defense Secretary Chuck Hagel visited Guatemala today. It was the first visit to Guatemala by a U.S. defense secretary since 2005, Kirby added. Rumsfeld met Berger here in 2005.',
  'blog-hagel-2014':
    'Hagel in Central America\nHagel is the first U.S. Secretary of Defense to visit Guatemala since 2005, and only the third to visit Mexico ever, preceded by William Perry in 1995 and Robert Gates in 2010.',
  'afps-rumsfeld-2005': 'Rumsfeld in Guatemala\nGUATEMALA CITY, March 24, 2005 - Defense Secretary Donald H. Rumsfeld met President Oscar Berger here today.',
  'afps-gates-mexico-2008': 'Gates in Mexico\nMEXICO CITY, April 30, 2008 - Defense Secretary Robert M. Gates visited here yesterday.',
  'dod-perry-mexico-1995': 'Perry in Mexico\nPrepared remarks by Secretary of Defense William J. Perry, Mexico City, October 23, 1995.',
};

const CLAIM_GTM = 'It was the first visit to Guatemala by a U.S. defense secretary since 2005, Kirby added.';
const CLAIM_BLOG = TEXTS['blog-hagel-2014']!.split('\n')[1]!;

/** A sentence's place in a text: UTF-16 offsets for a claim, code points for evidence. */
function place(source_id: string, sentence: string) {
  const text = TEXTS[source_id]!;
  const start = text.indexOf(sentence);
  expect(start, sentence).toBeGreaterThanOrEqual(0);
  const cp = (i: number) => [...text.slice(0, i)].length;
  return { source_id, start, end: start + sentence.length, char_start: cp(start), char_end: cp(start + sentence.length), quote: sentence };
}

function claim(kind: Claim['kind'], country: [string, string], source_id: string, sentence: string, extra: Partial<Claim>): Claim {
  const { start, end } = place(source_id, sentence);
  return { kind, country_iso3: country[0], country: country[1], since: null, ordinal: null, secretary: 'Chuck Hagel', year: 2014, mention: { source_id, start, end }, ...extra };
}

const GTM: [string, string] = ['GTM', 'Guatemala'];
const MEX: [string, string] = ['MEX', 'Mexico'];

function visit(id: string, country: [string, string], secretary: string, year: number, ...mentions: [string, string][]): { row: VisitRow; evidence: EvidenceRow[] } {
  const cites = mentions.map(([source_id, sentence]) => place(source_id, sentence));
  const first = cites[0]!;
  const row: VisitRow = { id, source_id: first.source_id, quote: first.quote, char_start: first.char_start, char_end: first.char_end, secretary, secretary_inferred: false, country_iso3: country[0], country: country[1], city: null, start_date: null, end_date: null, year, review: 'unreviewed' };
  const evidence = cites.map((c) => ({ record_id: id, table: 'secdef-visits' as const, source_id: c.source_id, char_start: c.char_start, char_end: c.char_end, quote: c.quote, rule: 'visits/travel' }));
  return { row, evidence };
}

function check(claims: Claim[], ...visits: { row: VisitRow; evidence: EvidenceRow[] }[]) {
  return checkClaims(claims, visits.map((v) => v.row), visits.flatMap((v) => v.evidence), (id) => TEXTS[id]!);
}

const since2005 = claim('first-since', GTM, 'afps-hagel-guatemala-2014', CLAIM_GTM, { since: 2005 });
const echo = claim('first-since', GTM, 'blog-hagel-2014', CLAIM_BLOG, { since: 2005 });
const third = claim('nth-ever', MEX, 'blog-hagel-2014', CLAIM_BLOG, { ordinal: 3 });
const hagelGtm = visit('visit-2014-gtm-hagel', GTM, 'Chuck Hagel', 2014, ['afps-hagel-guatemala-2014', 'GUATEMALA CITY, April 25, 2014 - Defense Secretary Chuck Hagel visited Guatemala today.']);

describe('checkClaims', () => {
  it('sets aside a visit that only the claim\'s own sentence states: no independent evidence', () => {
    const circular = visit('visit-2005-gtm-rumsfeld', GTM, 'Donald Rumsfeld', 2005, ['afps-hagel-guatemala-2014', CLAIM_GTM]);
    const [result] = check([since2005], circular, hagelGtm);
    expect(result!.verdict).toBe('unverified');
    expect(result!.rows).toEqual([]);
    expect(result!.set_aside).toEqual(['visit-2005-gtm-rumsfeld']);
    expect(result!.explanation).toBe("No sentence but the claim's own states a visit to Guatemala in 2005: no independent evidence either way (the rows it made are set aside).");
    expect(result!.quote).toBe(CLAIM_GTM);
  });

  it('treats the same claim in another document as an echo, not a witness', () => {
    const echoed = visit('visit-2005-gtm-rumsfeld', GTM, 'Donald Rumsfeld', 2005, ['afps-hagel-guatemala-2014', CLAIM_GTM], ['blog-hagel-2014', CLAIM_BLOG]);
    const results = check([since2005, echo, third], echoed, hagelGtm);
    expect(results.filter((r) => r.claim.country_iso3 === 'GTM').map((r) => r.verdict)).toEqual(['unverified', 'unverified']);
  });

  it('is consistent when another sentence states the earlier visit, and none falls in between', () => {
    const witnessed = visit('visit-2005-gtm-rumsfeld', GTM, 'Donald Rumsfeld', 2005, ['afps-hagel-guatemala-2014', CLAIM_GTM], ['afps-rumsfeld-2005', 'GUATEMALA CITY, March 24, 2005 - Defense Secretary Donald H. Rumsfeld met President Oscar Berger here today.']);
    const [result] = check([since2005], witnessed, hagelGtm);
    expect(result!.verdict).toBe('consistent');
    expect(result!.rows).toEqual(['visit-2005-gtm-rumsfeld']);
    expect(result!.set_aside).toEqual([]);
    expect(result!.explanation).toBe('Other sentences state a visit to Guatemala in 2005 (Donald Rumsfeld 2005) and none between 2005 and 2014.');
  });

  it('reads the claim\'s UTF-16 offsets as code points: the sentence right after it is another sentence', () => {
    const next = visit('visit-2005-gtm-rumsfeld', GTM, 'Donald Rumsfeld', 2005, ['afps-hagel-guatemala-2014', CLAIM_GTM], ['afps-hagel-guatemala-2014', 'Rumsfeld met Berger here in 2005.']);
    expect(check([since2005], next, hagelGtm)[0]!.verdict).toBe('consistent');
  });

  it('is contradicted by an independently stated visit in between, never by one the claim itself made', () => {
    const between = visit('visit-2008-gtm-gates', GTM, 'Robert Gates', 2008, ['afps-gates-mexico-2008', 'MEXICO CITY, April 30, 2008 - Defense Secretary Robert M. Gates visited here yesterday.']);
    const [result] = check([since2005], between, hagelGtm);
    expect(result!.verdict).toBe('contradicted');
    expect(result!.rows).toEqual(['visit-2008-gtm-gates']);
    const made = visit('visit-2008-gtm-gates', GTM, 'Robert Gates', 2008, ['afps-hagel-guatemala-2014', CLAIM_GTM]);
    expect(check([since2005], made, hagelGtm)[0]!.verdict).toBe('unverified');
  });

  it('counts earlier visits for "the third ever" only when other sentences state them', () => {
    const perry = (...more: [string, string][]) => visit('visit-1995-mex-perry', MEX, 'William J. Perry', 1995, ['blog-hagel-2014', CLAIM_BLOG], ...more);
    const gates2010 = visit('visit-2010-mex-gates', MEX, 'Robert Gates', 2010, ['blog-hagel-2014', CLAIM_BLOG]);
    const gates2008 = visit('visit-2008-mex-gates', MEX, 'Robert Gates', 2008, ['afps-gates-mexico-2008', 'MEXICO CITY, April 30, 2008 - Defense Secretary Robert M. Gates visited here yesterday.']);
    // The sentence names Perry and Gates 2010 itself; only Gates 2008 is stated elsewhere.
    const [alone] = check([third], perry(), gates2010, gates2008);
    expect(alone!.verdict).toBe('unverified');
    expect(alone!.rows).toEqual(['visit-2008-mex-gates']);
    expect(alone!.set_aside).toEqual(['visit-1995-mex-perry', 'visit-2010-mex-gates']);
    // Perry's 1995 visit stated in his own remarks too: two earlier visits, as the claim says.
    const [two] = check([third], perry(['dod-perry-mexico-1995', 'Prepared remarks by Secretary of Defense William J. Perry, Mexico City, October 23, 1995.']), gates2010, gates2008);
    expect(two!.verdict).toBe('consistent');
    expect(two!.explanation).toBe('The claim makes this visit number 3 to Mexico; other sentences state 2 visits before it: William J. Perry 1995, Robert Gates 2008.');
  });
});
