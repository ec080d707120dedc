// Sentences that go on about the deal just stated: its item lines ("Four (4) Bell 412
// helicopters"), its cost in a sentence of its own ("The estimated cost is $556 million", "The
// helicopter purchase, worth $120 million"), the deal named again ("the proposed sale of the
// torpedoes"), and its equipment in a deal of its own ("Chile signed for the pair in March 2021").
import type { Annotated } from '../../annotate/sentence.js';
import type { Rule } from '../rule.js';
import type { Clause } from '../visits/env.js';
import { amountsIn, anaphoric, dealWords, statusOf, voided, yearOf } from './clause.js';
import { namesTheDeal, restatedPackages } from './deal.js';
import { STAGE, lastDeal, type ArmsEnv, type ArmsMention, type Item } from './env.js';
import { itemsOf } from './items.js';

const whole = (a: Annotated): Clause => ({ t0: 0, t1: a.tokens.length });
/** How many paragraphs after a deal its cost or item lines may follow (notifications put them on lines of their own). */
const FOLLOW_PARAGRAPHS = 2;

/** How many lines after a deal its list of items may run (a notification's list, one item per line). */
const LIST_PARAGRAPHS = 8;

function near(env: ArmsEnv, reach = FOLLOW_PARAGRAPHS): ArmsMention | undefined {
  const last = lastDeal(env);
  return last && env.paragraph - last.paragraph <= reach ? last : undefined;
}

/** Another buyer of the region named in the sentence: it is not about the deal just stated. */
function otherBuyer(a: Annotated, last: ArmsMention): boolean {
  return a.places.some((p) => p.country.region === 'lac' && p.kind !== 'region' && p.country !== last.buyer);
}

export const itemLine: Rule<ArmsEnv, ArmsMention> = {
  id: 'arms/item-line',
  table: 'arms-purchases',
  priority: 20,
  description: 'A counted, named item with no deal words of its own, after a deal: a line of that deal\'s list of items.',
  examples: [
    {
      text: 'Uruguay – Bell 412 Helicopters\n\nThe State Department has approved a possible Foreign Military Sale to Uruguay of Bell 412 helicopters and related equipment for an estimated cost of $120 million.\n\nMajor Defense Equipment (MDE):\nFour (4) Bell 412 helicopters\nTen (10) T700-GE-701D engines',
      published: '2022-05-02',
      expect: [
        { buyer_iso3: 'URY', value_usd: 120_000_000, designation: null },
        { buyer_iso3: 'URY', quantity: 4, value_usd: null },
        { buyer_iso3: 'URY', quantity: 10, value_usd: null },
      ],
    },
    {
      // A list opened by "Also included:" is the deal's: its items need no designation.
      text: 'Chile – Howitzers\n\nThe Government of Chile has requested a possible sale of 12 M109A5 155mm Self-Propelled Howitzers for an estimated cost of $275 million. Also included: 28 Camouflage Systems, 4 5-ton trucks.',
      published: '2009-06-15',
      expect: [
        { buyer_iso3: 'CHL', quantity: 28, value_usd: null },
        { buyer_iso3: 'CHL', quantity: 4, value_usd: null },
      ],
    },
  ],
  counterExamples: [{ text: 'Fleet\n\nThe air force flies Four (4) Bell 412 helicopters.' }],
  find(a: Annotated, env: ArmsEnv): ArmsMention[] {
    const last = near(env, LIST_PARAGRAPHS);
    if (!last || otherBuyer(a, last) || a.money.length > 0 || voided(a, whole(a), 0)) return [];
    const all = itemsOf(a).filter((i) => i.quantity !== null);
    const make = (i: Item, kind: ArmsMention['kind'] = 'item-line'): ArmsMention => ({ rule: this.id, kind, mention: env.mention, paragraph: env.paragraph, buyer: last.buyer, seller: last.seller, items: [i], value: null, year: last.year, status: last.status });
    // A list line: the sentence opens with the count ("Four (4) Bell 412 helicopters") and states nothing else.
    // Opened by "Also included:", the list is the deal's by its own words: its items need no designation.
    if (all[0] && (all[0].q0 <= 1 || a.tokens[all[0].q0 - 1]?.text === ':') && dealWords(a, whole(a)).length === 0 && !a.cue('owned').some((c) => a.tokens[c.t0]!.norm !== 'the')) {
      const included = a.cue('including').some((c) => c.t1 <= all[0]!.q0 && c.t0 <= 2);
      return all.filter((i) => i.designation || included).map((i) => make(i));
    }
    // "The package, financed over four years, includes four H145M helicopters, two ... vessels; and ...": the deal's items, named or not.
    const out: ArmsMention[] = [];
    for (const c of listingClauses(a, env)) {
      const items = all.filter((i) => i.q0 >= c.t0 && i.q0 < c.t1);
      // "The order covers 17 aircraft: fifteen Gripen Es and two Gripen Fs": the whole restates the deal's count; the parts break it down.
      const colon = a.tokens.findIndex((t, k) => k > c.t0 && k < c.t1 && t.text === ':');
      const wholeItem = colon > 0 ? items.find((i) => i.t1 === colon) : undefined;
      const parts = items.filter((i) => i !== wholeItem);
      if (wholeItem && parts.reduce((n, i) => n + i.quantity!, 0) === wholeItem.quantity) out.push(make(wholeItem, 'restated'));
      else out.push(...items.map((i) => make(i)));
    }
    return out;
  },
};

/**
 * Clauses that list the items of the deal named as their subject ("The package includes ..."), each
 * with the clauses after a colon or a semicolon that go on with the list.
 */
function listingClauses(a: Annotated, env: ArmsEnv): Clause[] {
  const out: Clause[] = [];
  let open = false;
  for (const c of env.clauses) {
    const goesOn = open && [':', ';'].includes(a.tokens[c.t0 - 1]?.text ?? '') && dealWords(a, c).length === 0;
    if (goesOn) out[out.length - 1] = { t0: out.at(-1)!.t0, t1: c.t1 };
    else {
      open = namesTheDeal(a, c) && a.cue('including').some((i) => i.t0 >= c.t0 && i.t1 <= c.t1);
      if (open) out.push(c);
    }
  }
  return out;
}

export const cost: Rule<ArmsEnv, ArmsMention> = {
  id: 'arms/cost',
  table: 'arms-purchases',
  priority: 21,
  description: 'A price in a sentence of its own, or a clause that names the deal again with a price: the cost of the deal just stated.',
  examples: [
    {
      text: 'Peru\n\nThe Peruvian army has agreed to buy eight Mi-171 helicopters from Russia. The helicopter purchase, worth $120 million, was signed in March.',
      published: '2015-06-01',
      expect: [{ buyer_iso3: 'PER', quantity: 8, value_usd: 120_000_000 }],
    },
  ],
  counterExamples: [],
  find(a: Annotated, env: ArmsEnv): ArmsMention[] {
    const last = near(env);
    const amounts = amountsIn(a, whole(a));
    if (!last || amounts.length !== 1 || otherBuyer(a, last)) return [];
    const named = env.clauses.some((c) => namesTheDeal(a, c));
    const priced = a.cue('cost').length > 0;
    // Equipment named again ("the ship", "The four DA40 airplanes") may be there: the price is the
    // deal's, or that item's when it is counted.
    const items = itemsOf(a);
    const restating = items.every((i) => anaphoric(a, i));
    if (!(named || (priced && restating)) || restatedPackages(a, env).length > 0) return [];
    const together = a.cue('together').length > 0;
    const item = named ? undefined : items.find((i) => i.quantity !== null);
    return [{ rule: this.id, kind: 'cost', mention: env.mention, paragraph: env.paragraph, buyer: last.buyer, seller: last.seller, items: item ? [item] : [], value: amounts[0]!, year: last.year, status: last.status, together }];
  },
};

export const restated: Rule<ArmsEnv, ArmsMention> = {
  id: 'arms/restated',
  table: 'arms-purchases',
  priority: 22,
  description: 'The deal just stated, named again with "the" or "these" and no figure: another mention of it, not a new deal.',
  examples: [
    {
      text: 'Argentina\n\nArgentina ordered 12 F-16 fighters from Denmark for $300 million in 2024.\n\nThe sale of these F-16 fighters will replace the Mirage fleet.',
      published: '2024-05-01',
      expect: [{ buyer_iso3: 'ARG', quantity: 12, value_usd: 300_000_000 }],
      expectEvidence: [{ rule: 'arms/restated', quote: 'The sale of these F-16 fighters' }],
    },
  ],
  counterExamples: [],
  find(a: Annotated, env: ArmsEnv): ArmsMention[] {
    const last = lastDeal(env);
    if (!last || amountsIn(a, whole(a)).length > 0) return [];
    const items = itemsOf(a).filter((i) => i.quantity === null && a.cue('anaphora').some((c) => c.t1 <= i.t0 && i.t0 - c.t1 <= 2));
    const same = items.find((i) => last.items.some((j) => (j.designation && j.designation === i.designation) || (!i.designation && j.category === i.category)));
    if (!same || a.cue('deal-noun').length === 0) return [];
    return [{ ...last, rule: this.id, kind: 'restated', mention: env.mention, paragraph: env.paragraph, value: null, whole: undefined }];
  },
};

const NUMBER_WORDS: Record<string, number> = { pair: 2, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, both: 2 };
/** Words after "the two" or "both" that show it counts no equipment. */
const NOT_EQUIPMENT = new Set(['of', 'countries', 'governments', 'sides', 'nations', 'men', 'companies', 'leaders', 'ministers', 'presidents']);

export const sameEquipment: Rule<ArmsEnv, ArmsMention> = {
  id: 'arms/same-equipment',
  table: 'arms-purchases',
  priority: 23,
  description: '"signed for the pair", "bought both": a deal of its own for the equipment of the deal just stated.',
  examples: [
    {
      text: 'Chile ships\n\nThe shipyard delivered the first of two patrol vessels built for the Chilean navy on Monday.\n\nChile signed for the pair in March 2021.',
      published: '2023-05-02',
      expect: [
        { buyer_iso3: 'CHL', quantity: 1, status: 'delivered' },
        { buyer_iso3: 'CHL', quantity: 2, status: 'ordered', year: 2021 },
      ],
    },
  ],
  counterExamples: [{ text: 'Talks\n\nChile bought two patrol vessels from Spain in 2019. Both countries signed for closer cooperation in 2020.' }],
  find(a: Annotated, env: ArmsEnv): ArmsMention[] {
    const last = lastDeal(env);
    if (!last || last.kind === 'package' || itemsOf(a).length > 0 || otherBuyer(a, last)) return [];
    const words = dealWords(a, whole(a));
    const status = statusOf(words);
    if (!status || STAGE[status] < STAGE.ordered || voided(a, whole(a), words[0]!.t0)) return [];
    // "both countries", "the two contracts": no equipment.
    const counted = (i: number) => NOT_EQUIPMENT.has(a.tokens[i + 1]?.norm ?? '') || a.inVocab(i + 1, 'deal-noun') !== undefined;
    const k = a.tokens.findIndex((t, i) => (t.norm === 'both' || (a.tokens[i - 1]?.norm === 'the' && t.norm in NUMBER_WORDS)) && !counted(i));
    if (k < 0) return [];
    const quantity = NUMBER_WORDS[a.tokens[k]!.norm]!;
    const items = last.items.slice(0, 1).map((i) => ({ ...i, quantity }));
    return [{ rule: this.id, kind: 'same-equipment', mention: env.mention, paragraph: env.paragraph, buyer: last.buyer, seller: last.seller, items, value: null, year: yearOf(a, env, whole(a), k), status }];
  },
};
