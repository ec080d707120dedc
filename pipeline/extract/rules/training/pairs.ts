// Figures paired with what they are for by the shape of the sentence rather than by its verbs: a
// figure with its country in parentheses ("3,599 (Colombia) and 2,627 (Mexico) trainees", "Paraguay
// (488), Brazil (487) and Chile (428)"), two lists in the same order ("Colombian and Mexican forces
// ..., with 4,969 and 3,213 trainees"), and amounts each with its own programme or basis ("$44.4
// million in INCLE funds, $25.9 million in ESF", "of the $350 million allocated, ... had disbursed
// over $75 million").
import type { Amount } from '../../../lib/amounts.js';
import type { Country } from '../../../lib/reference.js';
import type { Annotated, Spanned } from '../../annotate/sentence.js';
import type { Rule } from '../rule.js';
import type { TrainingEnv, TrainingMention } from './env.js';
import { amountsIn, basisOf, recipientOf, scopeOf } from './figures.js';
import { periodOfClause } from './prose.js';

interface Figure {
  t0: number;
  t1: number;
  amount: Spanned<Amount> | null;
  count: number | null;
}

interface Pair {
  figure: Figure;
  country: Country;
}

function figuresOf(a: Annotated): Figure[] {
  const money = a.money.filter((m) => m.usd > 0).map((m) => ({ t0: m.t0, t1: m.t1, amount: m as Spanned<Amount> | null, count: null as number | null }));
  const counts = a.counts.filter((c) => !(c.value >= 1900 && c.value <= 2100 && /^\d{4}$/.test(a.slice(c.t0, c.t1))) && !money.some((m) => c.t0 < m.t1 && c.t1 > m.t0));
  return [...money, ...counts.map((c) => ({ t0: c.t0, t1: c.t1, amount: null, count: c.value }))].sort((x, y) => x.t0 - y.t0);
}

const countries = (a: Annotated) => a.places.filter((p) => p.country.region === 'lac' && p.kind !== 'region' && p.kind !== 'city');

/** "3,599 (Colombia)" and "Paraguay (488)": a figure and a country, one in parentheses right after the other. */
function bracketed(a: Annotated, figures: Figure[]): Pair[] {
  const out: Pair[] = [];
  for (const p of countries(a)) {
    const after = figures.find((f) => a.tokens[p.t1]?.text === '(' && f.t0 === p.t1 + 1 && a.tokens[f.t1]?.text === ')');
    const before = figures.find((f) => a.tokens[f.t1]?.text === '(' && p.t0 === f.t1 + 1 && a.tokens[p.t1]?.text === ')');
    const figure = after ?? before;
    if (figure) out.push({ figure, country: p.country });
  }
  return out;
}

/** "Colombian and Mexican forces ... with 4,969 and 3,213 trainees": two coordinated lists of one length, in order. */
function respective(a: Annotated, figures: Figure[]): Pair[] {
  const named = countries(a);
  // Only "," and "and" between neighbours.
  const joined = <T extends { t0: number; t1: number }>(xs: T[]) =>
    xs.length >= 2 && xs.every((x, i) => i === 0 || (x.t0 > xs[i - 1]!.t1 && a.tokens.slice(xs[i - 1]!.t1, x.t0).every((t) => t.text === ',' || t.norm === 'and')));
  const counted = figures.filter((f) => f.count !== null);
  for (let i = 0; i + 1 < named.length; i++) {
    const list = [named[i]!];
    while (i + list.length < named.length && joined([list.at(-1)!, named[i + list.length]!])) list.push(named[i + list.length]!);
    if (list.length < 2) continue;
    for (let j = 0; j + list.length <= counted.length; j++) {
      const run = counted.slice(j, j + list.length);
      if (joined(run) && run[0]!.t0 > list.at(-1)!.t1) return run.map((figure, k) => ({ figure, country: list[k]!.country }));
    }
  }
  return [];
}

export const pairs: Rule<TrainingEnv, TrainingMention> = {
  id: 'training/pairs',
  table: 'training',
  priority: 12,
  description: 'Figures paired with countries by the shape of the sentence: a country in parentheses after its figure or a figure after its country, or two lists in the same order.',
  examples: [
    {
      text: 'Training in 2012\n\nColombia and Mexico were the top recipients of U.S. training in 2012, with 3,599 (Colombia) and 2,627 (Mexico) trainees.',
      published: '2013-06-01',
      expect: [
        { recipient_iso3: 'COL', trainees: 3599, start_year: 2012 },
        { recipient_iso3: 'MEX', trainees: 2627, start_year: 2012 },
      ],
    },
    {
      text: 'Training in 2014\n\nColombian and Mexican forces received most U.S. military training in 2014, with 4,969 and 3,213 trainees.',
      published: '2015-06-01',
      expect: [
        { recipient_iso3: 'COL', trainees: 4969 },
        { recipient_iso3: 'MEX', trainees: 3213 },
      ],
    },
  ],
  counterExamples: [{ text: 'Ties\n\nColombia (a close partner) and Mexico signed a trade deal in 2012.' }],
  find(a: Annotated, env: TrainingEnv): TrainingMention[] {
    const whole = { t0: 0, t1: a.tokens.length };
    const scope = scopeOf(a, env, whole);
    if (!scope) return [];
    const figures = figuresOf(a);
    const found = bracketed(a, figures);
    const matched = found.length >= 1 ? found : respective(a, figures);
    // Counts must count people trained: the sentence is about training, not money alone.
    const usable = matched.filter((p) => p.figure.amount !== null || scope.training);
    return usable.map((p) => ({
      rule: this.id,
      at: p.figure.t0,
      amount: p.figure.amount,
      trainees: p.figure.count,
      courses: null,
      recipient: p.country,
      program: scope.program,
      category: scope.training ? 'training' : 'assistance',
      basis: p.figure.amount ? basisOf(a, 0, a.tokens.length, p.figure.t0) : null,
      period: periodOfClause(a, env, -1, p.figure.t0),
      location: null,
    }));
  },
};

export const amountsApart: Rule<TrainingEnv, TrainingMention> = {
  id: 'training/amounts-apart',
  table: 'training',
  priority: 13,
  description: 'Several amounts in one sentence, each with a programme or a basis of its own: a fact each, with the sentence\'s recipient and period.',
  examples: [
    {
      text: 'CARSI\n\nFrom fiscal years 2008 through 2011, State disbursed about $44.4 million in INCLE funds, $25.9 million in ESF funds, and $5 million in NADR funds for Central America.',
      published: '2013-01-01',
      expect: [
        { amount_usd: 44_400_000, start_year: 2008, end_year: 2011 },
        { amount_usd: 25_900_000, start_year: 2008, end_year: 2011 },
        { amount_usd: 5_000_000, start_year: 2008, end_year: 2011 },
      ],
    },
  ],
  // Budget words alone are all foreign aid, not security assistance.
  counterExamples: [{ text: 'Aid\n\nFor FY2006, U.S. assistance to Latin America and the Caribbean is estimated at $1.68 billion, the largest portion of which is allocated to the Andean region -- $919 million.' }],
  find(a: Annotated, env: TrainingEnv): TrainingMention[] {
    const whole = { t0: 0, t1: a.tokens.length };
    const amounts = amountsIn(a, whole);
    if (amounts.length < 2) return [];
    const scope = scopeOf(a, env, whole);
    if (!scope) return [];
    const items = amounts.map((m, i) => {
      const previous = i > 0 ? amounts[i - 1]!.t1 : 0;
      const next = amounts[i + 1]?.t0 ?? a.tokens.length;
      // Its programme: named right after it ("$44.4 million in INCLE funds") or before it since the amount before.
      const program = a.programs.find((p) => p.t0 >= m.t1 && p.t0 < next && p.t0 - m.t1 <= 3) ?? a.programs.filter((p) => p.t0 >= previous && p.t1 <= m.t0).at(-1);
      return { m, program: program?.entry ?? null, basis: basisOf(a, previous, m.t1 + 2, m.t0) };
    });
    const keys = new Set(items.map((x) => `${x.program?.name ?? ''}|${x.basis ?? ''}`));
    if (keys.size !== items.length || items.some((x) => !x.program && !x.basis)) return [];
    const recipient = recipientOf(a, env, whole, scope.program);
    return items.map((x) => ({
      rule: this.id,
      at: x.m.t0,
      amount: x.m,
      trainees: null,
      courses: null,
      recipient,
      program: x.program ?? scope.program,
      category: scope.training ? 'training' : 'assistance',
      basis: x.basis,
      period: periodOfClause(a, env, -1, x.m.t0),
      location: null,
    }));
  },
};
