// What a training or assistance figure is about, read in its clause: whether the clause is about U.S.
// training or security assistance at all (not humanitarian or economic aid, not a sale, not another
// country's training), its figures (money, people trained, courses), its recipient, programme and
// basis.
import type { Amount } from '../../../lib/amounts.js';
import type { Country, Program } from '../../../lib/reference.js';
import type { AmountBasis } from '../../../types.js';
import type { Annotated, Spanned } from '../../annotate/sentence.js';
import type { Clause } from '../visits/env.js';
import type { TrainingEnv } from './env.js';

export interface Scope {
  training: boolean;
  program: Program | null;
}

const PRONOUN_VERBS = new Set(['is', 'was', 'will', 'would', 'has', 'had', 'should', 'could', 'may', 'might']);

const within = (c: { t0: number; t1: number }, s: { t0: number; t1: number }) => s.t0 >= c.t0 && s.t1 <= c.t1;

/**
 * The clause's subject matter, or null when it is not U.S. training or security assistance: aid of
 * another kind, a purchase (an arms fact), or training given by another country.
 */
export function scopeOf(a: Annotated, env: TrainingEnv, clause: Clause): Scope | null {
  const inClause = (vocab: string) => a.cue(vocab).some((c) => within(clause, c));
  const programs = a.programs.filter((p) => p.entry.category !== 'sales');
  const program = programs.find((p) => within(clause, p))?.entry ?? programs[0]?.entry ?? null;
  // "This is expected to grow to about $6.5 million": a pronoun opening the sentence stands for the figure before.
  const pronoun = clause.t0 === 0 && ['this', 'that', 'it'].includes(a.tokens[0]?.norm ?? '') && PRONOUN_VERBS.has(a.tokens[1]?.norm ?? '');
  const continues = env.previous !== null && (inClause('continuation') || pronoun);
  const training = inClause('training') || (continues && env.previous!.category === 'training');
  // "$3.2 million in aid ... for its military": aid to a country's forces is security assistance.
  // (Troops are sent, not aided: "Along with sending troops ..., the Defense Department has contributed".)
  const forces = a.cue('recipient-force').some((c) => !/^troops?$/.test(a.tokens[c.t1 - 1]!.norm));
  const forcesAid = a.tokens.some((t) => t.norm === 'aid' && t.i >= clause.t0 && t.i < clause.t1) && forces && (a.places.some((p) => p.country.region === 'lac' && p.kind !== 'region') || env.ctx.mainCountry?.region === 'lac');
  // Budget words are security assistance in a document about training or a security programme ("Guatemala's allocation was $726,000" under a title on military training).
  const budgeted = inClause('budget-word') && (env.title.program !== null || env.title.security || forces);
  const assistance = inClause('assistance') || program !== null || continues || forcesAid || budgeted;
  if (!training && !assistance) return null;
  if (a.cue('not-security-aid').some((c) => within(clause, c))) return null;
  // A development agency's money, unless a security programme pays for the figure ("State and USAID disbursed $75 million of INCLE, ESF, and NADR funds").
  if (a.cue('development-agency').some((c) => within(clause, c)) && !programs.some((p) => within(clause, p))) return null;
  // A sale or purchase: the money is an arms fact, unless an assistance programme pays for it. A
  // notification of a possible sale makes the whole sentence one.
  const notified = a.cue('deal-proposed').some((c) => /sale$/.test(a.tokens[c.t1 - 1]!.norm));
  const sale = notified || inClause('deal-purchased') || inClause('deal-ordered') || a.cue('deal-noun').some((c) => within(clause, c) && /^(?:sale|contract|purchase|deal|order)s?$/.test(a.tokens[c.t1 - 1]!.norm));
  if (sale && !programs.some((p) => within(clause, p))) return null;
  const equipment = [...a.equipment, ...a.equipmentNouns].some((e) => within(clause, e));
  // Equipment with a price is an arms fact, unless the clause makes it aid ("a proposed $1.3 billion aid package ... helicopters worth $600 million").
  if (!program && equipment && a.cue('cost').some((c) => within(clause, c)) && !inClause('assistance')) return null;
  if (foreignTrainer(a, env, clause)) return null;
  return { training, program: program ?? (training || assistance ? env.title.program : null) };
}

const US_WORDS = ['u.s.', 'american', 'americans', 'washington'];

/**
 * Training given by another country, with no U.S. part: a document that never names the United
 * States, a trainer of another country ("The Colombians say they have trained"), or training in a
 * third country ("undergoing training in Brazil").
 */
function foreignTrainer(a: Annotated, env: TrainingEnv, clause: Clause): boolean {
  // A U.S. programme (IMET, FMF, INL) or agency named is a U.S. part.
  const us = a.places.some((p) => p.country.region === 'usa') || a.tokens.some((t) => US_WORDS.includes(t.norm) || t.text === 'US') || a.programs.length > 0 || a.cue('us-agency').length > 0;
  if (us) return false;
  if (!env.ctx.mentionsUs) return true;
  const verb = a.cue('training').find((c) => within(clause, c));
  const subject = verb ? a.places.filter((p) => p.t1 <= verb.t0 && p.t0 >= clause.t0 && (p.kind === 'demonym' || p.kind === 'country')).at(-1) : undefined;
  const trainer = subject !== undefined && /s$/.test(a.tokens[subject.t1 - 1]!.norm) && subject.kind === 'demonym';
  // "undergoing training in Brazil" in a document about Paraguay: training where the country is not the document's.
  const abroad = verb !== undefined && a.places.some((p) => p.kind === 'country' && p.t0 > verb.t0 && a.tokens[p.t0 - 1]?.norm === 'in' && within(clause, p) && p.country !== env.ctx.mainCountry);
  return trainer || abroad || a.places.some((p) => p.country.region === 'other' && within(clause, p));
}

/** Money figures of a clause that are assistance: a share "($555.1 million, or 80 percent, military and police aid)" replaces its whole; a possibility or a difference is none. */
export function amountsIn(a: Annotated, clause: Clause): Spanned<Amount>[] {
  // A possibility ("could total", "might reach") is no figure, nor a difference ("$53.4 million less than").
  const hedged = (m: { t0: number }) => a.cue('hedge').some((c) => c.t0 >= clause.t0 && c.t1 <= m.t0);
  const difference = (m: { t1: number }) => ['less', 'more', 'fewer', 'lower', 'higher'].includes(a.tokens[m.t1]?.norm ?? '') && a.tokens[m.t1 + 1]?.norm === 'than';
  const amounts = a.money.filter((m) => within(clause, m) && m.usd > 0 && !hedged(m) && !difference(m));
  return amounts.filter((m, i) => {
    const next = amounts[i + 1];
    // "$690.1 million ($555.1 million, or 80 percent, military and police aid; the rest economic ...)": the whole is not.
    if (next && a.tokens[m.t1]?.text === '(' && next.t0 === m.t1 + 1) return false;
    // "an $11,200 million spending bill that includes $1,300 million in emergency aid": the container is not.
    const container = a.tokens.slice(m.t1, m.t1 + 3).findIndex((t) => CONTAINERS.has(t.norm));
    const includes = container >= 0 && a.cue('including').some((c) => c.t0 > m.t1 && c.t0 <= m.t1 + container + 3);
    return !(next && includes);
  });
}

const CONTAINERS = new Set(['bill', 'bills', 'budget', 'measure', 'legislation', 'law', 'act']);

// Words that end a counted phrase: a verb, a relative pronoun, a preposition other than "of", a span of time.
const LINKS = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'to', 'will', 'would', 'has', 'have', 'had', 'who', 'that', 'which', 'with', 'for', 'in', 'at', 'on', 'from', 'by', 'days', 'weeks', 'months', 'years']);

/** People a count counts: "more than 9,000 soldiers and marines", "163 Salvadoran students"; not a difference ("1,500 more trainees than"). */
export function peopleIn(a: Annotated, clause: Clause): { value: number; t0: number }[] {
  return a.counts
    .filter((c) => within(clause, c) && !(c.value >= 1900 && c.value <= 2100 && /^\d{4}$/.test(a.slice(c.t0, c.t1))))
    .filter((c) => {
      const after = a.tokens.slice(c.t1, c.t1 + 9);
      if (after[0]?.norm === 'more' || after[0]?.norm === 'fewer') return false;
      if (usPeople(a, c)) return false;
      // "9,000 soldiers", "163 Salvadoran students", "10,393 Colombians".
      // A demonym right after the count ("163 Salvadoran, 121 Honduran and 88 Guatemalan military students") counts people too.
      const demonym = a.places.find((p) => p.kind === 'demonym' && p.t0 === c.t1 && (/s$/.test(a.tokens[p.t1 - 1]!.norm) || a.cue('people-trained').some((n) => n.t0 > p.t1 && n.t0 <= p.t1 + 12)));
      if (demonym) return true;
      const noun = a.cue('people-trained').find((p) => p.t0 >= c.t1 && p.t0 <= c.t1 + 8);
      // The count qualifies its noun: no verb between ("one is said to be training officers" counts no one).
      return noun !== undefined && !a.tokens.slice(c.t1, noun.t0).some((t) => t.text === ',' || t.text === ';' || t.kind === 'number' || LINKS.has(t.norm));
    })
    .map((c) => ({ value: c.value, t0: c.t0 }));
}

const isUs = (t: { text: string; norm: string }) => t.text === 'US' || t.norm === 'u.s.' || t.norm === 'american' || t.norm === 'americans';

/**
 * U.S. people, not the trained: a count whose noun the United States qualifies ("80 U.S. trainers",
 * "two groups of American soldiers") or that the United States has or sends ("The US has two groups
 * of soldiers"). "According to the U.S. Embassy, 150 Argentine personnel" is not.
 */
function usPeople(a: Annotated, c: { t0: number; t1: number }): boolean {
  const noun = a.cue('people-trained').find((p) => p.t0 >= c.t1 && p.t0 <= c.t1 + 8);
  if (noun && a.tokens.slice(c.t1, noun.t0).some(isUs)) return true;
  const before = a.tokens.slice(Math.max(0, c.t0 - 3), c.t0);
  const us = before.findIndex(isUs);
  return us >= 0 && before.slice(us + 1).some((t) => /^(?:has|have|had|sent|sends|deployed|deploys|keeps|kept|stationed)$/.test(t.norm));
}

export function coursesIn(a: Annotated, clause: Clause): number | null {
  for (const c of a.counts.filter((x) => within(clause, x))) {
    // "310 courses", "74 training courses"; not "1,200 officers in 310 courses".
    const noun = a.cue('course-noun').find((p) => p.t0 >= c.t1 && p.t0 <= c.t1 + 3 && !a.tokens.slice(c.t1, p.t0).some((t) => t.kind === 'number' || LINKS.has(t.norm) || a.inVocab(t.i, 'people-trained')));
    if (noun) return c.value;
  }
  // "took a two-month combat course": one course.
  // "graduated on Friday from a four-week Maritime Law Enforcement Boarding Officer Course": one course.
  const attend = a.cue('attend-course').find((c) => within(clause, c));
  const article = attend ? a.tokens.findIndex((t, i) => i >= attend.t1 && i <= attend.t1 + 4 && ['a', 'an'].includes(t.norm)) : -1;
  if (article >= 0 && a.cue('course-noun').some((n) => n.t0 > article && n.t0 <= article + 14)) return 1;
  return null;
}

/** Countries of the region named in a clause, in order; demonyms count ("Mexican forces"). */
export function countriesIn(a: Annotated, clause: Clause): Country[] {
  const out: Country[] = [];
  for (const p of a.places) if (within(clause, p) && p.country.region === 'lac' && p.kind !== 'region' && !out.includes(p.country)) out.push(p.country);
  return out;
}

/** The one recipient of a clause's figures: the country it names, the programme's, the figure before's, or the document's. */
export function recipientOf(a: Annotated, env: TrainingEnv, clause: Clause, program: Program | null): Country | null {
  // "Colombia and its neighbors", "Central America": a figure for several countries has no one recipient.
  // (Words inside a programme's name, "Central America Regional Security Initiative", are the programme's.)
  const inProgram = (t: number) => a.programs.some((p) => p.t0 <= t && t < p.t1);
  if (a.tokens.some((t) => ['neighbors', 'neighbours', 'region', 'regional'].includes(t.norm) && !inProgram(t.i)) || a.places.some((p) => p.kind === 'region' && within(clause, p) && !inProgram(p.t0))) return null;
  const named = countriesIn(a, clause);
  if (named.length === 1) return named[0]!;
  if (named.length > 1) return null;
  const sentence = countriesIn(a, { t0: 0, t1: a.tokens.length });
  if (sentence.length === 1) return sentence[0]!;
  if (sentence.length > 1) return null;
  if (program?.recipient_iso3) return env.ctx.ref.country(program.recipient_iso3) ?? null;
  // A regional programme's money is for no one country, unless it goes to a force of the document's
  // country ("handed over to Senan two interceptor boats ... under the Central America Regional Security Initiative").
  const toForce = a.tokens.some((t) => t.norm === 'to') && (a.cue('recipient-force').some((c) => within(clause, c)) || a.cue('assistance').some((c) => within(clause, c) && /^(?:donat|hand)/.test(a.tokens[c.t0]!.norm)));
  if (program?.regional) return toForce && env.ctx.mainCountry?.region === 'lac' ? env.ctx.mainCountry : null;
  if (env.previous?.recipient_iso3) return env.ctx.ref.country(env.previous.recipient_iso3) ?? null;
  return env.ctx.mainCountry?.region === 'lac' ? env.ctx.mainCountry : null;
}

const BASES: [string, AmountBasis][] = [
  ['basis-requested', 'requested'],
  ['basis-appropriated', 'appropriated'],
  ['basis-allocated', 'allocated'],
  ['basis-obligated', 'obligated'],
  ['basis-delivered', 'delivered'],
  ['basis-projected', 'projected'],
  ['basis-planned', 'planned'],
  ['basis-estimated', 'estimated'],
  ['basis-actual', 'actual'],
];

/** What an amount is (requested, appropriated, spent ...): the basis word nearest before it in its clause, else after it. */
export function basisOf(a: Annotated, from: number, to: number, at: number): AmountBasis | null {
  let best: { basis: AmountBasis; distance: number } | null = null;
  for (const [vocab, basis] of BASES) {
    for (const c of a.cue(vocab)) {
      if (c.t0 < from || c.t1 > to) continue;
      const distance = c.t1 <= at ? at - c.t1 : 100 + c.t0 - at;
      if (!best || distance < best.distance) best = { basis, distance };
    }
  }
  return best?.basis ?? null;
}

/** Where training took place: a base, school or camp ("at Fort Benning"), or a city. */
export function locationOf(a: Annotated): string | null {
  for (let t = 0; t < a.tokens.length - 1; t++) {
    if (!['at', 'in', 'to'].includes(a.tokens[t]!.norm)) continue;
    let k = t + 1;
    if (a.tokens[k]?.norm === 'the') k++;
    if (!/^(?:fort|camp|naval|air|joint|base|center|school|academy)$/.test(a.tokens[k]?.norm ?? '') || !a.tokens[k]!.cap) continue;
    let end = k + 1;
    while (end < a.tokens.length && (a.tokens[end]!.cap || ['of', 'for', 'the', 'and'].includes(a.tokens[end]!.norm)) && a.tokens[end]!.kind === 'word') end++;
    // "Fort Benning, Ga."
    if (a.tokens[end]?.text === ',' && /^[A-Z][a-z]{1,4}$/.test(a.tokens[end + 1]?.text ?? '')) end += a.tokens[end + 2]?.text === '.' ? 3 : 2;
    return a.slice(k, end).replace(/[,\s]+$/, '');
  }
  const place = a.places.find((p) => p.kind === 'city' && ['at', 'in'].includes(a.tokens[p.t0 - 1]?.norm ?? ''));
  return place?.city ?? null;
}
