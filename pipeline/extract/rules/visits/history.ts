// Past visits mentioned in passing, by the shape of the claim around a place: "the first defense
// secretary to visit Guatemala since 2005" (a 2005 visit, by whoever was in office), "in 12 years"
// (so many years before), "since William Cohen toured ... in early 1999", "preceded by William Perry
// in 1995", "the last defense secretary to come here was Dick Cheney, in 1990". Each also feeds the
// claims check ("first visit since ...").
import type { Annotated } from '../../annotate/sentence.js';
import { wordsToNumber } from '../../../lib/amounts.js';
import type { Rule } from '../rule.js';
import { clauseAt, type PlaceRef, type VisitEnv, type VisitMention } from './env.js';
import { locate } from './locate.js';

/** The tokens after a place that belong to it: up to the next place of its clause. */
function tailOf(env: VisitEnv, place: PlaceRef): { t0: number; t1: number } {
  const clause = clauseAt(env.clauses, place.t0);
  const next = env.places.find((p) => p.t0 >= place.t1 && p.t0 < clause.t1 && !p.referred);
  return { t0: place.t1, t1: next?.t0 ?? Math.min(clause.t1, 1e9) };
}

/** The tokens before a place in its clause, from the previous place on. */
function leadOf(env: VisitEnv, place: PlaceRef): number {
  const clause = clauseAt(env.clauses, place.t0);
  const previous = env.places.filter((p) => p.t1 <= place.t0 && p.t0 >= clause.t0 && !p.referred).at(-1);
  return previous?.t1 ?? clause.t0;
}

/** "first" before the place in its clause, or right after it ("... Guatemala for the first time since"), or "No defense secretary has been to". */
function isFirst(a: Annotated, env: VisitEnv, place: PlaceRef, tail: { t0: number; t1: number }): boolean {
  const lead = leadOf(env, place);
  const words = (t0: number, t1: number) => a.tokens.slice(t0, t1).map((t) => t.norm);
  // The claim is about a secretary: a title or name in the clause, not another official's ("the first by a SOUTHCOM commander").
  const clause = clauseAt(env.clauses, place.t0);
  const about = env.refs.some((r) => r.t0 >= clause.t0 && r.t1 <= Math.min(tail.t1, tail.t0 + 8) && (r.secretary || r.kind === 'title'));
  const other = env.others.some((o) => o.t0 > place.t1 && o.t1 <= Math.min(tail.t1, tail.t0 + 8) && o.person);
  if (!about || other) return false;
  if (words(lead, place.t0).includes('first') || words(tail.t0, Math.min(tail.t1, tail.t0 + 8)).includes('first')) return true;
  // "No U.S. defense secretary has been to Uruguay since 2012".
  return a.cue('secretary-title').some((c) => c.t0 >= lead && c.t1 <= place.t0 && words(Math.max(lead, c.t0 - 3), c.t0).includes('no'));
}

function sinceYear(a: Annotated, tail: { t0: number; t1: number }): { at: number; year: number } | null {
  for (let t = tail.t0; t < tail.t1 && t < tail.t0 + 12; t++) {
    if (a.tokens[t]!.norm !== 'since') continue;
    const y = a.years.find((x) => x.t0 === t + 1 || (x.t0 === t + 2 && ['fy', 'fiscal'].includes(a.tokens[t + 1]!.norm)));
    return y ? { at: t, year: y.year } : null;
  }
  return null;
}

/** "in 12 years", "in three years": the number of years a claim of a first looks back. */
function inYears(a: Annotated, tail: { t0: number; t1: number }): number | null {
  for (let t = tail.t0; t < tail.t1 - 2; t++) {
    if (a.tokens[t]!.norm !== 'in' || !/^years?$/.test(a.tokens[t + 2]!.norm)) continue;
    const n = a.tokens[t + 1]!.kind === 'number' ? Number(a.tokens[t + 1]!.text) : wordsToNumber(a.tokens[t + 1]!.norm);
    if (n > 0 && n < 60) return n;
  }
  return null;
}

export const firstSince: Rule<VisitEnv, VisitMention> = {
  id: 'visits/first-since',
  table: 'secdef-visits',
  priority: 20,
  description: 'The first secretary to visit a place since a year (or in N years): a visit that year, by whoever was in office.',
  examples: [
    {
      text: 'Hagel in Guatemala\n\nHagel is the first U.S. Secretary of Defense to visit Guatemala since 2005.',
      published: '2014-04-25',
      expect: [{ country_iso3: 'GTM', year: 2005, secretary: 'Donald Rumsfeld', secretary_inferred: true }],
    },
    {
      text: 'Gates in Mexico\n\nDefense Secretary Robert Gates became the first defense secretary to visit Mexico in 12 years.',
      published: '2008-04-20',
      expect: [{ country_iso3: 'MEX', year: 1996, secretary: 'William Perry', secretary_inferred: true }],
    },
  ],
  counterExamples: [{ text: 'Hagel in Guatemala\n\nHagel visited Guatemala, a partner since 2005.' }],
  find(a: Annotated, env: VisitEnv): VisitMention[] {
    const out: VisitMention[] = [];
    for (const place of env.places) {
      if (place.referred && a.tokens[place.t0]!.norm !== 'here') continue;
      const tail = tailOf(env, place);
      if (!isFirst(a, env, place, tail)) continue;
      const since = sinceYear(a, tail);
      const back = since ? null : inYears(a, tail);
      const agent = locate(a, env, place)?.agent ?? env.refs.find((r) => r.t1 <= place.t0 && r.secretary) ?? null;
      const year = since?.year ?? (back !== null ? env.ctx.published.year - back : null);
      if (year === null) continue;
      out.push({ rule: this.id, place, secretary: null, agent: 'past', when: { year }, historical: true, claim: { kind: 'first-since', country: place.country, since: year, ordinal: null, secretary: agent?.secretary ?? null } });
    }
    return out;
  },
};

export const namedPast: Rule<VisitEnv, VisitMention> = {
  id: 'visits/named-past',
  table: 'secdef-visits',
  priority: 21,
  description: 'A secretary named after a place with a year of their own: "preceded by William Perry in 1995", "since William Cohen toured ... in early 1999", "the last ... was Dick Cheney, in 1990".',
  examples: [
    {
      text: 'Hagel in Mexico\n\nHagel is only the third to visit Mexico ever, preceded by William Perry in 1995 and Robert Gates in 2010.',
      published: '2014-04-25',
      expect: [
        { country_iso3: 'MEX', year: 1995, secretary: 'William Perry', secretary_inferred: false },
        { country_iso3: 'MEX', year: 2010, secretary: 'Robert Gates', secretary_inferred: false },
      ],
    },
    {
      text: 'Visit\n\nThe last defense secretary to visit Uruguay was Dick Cheney, in 1990.',
      published: '2012-10-05',
      expect: [{ country_iso3: 'URY', year: 1990, secretary: 'Dick Cheney' }],
    },
  ],
  counterExamples: [{ text: 'Mexico\n\nThe forum in Mexico heard from William Perry, a former secretary.' }],
  find(a: Annotated, env: VisitEnv): VisitMention[] {
    const out: VisitMention[] = [];
    for (const place of env.places) {
      const tail = tailOf(env, place);
      for (const r of env.refs) {
        if (r.kind !== 'name' || !r.secretary || r.t0 < tail.t0 || r.t0 >= Math.min(tail.t1, tail.t0 + 16)) continue;
        // The year right after the name ("Perry in 1995", "Cheney, in 1990"), or after its verb ("since Cohen toured the relief effort in early 1999").
        const sinceBefore = a.tokens[r.t0 - 1]?.norm === 'since';
        const reach = sinceBefore ? 12 : 3;
        const y = a.years.find((x) => x.t0 >= r.t1 && x.t0 <= r.t1 + reach && (x.cue === 'in' || x.cue === 'during' || x.cue === ''));
        const last = a.tokens.slice(leadOf(env, place), place.t0).some((t) => t.norm === 'last');
        const lastWas = last && a.tokens.slice(tail.t0, r.t0).some((t) => t.norm === 'was');
        // "The last time a U.S. defense secretary came to Buenos Aires, in August 2018, Jim Mattis left ...": the date between.
        const aside = last ? a.dates.find((d) => !d.relative && d.t0 >= place.t1 && d.t1 <= r.t0)?.date : undefined;
        const when = aside ?? (y && (sinceBefore || lastWas || /^(?:,\s*)?(?:in|during)$/.test(a.slice(r.t1, y.t0))) ? { year: y.year } : null);
        if (!when || !env.ctx.ref.inOffice(r.secretary, when.year)) continue;
        out.push({ rule: this.id, place, secretary: r.secretary, agent: 'past', when, historical: true });
      }
    }
    return out;
  },
};

const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10 };

export const everClaim: Rule<VisitEnv, VisitMention> = {
  id: 'visits/ever-claim',
  table: 'secdef-visits',
  priority: 22,
  description: 'A claim that a visit is the first, or the n-th, ever to a place, checked against the visits table: no past visit of its own; a visit only for the one named first "to do so".',
  examples: [
    // Claims (pipeline/claims.ts checks them against the visits table), not rows: another rule has the visit.
    {
      text: 'Mexico visit\n\nDefense Secretary Chuck Hagel is only the third defense secretary to visit Mexico ever.',
      published: '2014-04-25',
      expectClaims: [{ kind: 'nth-ever', country_iso3: 'MEX', ordinal: 3, since: null, year: 2014 }],
    },
    {
      text: 'Remarks by Secretary of Defense Ash Carter\n\nSECRETARY CARTER: I am proud to be in Guyana today, the first secretary of defense to do so.',
      published: '2016-05-01',
      expectClaims: [{ kind: 'first-ever', country_iso3: 'GUY', ordinal: 1, secretary: 'Ash Carter' }],
    },
  ],
  counterExamples: [
    // A claim about the past is no visit of its own: no row for the visits it counts.
    { text: 'Hagel in Mexico\n\nHagel is only the third to visit Mexico ever.' },
  ],
  find(a: Annotated, env: VisitEnv): VisitMention[] {
    const out: VisitMention[] = [];
    for (const place of env.places) {
      const tail = tailOf(env, place);
      const after = a.tokens.slice(tail.t0, Math.min(tail.t1, tail.t0 + 30));
      // "the third to visit Mexico ever", and "I am proud to be the first ... to do so".
      const doSo = after.findIndex((t, i) => t.norm === 'do' && after[i + 1]?.norm === 'so');
      const ever = after.slice(0, 6).some((t) => t.norm === 'ever') || doSo >= 0;
      if (!ever || sinceYear(a, tail)) continue;
      const lead = a.tokens.slice(leadOf(env, place), place.t0);
      const ordinal = [...lead, ...(doSo >= 0 ? after.slice(0, doSo) : [])].map((t) => ORDINALS[t.norm]).find((n) => n !== undefined);
      if (ordinal === undefined) continue;
      const agent = (doSo >= 0 ? env.refs.find((r) => r.t0 >= tail.t0 && r.secretary) : undefined) ?? locate(a, env, place)?.agent ?? env.refs.find((r) => r.t1 <= place.t0 && r.secretary) ?? null;
      const claim = { kind: ordinal === 1 ? ('first-ever' as const) : ('nth-ever' as const), country: place.country, since: null, ordinal, secretary: agent?.secretary ?? null };
      // "to do so": the one who is first does it now.
      if (doSo >= 0 && agent?.secretary) out.push({ rule: this.id, place, secretary: agent.secretary, agent: agent.kind, when: null, historical: false, claim });
      else out.push({ rule: this.id, place, secretary: null, agent: 'past', when: null, historical: true, claimOnly: true, claim });
    }
    return out;
  },
};
