// Deals stated in a clause: a buyer of the region, equipment, and deal words that give the status
// (verbs: "bought", "ordered", "requested a possible sale"; nouns: "an order for twelve", "a $90
// million contract"). One clause, one deal: "received two transports and requested four more" is
// two. One amount for several kinds of equipment is a package over its items; several items each
// with its own price are a deal each; several counted items without a price, a deal each.
import type { Amount } from '../../../lib/amounts.js';
import type { Annotated, Spanned } from '../../annotate/sentence.js';
import type { Rule } from '../rule.js';
import type { Clause } from '../visits/env.js';
import { actorClause, amountsIn, anaphoric, coordinated, dealWords, itemsIn, listsJoined, segments, statusOf, voided, yearOf, type DealWord } from './clause.js';
import { STAGE, type ArmsEnv, type ArmsMention, type Item } from './env.js';
import { itemsOf } from './items.js';
import { buyerInRole, buyerOf, foreignActor, sellerOf } from './parties.js';

const within = (c: Clause, s: { t0: number; t1: number }) => s.t0 >= c.t0 && s.t1 <= c.t1;



/** "The helicopter purchase, worth $120 million": a clause about the deal already stated, not a new one. */
export function namesTheDeal(a: Annotated, clause: Clause): boolean {
  if (!['the', 'this', 'that'].includes(a.tokens[clause.t0]?.norm ?? '')) return false;
  // The subject, up to its verb: "The $300 million package", "The Government of Brazil's purchase".
  const verbs = dealWords(a, clause).map((w) => w.t0);
  for (let k = clause.t0 + 1; k < Math.min(clause.t1, clause.t0 + 9); k++) {
    if (a.inVocab(k, 'deal-noun')) return true;
    if (verbs.includes(k) || SUBJECT_END.has(a.tokens[k]!.norm)) return false;
  }
  return false;
}

const SUBJECT_END = new Set(['is', 'was', 'are', 'were', 'has', 'have', 'had', 'will', 'would', ',']);

function base(rule: string, env: ArmsEnv): Pick<ArmsMention, 'rule' | 'mention' | 'paragraph'> {
  return { rule, mention: env.mention, paragraph: env.paragraph };
}

/** The amount written right after an item: "20 radars for $125 million". */
function ownPrice(a: Annotated, item: Item, amounts: Spanned<Amount>[]): Spanned<Amount> | undefined {
  return amounts.find((m) => m.t0 >= item.t1 && m.t0 - item.t1 <= 3 && ['for', 'at', 'worth', '('].includes(a.tokens[item.t1]?.norm ?? ''));
}

interface Read {
  clause: Clause;
  words: DealWord[];
  items: Item[];
  amounts: Spanned<Amount>[];
}


/** The deal clauses of a sentence: deal words, not voided, items named, no other region's forces acting. */
function dealClauses(a: Annotated, env: ArmsEnv): Read[] {
  const all = itemsOf(a);
  const out: Read[] = [];
  for (const whole of listsJoined(a, env.clauses, all)) {
    if (namesTheDeal(a, whole)) continue;
    for (const clause of segments(a, whole, all)) {
      const words = dealWords(a, clause);
      if (words.length === 0 || voided(a, clause, words[0]!.t0) || foreignActor(a, actorClause(a, env, clause), words[0]!.t0, statusOf(words))) continue;
      let items = itemsIn(a, all, clause, statusOf(words));
      // "the Northrop F-5 fighters, which Brazil first bought in 1975": the relative's object is the noun before it.
      const antecedent = ['which', 'that'].includes(a.tokens[clause.t0]?.norm ?? '') && a.tokens[clause.t0 - 1]?.text === ',' ? all.find((i) => i.t1 === clause.t0 - 1) : undefined;
      if (items.length === 0 && antecedent) items = [antecedent];
      if (items.length > 0) out.push({ clause, words, items, amounts: amountsIn(a, clause) });
    }
  }
  return out;
}

/**
 * "The $300 million package includes 16 single-seat F-16AM and eight two-seat F-16BM jets": the
 * deal just stated, named again as a package of the items it lists.
 */
export function restatedPackages(a: Annotated, env: ArmsEnv): ArmsMention[] {
  const last = env.earlier.findLast((m) => m.kind === 'deal' || m.kind === 'package');
  if (!last) return [];
  const out: ArmsMention[] = [];
  for (const clause of env.clauses) {
    if (!namesTheDeal(a, clause)) continue;
    const list = a.cue('including').find((c) => within(clause, c));
    const items = list ? itemsOf(a).filter((i) => i.quantity !== null && i.q0 >= list.t1 && i.t1 <= clause.t1) : [];
    const amounts = amountsIn(a, clause);
    if (items.length < 2 || amounts.length !== 1) continue;
    out.push({ ...base('arms/package', env), kind: 'package', buyer: last.buyer, seller: last.seller, items, value: amounts[0]!, year: last.year, status: last.status });
  }
  return out;
}


const kindOf = (i: Item) => i.designation?.designation ?? i.category ?? i.text.toLowerCase();

function isPackage(a: Annotated, r: Read): { parts: Item[]; whole?: Item } | null {
  if (r.amounts.length !== 1) return null;
  const colon = a.tokens.findIndex((t, k) => k > r.clause.t0 && k < r.clause.t1 && t.text === ':');
  const list = a.cue('including').find((c) => within(r.clause, c)) ?? (colon > 0 ? { t0: colon, t1: colon + 1 } : undefined);
  const listed = list ? r.items.filter((i) => i.q0 >= list.t1) : [];
  const designated = r.items.filter((i) => i.designation);
  if (list && listed.length >= 2 && r.amounts[0]!.t0 < list.t0) {
    // "for 20 aircraft: 10 KT-1P trainers and 10 KA-1P": the items before the list are the whole.
    const whole = r.items.find((i) => i.quantity !== null && i.t1 <= list.t0 && list.t0 - i.t1 <= 2);
    return { parts: listed, whole };
  }
  // "24 Su-30 fighters and 10 Mi-17 helicopters for $1 billion": a list of two kinds or more; equipment
  // "along with" the first, or a competitor named apart ("beating the Rafale"), is not a list.
  const counted = r.items.filter((i) => i.quantity !== null);
  if (new Set(r.items.map(kindOf)).size >= 2 && (designated.length >= 2 || counted.length === r.items.length) && coordinated(a, r.items)) return { parts: r.items };
  return null;
}

export const deal: Rule<ArmsEnv, ArmsMention> = {
  id: 'arms/deal',
  table: 'arms-purchases',
  priority: 10,
  description: 'A clause with deal words, equipment and a buyer of the region: a deal, or a deal per counted item, or per priced item.',
  examples: [
    { text: 'Venezuela jets\n\nVenezuela bought 24 Sukhoi Su-30 fighter jets from Russia in 2006.', published: '2007-01-10', expect: [{ buyer_iso3: 'VEN', seller_iso3: 'RUS', quantity: 24, year: 2006, status: 'purchased' }] },
    { text: 'Brazil\n\nThe Brazilian Air Force received 6 KC-390 transport aircraft last year.', published: '2024-03-01', expect: [{ buyer_iso3: 'BRA', quantity: 6, status: 'delivered', year: 2023 }] },
    // A delivery to come is an order; a contract received is an order; a passive sale's buyer is the one the text is about.
    { text: 'Chile\n\nThe Chilean air force will receive eight additional F-16 aircraft from the Netherlands. Textron has received a $88.2 million contract to supply the Argentine Air Force with four T-6C aircraft.', published: '2006-01-30', expect: [{ buyer_iso3: 'CHL', quantity: 8, status: 'ordered' }, { buyer_iso3: 'ARG', quantity: 4, status: 'ordered', value_usd: 88_200_000 }] },
    { text: 'Mexico\n\nMexico bought missile ships from Israel. The two ships were sold for $66 million.', published: '2004-01-06', expect: [{ buyer_iso3: 'MEX', quantity: 2, value_usd: 66_000_000 }] },
    // Two deals of two stages joined by "and", each with its own time.
    { text: 'Mexico\n\nIn 2014, Mexico already ordered 18 UH-60M Black Hawks and in 2015 the country purchased three more Black Hawks.', published: '2016-05-01', expect: [{ buyer_iso3: 'MEX', quantity: 18, year: 2014, status: 'ordered' }, { buyer_iso3: 'MEX', quantity: 3, year: 2015, status: 'purchased' }] },
    // A list goes on after a dash: "40 Engines–36 installed and 4 spares–and 36 M134 Machine Guns".
    { text: 'Mexico\n\nMexico has requested a possible sale of 40 T700-GE-701D Engines–36 installed and 4 spares–and 36 M134 7.62mm Machine Guns.', published: '2014-06-01', expect: [{ buyer_iso3: 'MEX', quantity: 40 }, { buyer_iso3: 'MEX', quantity: 36 }] },
    // A sale verb's subject sells, its buyer is named in its role; a year owned by a noun ("their 1982 war") dates nothing.
    { text: 'Skyhawks\n\nThe United States is selling Argentina 36 A-4 Skyhawks to replace planes lost in their 1982 war. Spain sold 12 C-295 planes to Venezuela.', published: '1994-03-04', expect: [{ buyer_iso3: 'ARG', seller_iso3: 'USA', quantity: 36, year: 1994, status: 'ordered' }, { buyer_iso3: 'VEN', seller_iso3: 'ESP', quantity: 12, status: 'purchased' }] },
    {
      text: 'Peru\n\nPeru received two C-27J transports in 2015 and ordered four Mi-171 helicopters for $60 million.',
      published: '2016-01-01',
      expect: [
        { buyer_iso3: 'PER', quantity: 2, status: 'delivered', value_usd: null },
        { buyer_iso3: 'PER', quantity: 4, status: 'ordered', value_usd: 60_000_000 },
      ],
    },
  ],
  counterExamples: [
    { text: 'Aid\n\nThe United States donated 4 Bell 412 helicopters to Guatemala.' },
    { text: 'Ecuador ships\n\nThe design is also used by the Indonesian Navy, which ordered four patrol vessels in 2021.' },
    { text: 'Chile\n\nThere is talk in Santiago of F-16 fighters as the next purchase for Chile.' },
    { text: 'Ecuador\n\nEcuador will sell the three remaining Dhruv utility helicopters.' },
    // Something said is not delivered equipment.
    { text: 'Visit\n\nDefense Secretary Donald Rumsfeld delivered his comments before traveling to Manaus to get a briefing on Brazil\'s radar monitoring system.' },
    // A fleet, and equipment the United States pays for.
    { text: 'Colombia\n\nColombia operates 28 UH-60s and the police will shortly take delivery of three modified helicopters funded by the State Department.' },
    { text: 'Colombia\n\nThe 33 UH-1Ns for Colombia are former Canadian Forces machines purchased by the State Department.' },
  ],
  find(a: Annotated, env: ArmsEnv): ArmsMention[] {
    const out: ArmsMention[] = [];
    for (const r of dealClauses(a, env)) {
      if (isPackage(a, r)) continue;
      const cue = r.words[0]!.t0;
      // The subject of "sell" is the seller: a sale is ours only when its buyer is named in its role
      // ("Spain sold 12 planes to Venezuela"), not when a country of the region sells ("Ecuador will sell its helicopters").
      const selling = r.words.some((w) => a.tokens.slice(w.t0, w.t0 + 3).some((t) => /^(?:sell|sold|supply)/.test(t.norm)));
      // ("The two ships were sold for $66 million": in the passive the buyer is the one the text is about.)
      const passive = r.words.some((w) => /^(?:sold|supplied)$/.test(a.tokens[w.t0]!.norm) && ['was', 'were', 'been', 'be', 'is', 'are'].includes(a.tokens[w.t0 - 1]?.norm ?? ''));
      if (selling && !passive && !buyerInRole(a, r.clause)) continue;
      const buyer = buyerOf(a, env, actorClause(a, env, r.clause), cue);
      if (!buyer) continue;
      // ... and its subject, a country before the verb, is the seller.
      const vendor = selling ? a.places.filter((p) => p.t0 >= r.clause.t0 && p.t1 <= cue && p.kind !== 'region' && p.country !== buyer).at(-1)?.country : undefined;
      const status = statusOf(r.words);
      const proposed = status !== null && STAGE[status] <= STAGE.approved;
      const make = (items: Item[], value: Spanned<Amount> | null): ArmsMention => ({
        ...base(this.id, env),
        kind: 'deal',
        buyer,
        seller: vendor ?? sellerOf(a, env, items, buyer, proposed),
        items,
        value,
        year: yearOf(a, env, r.clause, cue),
        status,
      });
      // "44 F-16s, including 10 Block 50 models purchased in the early 2000s": a participle right
      // after an item is that item's; the fleet it belongs to is not the deal.
      const participle = a.tokens[cue]!.norm.endsWith('ed') ? r.items.find((i) => cue - i.t1 >= 0 && cue - i.t1 <= 1) : undefined;
      if (participle) r.items = [participle];
      const priced = r.items.map((i) => ownPrice(a, i, r.amounts));
      const quantified = r.items.filter((i) => i.quantity !== null);
      if (r.amounts.length >= 2 && priced.filter(Boolean).length >= 2) {
        r.items.forEach((i, k) => priced[k] && out.push(make([i], priced[k]!)));
      } else if (r.amounts.length === 0 && quantified.length >= 2) {
        for (const i of quantified) out.push(make([i], null));
      } else {
        const principal = quantified[0] ?? r.items[0]!;
        const value = r.amounts[0] ?? null;
        // A deal with no figure: only when it names the equipment or says it was bought, and not
        // equipment named before ("received the Soviet weapons", "the first aircraft").
        if (principal.quantity === null && !value && (anaphoric(a, principal) || (!principal.designation && !(status && STAGE[status] >= STAGE.purchased)))) continue;
        out.push(make([principal], value));
      }
    }
    return out;
  },
};

export const pack: Rule<ArmsEnv, ArmsMention> = {
  id: 'arms/package',
  table: 'arms-purchases',
  priority: 11,
  description: 'One amount for several kinds of equipment: an aggregate row, and each counted item a row that points at it.',
  examples: [
    {
      text: 'Peru shopping\n\nPeru signed a contract in 2013 worth about $400 million, including 24 Mi-171 helicopters and 2 C-27J transport aircraft.',
      published: '2013-12-01',
      expect: [
        { buyer_iso3: 'PER', value_usd: 400_000_000, quantity: null, status: 'ordered' },
        { buyer_iso3: 'PER', quantity: 24, value_usd: null },
        { buyer_iso3: 'PER', quantity: 2, value_usd: null },
      ],
    },
    {
      // Counted items of two kinds, one amount for both: a package, without designations too.
      text: 'Spain\n\nSpain agreed to sell 12 military planes and eight boats to Venezuela in a $2 billion deal.',
      published: '2005-11-28',
      expect: [
        { buyer_iso3: 'VEN', value_usd: 2_000_000_000, quantity: null, status: 'ordered' },
        { buyer_iso3: 'VEN', quantity: 12, value_usd: null },
        { buyer_iso3: 'VEN', quantity: 8, value_usd: null },
      ],
    },
  ],
  counterExamples: [{ text: 'Peru\n\nPeru bought 24 Mi-171 helicopters for $400 million.' }],
  find(a: Annotated, env: ArmsEnv): ArmsMention[] {
    const out: ArmsMention[] = restatedPackages(a, env).map((m) => ({ ...m, rule: this.id }));
    for (const r of dealClauses(a, env)) {
      const p = isPackage(a, r);
      if (!p) continue;
      const buyer = buyerOf(a, env, actorClause(a, env, r.clause), r.words[0]!.t0);
      if (!buyer) continue;
      const status = statusOf(r.words);
      out.push({
        ...base(this.id, env),
        kind: 'package',
        buyer,
        seller: sellerOf(a, env, p.parts, buyer, status !== null && STAGE[status] <= STAGE.approved),
        items: p.parts,
        whole: p.whole,
        value: r.amounts[0]!,
        year: yearOf(a, env, r.clause, r.words[0]!.t0),
        status,
      });
    }
    return out;
  },
};
