// What a clause says about a deal: its status (the furthest stage its deal words reach), whether it
// is voided (a grant or donation outside a sale, a blocked, cancelled or smuggled deal, talk or an
// option, a modal), the items it names that are not already owned, its amounts, and its year.
import type { Amount } from '../../../lib/amounts.js';
import type { ArmsStatus } from '../../../types.js';
import type { Annotated, Spanned } from '../../annotate/sentence.js';
import { periodOf } from '../../time.js';
import type { Clause } from '../visits/env.js';
import { STAGE, type ArmsEnv, type Item } from './env.js';
import { itemsOf } from './items.js';

const within = (c: Clause, s: { t0: number; t1: number }) => s.t0 >= c.t0 && s.t1 <= c.t1;

const STATUS_VOCABS: [string, ArmsStatus][] = [
  ['deal-proposed', 'proposed'],
  ['deal-approved', 'approved'],
  ['deal-ordered', 'ordered'],
  ['deal-purchased', 'purchased'],
  ['deal-delivered', 'delivered'],
];

export interface DealWord {
  t0: number;
  status: ArmsStatus;
}

/** The deal words of a clause, in order, each with the status it gives. */
export function dealWords(a: Annotated, clause: Clause): DealWord[] {
  const out: DealWord[] = [];
  // "closed a US$148 million package", "sealed the contract": a closing verb whose object is a deal.
  for (const c of a.cue('deal-closing')) {
    if (within(clause, c) && a.cue('deal-noun').some((n) => n.t0 > c.t0 && n.t0 - c.t1 <= 6 && n.t1 <= clause.t1)) out.push({ t0: c.t0, status: 'ordered' });
  }
  for (const [vocab, stage] of STATUS_VOCABS) {
    for (const c of a.cue(vocab)) {
      // "delivered his comments", "received a briefing": something said is no equipment.
      if (stage === 'delivered' && a.cue('utterance').some((u) => u.t0 >= c.t1 && u.t0 - c.t1 <= 3)) continue;
      // "has received a $88.2 million contract": what is received is the order, not the equipment.
      const contract = stage === 'delivered' && a.cue('deal-noun').some((n) => n.t0 >= c.t1 && n.t0 - c.t1 <= 5 && /^(?:contract|order)s?$/.test(a.tokens[n.t1 - 1]!.norm));
      const status = contract ? 'ordered' : formStage(a, c, stage);
      if (within(clause, c) && status) out.push({ t0: c.t0, status });
    }
  }
  return out.sort((x, y) => x.t0 - y.t0 || STAGE[y.status] - STAGE[x.status]);
}

const BE = new Set(['is', 'are', 'was', 'were', 'been', 'be']);
const PRESENT = new Set(['buys', 'sells', 'acquires', 'receives', 'delivers', 'orders', 'signs']);

/**
 * What a deal word says by its form. A phrase of the vocabulary ("took delivery", "agreed to buy")
 * says it all. A word after "to" is governed by the verb before it ("plans to buy", "how long it is
 * taking to deliver"): none of its own. A purchase or a delivery happened only in a finished verb
 * ("bought", "received", a headline's "buys"); "is buying" and "will buy" are a purchase under way
 * (ordered); "will deliver", "the delivery of" and "the acquisition of" state none.
 */
function formStage(a: Annotated, c: { t0: number; t1: number }, stage: ArmsStatus): ArmsStatus | null {
  if (c.t1 - c.t0 > 1) return stage;
  const w = a.tokens[c.t0]!.norm;
  const before = [a.tokens[c.t0 - 1]?.norm ?? '', a.tokens[c.t0 - 2]?.norm ?? ''];
  // "Peru is to receive a frigate", "will receive eight more": a delivery to come means an order.
  if (stage === 'delivered' && ((before[0] === 'to' && BE.has(before[1]!)) || before.includes('will'))) return 'ordered';
  // "to deliver", "were to be delivered": a plan.
  if (before[0] === 'to' || (before[0] === 'be' && before[1] === 'to')) return null;
  // "reached Peru", "arrived in Lima": a delivery only with the place after it ("trade reached $315 billion" is none).
  if ((w === 'reached' || w === 'arrived') && !a.places.some((p) => p.t0 >= c.t1 && p.t0 <= c.t1 + 2)) return null;
  if (stage !== 'purchased' && stage !== 'delivered') return stage;
  if (w === 'bought' || w === 'sold' || w === 'took' || /ed$/.test(w) || PRESENT.has(w)) return stage;
  const underWay = (w.endsWith('ing') && before.some((b) => BE.has(b))) || before.includes('will');
  return underWay && stage === 'purchased' ? 'ordered' : null;
}

/** The furthest stage the clause's deal words reach. */
export function statusOf(words: DealWord[]): ArmsStatus | null {
  let best: ArmsStatus | null = null;
  for (const w of words) if (!best || STAGE[w.status] > STAGE[best]) best = w.status;
  return best;
}

/** A sale context: a notification, a possible sale, a price. Excess Defense Articles and leases are sales channels there. */
function saleContext(a: Annotated, clause: Clause): boolean {
  return a.cue('deal-proposed').some((c) => within(clause, c)) || a.cue('cost').some((c) => within(clause, c)) || a.money.some((m) => within(clause, m));
}

/**
 * The clause states no deal being made: a grant, donation or aid (outside a sale context), a
 * blocked, cancelled, smuggled or rumoured deal, an option, or a modal before the deal word.
 */
export function voided(a: Annotated, clause: Clause, first: number): boolean {
  // Capitalised inside a sentence, the word is a name: "Block II", not "blocked".
  if (a.cue('not-a-deal').some((c) => within(clause, c) && !(a.tokens[c.t0]!.cap && c.t0 > 0))) return true;
  const channels = ['excess', 'lease', 'leased', 'leases', 'leasing'];
  // Paid for by the United States ("funded by the State Department", "purchased by Washington"): aid, whoever receives it.
  const usPaid = a.cue('us-funded').some((c) => within(clause, c) && (a.cue('us-agency').some((u) => u.t0 >= c.t1 && u.t0 - c.t1 <= 2) || a.places.some((p) => p.country.region === 'usa' && p.t0 >= c.t1 && p.t0 - c.t1 <= 2)));
  if (usPaid) return true;
  const gift = a.cue('not-a-purchase').filter((c) => within(clause, c));
  if (gift.some((c) => !channels.includes(a.tokens[c.t0]!.norm)) || (gift.length > 0 && !saleContext(a, clause))) return true;
  if ([...a.cue('hedge'), ...a.cue('scheduled')].some((c) => within(clause, c) && c.t1 <= first + 1)) return true;
  // "has not bought", "never ordered".
  return a.cue('denial').some((c) => within(clause, c) && c.t1 <= first && first - c.t1 <= 2 && ['not', 'never', "n't", 'no'].includes(a.tokens[c.t0]!.norm));
}

/** An item right after an anaphoric word ("the helicopters", "these aircraft"): named before. */
export function anaphoric(a: Annotated, i: Item): boolean {
  // "The existing torpedoes" are equipment of another time, not the deal just named.
  return a.cue('anaphora').some((c) => c.t1 <= i.q0 && i.q0 - c.t1 <= 2 && !a.cue('owned').some((o) => o.t0 >= c.t1 && o.t1 <= i.q0));
}

/** Items already owned ("its F-16 fleet", "the existing Black Hawks") are bought only when the clause says so. */
export function itemsIn(a: Annotated, items: Item[], clause: Clause, status: ArmsStatus | null): Item[] {
  const bought = status !== null && STAGE[status] >= STAGE.purchased;
  // An item belongs to the clause its count is in ("the Kfir: Ecuador bought 12 of them").
  return items.filter((i) => i.q0 >= clause.t0 && i.q0 < clause.t1 && (bought || !ownedBefore(a, i.q0)) && !fleet(a, i) && !placedBy(a, i, clause));
}

/**
 * A count right after a verb of having ("operates 28 UH-60s", "flies some 12 F-5s") is a fleet,
 * whatever else the clause deals, unless a participle right after it says how it came ("operates
 * three Type 23 frigates procured second-hand in 2005").
 */
function fleet(a: Annotated, i: Item): boolean {
  const came = /ed$/.test(a.tokens[i.t1]?.norm ?? '') && ['deal-purchased', 'deal-ordered', 'deal-delivered'].some((v) => a.inVocab(i.t1, v) !== undefined);
  return !came && a.cue('fleet-verb').some((c) => c.t1 <= i.q0 && i.q0 - c.t1 <= 1);
}

const PLACING = new Set(['aboard', 'onto', 'inside', 'board']);

/** An item after a place word ("received an orientation flight aboard a UH-60") is where something happens, not what is dealt. */
function placedBy(a: Annotated, i: Item, clause: Clause): boolean {
  const k = i.q0 - 1 - (['a', 'an', 'the', 'its', 'their'].includes(a.tokens[i.q0 - 1]?.norm ?? '') ? 1 : 0);
  return k >= clause.t0 && PLACING.has(a.tokens[k]?.norm ?? '');
}

function ownedBefore(a: Annotated, t: number): boolean {
  return a.cue('owned').some((c) => c.t1 <= t && t - c.t1 <= 2 && !(a.tokens[c.t0]!.norm === 'the'));
}

/** Money of a clause that prices equipment: not a unit price ("each", "apiece"). */
export function amountsIn(a: Annotated, clause: Clause): Spanned<Amount>[] {
  return a.money.filter((m) => within(clause, m) && m.usd > 0 && !['each', 'apiece', 'per'].includes(a.tokens[m.t1]?.norm ?? ''));
}

/**
 * The year of the deal the clause states: its own time (time.ts), else the sentence before's in
 * the same paragraph, else the dateline's or the publication's. A decade ("in the 1990s") gives none.
 */
export function yearOf(a: Annotated, env: ArmsEnv, clause: Clause, at: number): number | null {
  const time = { publishedYear: env.ctx.published.year, previousYears: env.previous?.years ?? [], counts: new Set(itemsOf(a).filter((i) => i.quantity !== null).map((i) => i.q0)), event: true };
  const period = periodOf(a, at, clause.t0, clause.t1, time);
  // A deal is an event: "has operated the F-16 since it purchased ten in 2002" is 2002.
  if (period.from === 'text') return period.start ?? period.end;
  // "came in 2007, when the Defense Ministry ordered 15": a "when" clause has the time of the clause it hangs on.
  const head = env.clauses.findLast((c) => c.t1 <= clause.t0);
  if (a.tokens[clause.t0]?.norm === 'when' && head) {
    const own = periodOf(a, head.t1, head.t0, head.t1, time);
    if (own.from === 'text') return own.end ?? own.start;
  }
  if (a.tokens.slice(clause.t0, clause.t1).some((t) => /^(?:1[89]|20)\d0s$/.test(t.text))) return null;
  if (env.previous && env.previous.paragraph === env.paragraph && env.previous.years.length > 0) return env.previous.years[0]!;
  return env.ctx.dateline?.date?.year ?? env.ctx.documentYear ?? env.ctx.published.year;
}

/**
 * A clause with deal words of two stages, each followed by its own items, is two deals: "received
 * two transports and requested four more for $300 million".
 */
export function segments(a: Annotated, clause: Clause, items: Item[]): Clause[] {
  const words = dealWords(a, clause);
  for (const w of words) {
    const first = words[0]!;
    if (w.t0 === first.t0 || w.status === first.status) continue;
    // The second deal starts at the "and" before its word, with what stands between ("and in 2015 the country purchased three more").
    let and = w.t0 - 1;
    while (and > first.t0 && w.t0 - and <= 6 && a.tokens[and]!.norm !== 'and' && !items.some((i) => i.q0 <= and && and < i.t1)) and--;
    if (a.tokens[and]?.norm !== 'and' || and <= first.t0) continue;
    const before = items.some((i) => i.q0 > first.t0 && i.t1 <= and);
    const after = items.some((i) => i.q0 > w.t0 && i.t1 <= clause.t1) || amountsIn(a, { t0: w.t0, t1: clause.t1 }).length > 0;
    if (before && after) return [{ t0: clause.t0, t1: and }, { t0: and + 1, t1: clause.t1 }];
  }
  return [clause];
}

/** A relative clause's actor is the noun before it: "the Indonesian Navy, which ordered four vessels". */
export function actorClause(a: Annotated, env: ArmsEnv, clause: Clause): Clause {
  if (!['which', 'who', 'that'].includes(a.tokens[clause.t0]?.norm ?? '')) return clause;
  const before = env.clauses.findLast((c) => c.t1 <= clause.t0);
  return before ? { t0: before.t0, t1: clause.t1 } : clause;
}

/**
 * A list after a colon, a semicolon or a dash with no deal words of its own is part of the clause
 * before: "for 20 aircraft: 10 KT-1P trainers and 10 KA-1P", "six (6) UH-60M helicopters; and
 * fourteen (14) engines", "40 T700 Engines–36 installed and 4 spares–42 Embedded GPS".
 */
export function listsJoined(a: Annotated, clauses: Clause[], items: Item[]): Clause[] {
  const out: Clause[] = [];
  for (const c of clauses) {
    const last = out.at(-1);
    // A dash opens an aside or the list's next item: either way the clause goes on.
    const dash = ['–', '—'].includes(a.tokens[c.t0 - 1]?.text ?? '');
    const list = dash || ([':', ';'].includes(a.tokens[c.t0 - 1]?.text ?? '') && items.some((i) => i.quantity !== null && i.q0 >= c.t0 && i.q0 < c.t1));
    if (last && list && dealWords(a, c).length === 0) out[out.length - 1] = { t0: last.t0, t1: c.t1 };
    else out.push(c);
  }
  return out;
}

/** Items joined only by commas and "and" (their counts and describing words between). */
export function coordinated(a: Annotated, items: Item[]): boolean {
  for (let k = 1; k < items.length; k++) {
    const between = a.tokens.slice(items[k - 1]!.t1, items[k]!.q0);
    if (between.length === 0 || between.length > 3 || !between.every((t) => t.text === ',' || t.norm === 'and')) return false;
  }
  return true;
}
