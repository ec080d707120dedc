// Training and security-assistance figures in prose: one figure per clause (money, people trained,
// courses) for one recipient; several countries each with their own figure; several amounts each
// with their own year ("requested $25 million for FY2016, compared with $27 million in FY2015").
import type { Amount } from '../../../lib/amounts.js';
import type { Country } from '../../../lib/reference.js';
import type { Annotated, Spanned } from '../../annotate/sentence.js';
import { periodOf } from '../../time.js';
import type { Rule } from '../rule.js';
import type { TrainingEnv, TrainingMention } from './env.js';
import { amountsIn, basisOf, countriesIn, coursesIn, locationOf, peopleIn, recipientOf, scopeOf, type Scope } from './figures.js';

function time(env: TrainingEnv) {
  return { publishedYear: env.ctx.published.year, previousYears: env.previousYears };
}

function base(a: Annotated, scope: Scope, rule: string, at: number): Omit<TrainingMention, 'amount' | 'trainees' | 'courses' | 'recipient' | 'basis' | 'period'> {
  return { rule, at, program: scope.program, category: scope.training ? 'training' : 'assistance', location: locationOf(a) };
}

/**
 * The period of a figure in clause `ci`; a list after a colon with no time of its own ("in 1998:
 * $6.875 million of ..., $3 million in ...") has the time of the clause that introduces it.
 */
export function periodOfClause(a: Annotated, env: TrainingEnv, ci: number, at: number) {
  const clause = env.clauses[ci] ?? { t0: 0, t1: a.tokens.length };
  const own = periodOf(a, at, clause.t0, clause.t1, time(env));
  if (own.from === 'text') return own;
  const head = env.clauses[ci - 1];
  if (head && a.tokens[clause.t0 - 1]?.text === ':') {
    const inherited = periodOf(a, head.t1, head.t0, head.t1, time(env));
    if (inherited.from === 'text') return inherited;
  }
  // "For FY2004, the Administration has requested ..., and estimates it will spend $45 million": a fronted time holds for the sentence.
  const comma = a.tokens.findIndex((t) => t.text === ',');
  if (ci > 0 && comma > 0 && comma <= 8 && FRONTED.includes(a.tokens[0]!.norm)) {
    const fronted = periodOf(a, comma, 0, comma, time(env));
    if (fronted.from === 'text') return fronted;
  }
  // "Additionally, the Coast Guard also received $60,000": the time of the figure it continues.
  const previous = env.previous;
  if (previous && previous.end_year !== null && a.cue('continuation').some((c) => c.t0 >= clause.t0 && c.t1 <= clause.t1)) {
    return { ...own, start: previous.start_year, end: previous.end_year, from: 'text' as const };
  }
  // "The single largest donation was the $3.5 million station", after "In 2011, the United States
  // donated ...": a figure told in the past belongs to the last year the document stated.
  if (env.lastStatedYear !== null && pastTense(a, clause)) return { ...own, start: own.cumulative ? null : env.lastStatedYear, end: env.lastStatedYear, from: 'text' as const };
  // "Peru had 1,033 trainees." in "Military and Police Training in Latin America, 2012": the title's year.
  const year = env.ctx.documentYear;
  return year === null ? own : { ...own, start: own.cumulative ? null : year, end: year, from: 'text' as const };
}

const PAST = new Set(['was', 'were', 'had', 'gave', 'spent', 'paid', 'sent', 'got', 'took', 'bought']);

/** The clause tells of the past: a past form of "be" or "have", or an irregular past, or a figure verb in -ed. */
function pastTense(a: Annotated, clause: { t0: number; t1: number }): boolean {
  return a.tokens.slice(clause.t0, clause.t1).some((t) => PAST.has(t.norm) || (t.norm.endsWith('ed') && a.cues.some((c) => c.t0 === t.i && /^(?:basis-|assistance|training)/.test(c.vocab))));
}

const FRONTED = ['in', 'for', 'during', 'since', 'by', 'from', 'through', 'between', 'as'];

export const figure: Rule<TrainingEnv, TrainingMention> = {
  id: 'training/figure',
  table: 'training',
  priority: 30,
  description: 'A clause about U.S. training or security assistance with a figure: money, people trained, courses; its recipient, programme, basis and period.',
  examples: [
    {
      text: 'Training\n\nThe Pentagon spent $60 million from 2010 to 2015 training Mexican forces, teaching more than 7,670 elite courses to 9,000 soldiers and marines.',
      published: '2017-02-16',
      expect: [{ recipient_iso3: 'MEX', amount_usd: 60_000_000, start_year: 2010, end_year: 2015, trainees: 9000, courses: 7670 }],
    },
    {
      // A budget word is security assistance in a document about training.
      text: 'Schoolhouse diplomacy: what U.S. military training buys in Central America\n\nIn FY2019 alone, Guatemala\'s allocation was $726,000.',
      published: '2020-02',
      expect: [{ recipient_iso3: 'GTM', amount_usd: 726_000, start_year: 2019 }],
    },
    {
      // Money named by its purpose is security assistance without a programme's name.
      text: 'Request\n\nPresident Bush asked the U.S. Congress for $50 million to fight drug trafficking in Guatemala.',
      published: '2007-10-23',
      expect: [{ recipient_iso3: 'GTM', amount_usd: 50_000_000 }],
    },
    {
      // A clause after a semicolon goes on about the clause before.
      text: 'Donation\n\nThe U.S. donation to Panama also includes spare parts for the interceptor boats, for a value of $533,645; and maintenance equipment for SENAN, valued at $95,000.',
      published: '2021-06-01',
      expect: [{ recipient_iso3: 'PAN', amount_usd: 533_645 }, { recipient_iso3: 'PAN', amount_usd: 95_000 }],
    },
  ],
  counterExamples: [
    { text: 'Aid\n\nUSAID gave Haiti $30 million in hurricane relief in 2016.' },
    { text: 'Sale\n\nColombia bought 10 helicopters for $200 million in 2015.' },
    // A possibility, and a difference: no figures.
    { text: 'Bill\n\nIf the Senate language passes, 2006 military and police aid to Colombia through the ACI account could total $53.4 million less than what the Bush Administration had requested.' },
  ],
  find(a: Annotated, env: TrainingEnv): TrainingMention[] {
    const out: TrainingMention[] = [];
    const continued = new Set<number>();
    let previous: ReturnType<typeof scopeOf> = null;
    env.clauses.forEach((clause, ci) => {
      if (continued.has(ci)) return;
      // A clause after a semicolon goes on about what the clause before was about ("The donation also
      // includes spare parts ...; and maintenance equipment for SENAN, valued at $95,000").
      const goesOn = a.tokens[clause.t0 - 1]?.text === ';';
      const scope = scopeOf(a, env, clause) ?? (goesOn ? previous : null);
      previous = scope;
      if (!scope) return;
      const amount = amountsIn(a, clause)[0] ?? null;
      const people = peopleIn(a, clause);
      let trainees = people[0]?.value ?? null;
      let courses = coursesIn(a, clause);
      // "$757,000 in IMET funds in fiscal year 2012, which paid for 190 Honduran officers": one fact.
      const next = env.clauses[ci + 1];
      if (amount && next && ['which', 'that'].includes(a.tokens[next.t0]?.norm ?? '') && amountsIn(a, next).length === 0) {
        trainees ??= peopleIn(a, next)[0]?.value ?? null;
        courses ??= coursesIn(a, next);
        continued.add(ci + 1);
      }
      // A lone "one course" ("some students took more than one course") counts nothing of its own.
      if (!amount && trainees === null && (courses === null || courses === 1)) return;
      const recipient = recipientOf(a, env, clause, scope.program);
      // Several groups of people and no money ("eight instructors trained by ... taught 25 members"): a fact each.
      const groups = !amount && people.length >= 2 ? people : [people[0] ?? null];
      groups.forEach((group, i) => {
        const at = amount?.t0 ?? group?.t0 ?? clause.t0;
        out.push({
          ...base(a, scope, this.id, at),
          amount,
          trainees: group?.value ?? (i === 0 ? trainees : null),
          courses: i === groups.length - 1 ? courses : null,
          recipient,
          basis: amount ? basisOf(a, clause.t0, clause.t1, amount.t0) : null,
          period: periodOfClause(a, env, ci, at),
        });
      });
    });
    return out;
  },
};

/**
 * The country a figure belongs to: named right before it ("Honduras $3.9 million") or right after
 * ("$1.1 million for El Salvador", "163 Salvadoran"). A region there ("$65 million for Central
 * America") is a slot of its own with no one country: null. Undefined when nothing is there.
 */
function countryOfFigure(a: Annotated, t0: number, t1: number, floor: number): Country | null | undefined {
  const lac = (p: (typeof a.places)[number]) => p.country.region === 'lac' || p.kind === 'region';
  const after = a.places.find((p) => lac(p) && p.t0 >= t1 && (p.t0 === t1 || (p.t0 <= t1 + 3 && ['for', 'to', 'the'].includes(a.tokens[t1]?.norm ?? ''))));
  const before = a.places.filter((p) => lac(p) && p.kind !== 'demonym' && p.t1 <= t0 && p.t0 >= floor).at(-1);
  const found = after ?? before;
  return found === undefined ? undefined : found.kind === 'region' ? null : found.country;
}

export const shares: Rule<TrainingEnv, TrainingMention> = {
  id: 'training/shares',
  table: 'training',
  priority: 10,
  description: 'Several countries, each with its own figure in one sentence: "El Salvador received $4.6 million in IMET, Honduras $3.9 million and Guatemala $3.4 million".',
  examples: [
    {
      text: 'IMET\n\nEl Salvador received $4.6 million in IMET funds, Honduras $3.9 million and Guatemala $3.4 million.',
      published: '2016-03-01',
      expect: [
        { recipient_iso3: 'SLV', amount_usd: 4_600_000 },
        { recipient_iso3: 'HND', amount_usd: 3_900_000 },
        { recipient_iso3: 'GTM', amount_usd: 3_400_000 },
      ],
    },
  ],
  counterExamples: [],
  find(a: Annotated, env: TrainingEnv): TrainingMention[] {
    const whole = { t0: 0, t1: a.tokens.length };
    if (countriesIn(a, whole).length < 2) return [];
    const scope = scopeOf(a, env, whole);
    if (!scope) return [];
    const amounts = amountsIn(a, whole);
    const people = peopleIn(a, whole);
    const figures = amounts.length >= 2 ? amounts.map((m) => ({ t0: m.t0, t1: m.t1, amount: m as Spanned<Amount> | null, trainees: null as number | null })) : people.length >= 2 ? people.map((p) => ({ t0: p.t0, t1: p.t0 + 1, amount: null, trainees: p.value })) : [];
    if (figures.length < 2) return [];
    const countries = figures.map((f, i) => countryOfFigure(a, f.t0, f.t1, i > 0 ? figures[i - 1]!.t1 : 0));
    if (countries.some((c) => c === undefined) || new Set(countries).size !== countries.length) return [];
    const period = periodOf(a, figures[0]!.t0, 0, a.tokens.length, time(env));
    return figures.map((f, i) => ({
      ...base(a, scope, this.id, f.t0),
      amount: f.amount,
      trainees: f.trainees,
      courses: null,
      recipient: countries[i] ?? null,
      basis: f.amount ? basisOf(a, 0, a.tokens.length, f.t0) : null,
      period,
    }));
  },
};

export const series: Rule<TrainingEnv, TrainingMention> = {
  id: 'training/series',
  table: 'training',
  priority: 11,
  description: 'Several amounts, each with its own year and basis: "requested $25 million for FY2016, compared with $27 million in FY2015", "2004: $332.1 million / 2005 estimate: $336.1 million".',
  examples: [
    {
      text: 'FMF\n\nThe administration requested $25 million in FMF for Colombia for FY2016, compared with $27 million in FY2015 and $28.5 million in FY2014.',
      published: '2015-03-01',
      expect: [
        { recipient_iso3: 'COL', amount_usd: 25_000_000, start_year: 2016, amount_basis: 'requested' },
        { recipient_iso3: 'COL', amount_usd: 27_000_000, start_year: 2015 },
        { recipient_iso3: 'COL', amount_usd: 28_500_000, start_year: 2014 },
      ],
    },
  ],
  counterExamples: [],
  find(a: Annotated, env: TrainingEnv): TrainingMention[] {
    const whole = { t0: 0, t1: a.tokens.length };
    const amounts = amountsIn(a, whole);
    if (amounts.length < 2 || a.yearRanges.length > 0) return [];
    const scope = scopeOf(a, env, whole);
    if (!scope) return [];
    // Each amount's year: the nearest one after it before the next amount, else the nearest before it.
    const items = amounts.map((m, i) => {
      const next = amounts[i + 1]?.t0 ?? a.tokens.length;
      const previous = i > 0 ? amounts[i - 1]!.t1 : 0;
      const after = a.years.find((y) => y.t0 >= m.t1 && y.t0 < next && y.t0 - m.t1 <= 8);
      const before = a.years.filter((y) => y.t1 <= m.t0 && y.t0 >= previous).at(-1);
      const year = after?.year ?? before?.year;
      return { m, year, basis: basisOf(a, previous, m.t1 + 2, m.t0) };
    });
    if (items.some((x) => x.year === undefined) || new Set(items.map((x) => `${x.year}|${x.basis}`)).size !== items.length) return [];
    const recipient = recipientOf(a, env, whole, scope.program);
    return items.map((x) => ({
      ...base(a, scope, this.id, x.m.t0),
      amount: x.m,
      trainees: null,
      courses: null,
      recipient,
      basis: x.basis,
      period: { start: x.year!, end: x.year!, cumulative: false, from: 'text' as const },
    }));
  },
};
