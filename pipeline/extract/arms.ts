// Arms purchases: a Latin American or Caribbean buyer, equipment, and a purchase, request, approval
// or delivery cue whose wording gives the status. Grants, donations and aid are not purchases.
import { findAmounts, findCounts } from '../lib/amounts.js';
import { findDates, findYears } from '../lib/dates.js';
import type { Country, Mention as LexMention, Designation, EquipmentNoun } from '../lib/reference.js';
import type { ArmsStatus } from '../types.js';
import type { DocContext, Sentence } from './context.js';
import type { ArmsFact, Mention } from './facts.js';

const STATUS_CUES: [ArmsStatus, RegExp][] = [
  ['proposed', /\b(?:request(?:ed|s|ing)?|seek(?:s|ing)?|sought|wants?\s+to\s+(?:buy|purchase|acquire)|possible\s+(?:Foreign\s+Military\s+)?sale|proposed\s+(?:sale|deal|purchase|acquisition|transfer)|notif(?:ied|ies|y|ication)|plans?\s+to\s+(?:buy|purchase|acquire)|(?:is|are|was)\s+considering|negotiat(?:e|es|ed|ing|ions?)|interested\s+in\s+(?:buying|purchasing|acquiring))\b/i],
  ['approved', /\b(?:approv(?:ed|es|ing|al)|authoriz(?:ed|es|ing)|green[- ]?light(?:ed|s)?)\b/i],
  ['ordered', /\b(?:ordered|orders|placed\s+an?\s+order|signed\s+(?:a|an)\s+(?:[^.]{0,40}?\s)?(?:contract|deal|agreement)|contracted|agreed\s+to\s+(?:buy|purchase|acquire)|will\s+(?:buy|purchase|acquire)|(?:is|are)\s+(?:buying|purchasing|acquiring))\b/i],
  ['purchased', /\b(?:bought|purchased|acquired|buying\s+binge|shopping\s+spree)\b/i],
  ['delivered', /\b(?:delivered|took\s+delivery|taken\s+delivery|received|handed\s+over)\b/i],
];
const STAGE: Record<ArmsStatus, number> = { proposed: 1, approved: 2, ordered: 3, purchased: 4, delivered: 5 };
// A sale or purchase named as a noun: a fact only with a figure or a named designation.
const WEAK_CUE = /\b(?:sale|sales|deal|purchase|purchases|acquisition|acquire|buy|sell|sold|sells)\b/i;
// Not purchases: free transfers, aid, construction, and money that is training or assistance.
const NOT_PURCHASE = /\b(?:grant(?:s|ed)?|donat(?:e|ed|es|ing|ion|ions)|gift(?:s|ed)?|free\s+of\s+charge|at\s+no\s+cost|excess\s+defense\s+articles|lend|lent|loan(?:s|ed)?|leas(?:e|ed|es|ing)|wall|hurricane|earthquake|disaster|humanitarian|relief|capacity[- ]building|(?:security|military|foreign|counternarcotics|counterdrug|economic)\s+assistance|appropriat(?:ed|ion|ions))\b/i;
const ANAPHORIC = /\b(?:the|these|those|this|that|such)\s+(?:\w+\s+){0,2}$/i;
const OTHER_TIME = /\b(?:existing|previous|previously|earlier|older|old|former|current)\s+(?:\w+\s+)?$/i;
const US_SALE = /\b(?:Foreign\s+Military\s+Sales?|FMS|Defense\s+Security\s+Cooperation\s+Agency|DSCA|State\s+Department|Department\s+of\s+State|Pentagon|U\.S\.\s+(?:contractors?|companies|firms|government|manufacturers?)|from\s+the\s+(?:U\.S\.|United\s+States))\b/;
const COST_SENTENCE = /\b(?:estimated\s+(?:total\s+)?(?:case\s+)?(?:cost|value)|total\s+(?:case\s+)?value|valued\s+at|worth|cost)\b/i;
const INCLUDING = /\b(?:including|includes|include|such\s+as|among\s+them|comprising)\b/i;
const DECADE = /\b(?:1[89]|20)\d0s\b/;
const BUYER_ROLE = /(?:Government\s+of\s+(?:the\s+)?|sale\s+to\s+(?:the\s+)?(?:Government\s+of\s+)?|sell\s+[^.]{0,60}?\bto\s+(?:the\s+)?|between\s+)$/i;

// Between a designation and its noun only more of the name: "M1152 High Mobility ... Vehicles".
const NAME_GAP = /^(?:\s+[A-Z0-9][\w-]*|\s*\([^)]*\))*\s*$/;

interface Item {
  start: number;
  end: number;
  text: string;
  designation: Designation | null;
  noun: EquipmentNoun | null;
  quantity: number | null;
}

export interface ArmsState {
  /** Facts found so far in the document, for follow-up sentences ("The estimated cost is $556 million."). */
  facts: ArmsFact[];
}

export function findArms(s: Sentence, ctx: DocContext, mention: Mention, state: ArmsState, previous: Sentence | null): ArmsFact[] {
  const text = s.text;
  if (NOT_PURCHASE.test(text)) return [];
  let status: ArmsStatus | null = null;
  for (const [stage, cue] of STATUS_CUES) if (cue.test(text) && (!status || STAGE[stage] > STAGE[status])) status = stage;
  const weak = WEAK_CUE.test(text);
  const amounts = findAmounts(text);
  const items = findItems(text, ctx, amounts);

  if (items.length === 0) return followUp(s, ctx, mention, state, amounts);
  if (!status && !weak) return [];

  const buyer = findBuyer(s, ctx, previous);
  if (!buyer) return [];
  const seller = findSeller(text, ctx, items, buyer, status);
  const year = yearOf(s, ctx, previous);
  const value = amounts[0] ?? null;
  const base = {
    table: 'arms-purchases' as const,
    mention,
    buyer_iso3: buyer.iso3,
    buyer: buyer.name,
    seller_iso3: seller?.iso3 ?? null,
    seller: seller?.name ?? null,
    year,
    status,
  };
  const make = (item: Item, withValue: boolean, part_of: ArmsFact | null): ArmsFact => ({
    ...base,
    item: item.text,
    designation: item.designation?.designation ?? null,
    category: item.designation?.category ?? item.noun?.category ?? null,
    quantity: item.quantity,
    value_usd: withValue && value ? value.usd : null,
    value_qualifier: withValue && value ? value.qualifier : null,
    part_of,
  });

  const listAt = INCLUDING.exec(text);
  const listed = listAt ? items.filter((i) => i.start > listAt.index!) : [];
  const out: ArmsFact[] = [];
  if (value && listAt && listed.length >= 2 && value.start < listAt.index!) {
    // One amount for several items: the aggregate is a row, each quantified item a row that points at it.
    const aggregate: ArmsFact = {
      ...base,
      item: text.slice(listAt.index! + listAt[0].length, listed.at(-1)!.end).trim(),
      designation: null,
      category: null,
      quantity: null,
      value_usd: value.usd,
      value_qualifier: value.qualifier,
      part_of: null,
    };
    out.push(aggregate);
    for (const item of listed) if (item.quantity) out.push(make(item, false, aggregate));
  } else {
    const principal = items.find((i) => i.quantity !== null) ?? items[0]!;
    const before = text.slice(0, principal.start);
    const figureless = principal.quantity === null && !value;
    if (figureless && !principal.designation && !(status && STAGE[status] >= STAGE.purchased)) return [];
    if (figureless && ANAPHORIC.test(before) && !OTHER_TIME.test(before)) {
      // "the proposed sale of the torpedoes": another mention of a fact already found.
      const earlier = state.facts.findLast((f) => f.buyer_iso3 === buyer.iso3);
      if (earlier) out.push({ ...earlier, mention, derived: true });
      return record(state, out);
    }
    const fact = make(principal, true, null);
    if (OTHER_TIME.test(before) || DECADE.test(text)) fact.year = explicitYear(text);
    out.push(fact);
  }
  return record(state, out);
}

function record(state: ArmsState, facts: ArmsFact[]): ArmsFact[] {
  state.facts.push(...facts);
  return facts;
}

/** "The estimated cost is $556 million.": a figure for the fact just stated in the same paragraph. */
function followUp(s: Sentence, ctx: DocContext, mention: Mention, state: ArmsState, amounts: ReturnType<typeof findAmounts>): ArmsFact[] {
  const last = state.facts.at(-1);
  if (!last || amounts.length !== 1 || !COST_SENTENCE.test(s.text)) return [];
  const lastSentence = ctx.sentences.find((x) => x.start === last.mention.start);
  if (!lastSentence || lastSentence.paragraph !== s.paragraph) return [];
  if (ctx.ref.findPlaces(s.text).some((p) => p.country.region === 'lac' && p.country.iso3 !== last.buyer_iso3)) return [];
  const amount = amounts[0]!;
  if (last.value_usd !== null && Math.abs(last.value_usd - amount.usd) > last.value_usd * 0.01) return [];
  return record(state, [{ ...last, mention, value_usd: amount.usd, value_qualifier: last.value_qualifier ?? amount.qualifier, derived: true }]);
}

function findItems(text: string, ctx: DocContext, amounts: { start: number; end: number }[]): Item[] {
  const designations = ctx.ref.findEquipment(text);
  const nouns = ctx.ref.findEquipmentNouns(text);
  const counts = findCounts(text, amounts).filter((c) => c.value < 1_000_000 && !(c.value >= 1900 && c.value <= 2100 && /^\d{4}$/.test(text.slice(c.start, c.end).trim())));
  const items: Item[] = [];
  const used = new Set<LexMention<EquipmentNoun>>();
  for (const d of designations) {
    // Extend "Black Hawk" to "Black Hawk helicopters" and "M1152 ... Vehicles (HMMWVs)".
    let end = d.end;
    const noun = nouns.find((n) => n.start >= d.end && n.start - end <= 60 && NAME_GAP.test(text.slice(end, n.start)));
    if (noun) {
      end = noun.end;
      used.add(noun);
    }
    const paren = /^\s*\([^)]{1,30}\)/.exec(text.slice(end));
    if (paren) end += paren[0].length;
    for (const later of designations) if (later.start >= d.end && later.end <= end) later.start = -1;
    if (d.start < 0) continue;
    items.push({ start: d.start, end, text: text.slice(d.start, end), designation: d.entry, noun: noun?.entry ?? null, quantity: null });
  }
  for (const n of nouns) {
    if (used.has(n) || items.some((i) => n.start < i.end && n.end > i.start)) continue;
    items.push({ start: n.start, end: n.end, text: n.text, designation: null, noun: n.entry, quantity: null });
  }
  items.sort((a, b) => a.start - b.start);
  for (const item of items) {
    const count = counts.filter((c) => c.end <= item.start && /^\s*(?:[A-Za-z-]+\s+){0,3}$/.test(text.slice(c.end, item.start)) && !/\b(?:of|and|in|for)\s/i.test(text.slice(c.end, item.start))).at(-1);
    if (count && !items.some((o) => o !== item && o.start > count.end && o.end <= item.start && o.designation === null && o.noun === null)) {
      item.quantity = count.value;
      const lead = text.slice(count.end, item.start);
      item.text = (lead.trim() ? `${lead.trim()} ` : '') + item.text;
    }
  }
  return items.filter((i) => i.designation || i.noun);
}

function findBuyer(s: Sentence, ctx: DocContext, previous: Sentence | null): Country | null {
  const text = s.text;
  const places = ctx.ref.findPlaces(text).filter((p) => p.country.region === 'lac');
  const roles = places.filter((p) => BUYER_ROLE.test(text.slice(Math.max(0, p.start - 80), p.start)) || (p.kind === 'demonym' && /^\s+(?:government|military|armed forces|army|navy|air force|marines|forces|police|officials)\b/i.test(text.slice(p.end))));
  if (roles.length > 0) return roles[0]!.country;
  const countries = [...new Set(places.filter((p) => p.kind !== 'city').map((p) => p.country))];
  if (countries.length === 1) return countries[0]!;
  if (countries.length > 1) return null;
  // "It bought ...", "The government has requested ...": the country of the sentence before.
  if (previous && previous.paragraph >= s.paragraph - 1 && /^(?:It|The\s+(?:country|government|nation|military))\b/.test(text.trim())) {
    const prev = [...new Set(ctx.ref.findPlaces(previous.text).filter((p) => p.country.region === 'lac' && p.kind !== 'city').map((p) => p.country))];
    if (prev.length === 1) return prev[0]!;
  }
  if (previous && previous.paragraph === s.paragraph && /^The\s+(?:existing|new|first|remaining)\b/i.test(text.trim())) {
    const prev = [...new Set(ctx.ref.findPlaces(previous.text).filter((p) => p.country.region === 'lac').map((p) => p.country))];
    if (prev.length === 1) return prev[0]!;
  }
  return null;
}

function findSeller(text: string, ctx: DocContext, items: Item[], buyer: Country, status: ArmsStatus | null): Country | null {
  for (const p of ctx.ref.findPlaces(text)) {
    if (p.country === buyer) continue;
    const before = text.slice(Math.max(0, p.start - 12), p.start);
    if (/\bfrom\s+(?:the\s+)?$/i.test(before) && p.kind !== 'demonym') return p.country;
    if (p.kind === 'demonym' && /^-(?:made|built|designed|manufactured)\b/.test(text.slice(p.end))) return p.country;
  }
  // A U.S. notification or release speaks for the sale it announces, not for every purchase it mentions.
  if (US_SALE.test(text) || (US_SALE.test(ctx.doc.meta.publisher) && status !== null && STAGE[status] <= STAGE.approved)) return ctx.ref.country('USA') ?? null;
  const maker = items.find((i) => i.designation)?.designation?.maker_iso3;
  return maker && maker !== buyer.iso3 ? (ctx.ref.country(maker) ?? null) : null;
}

function explicitYear(text: string): number | null {
  const y = findYears(text).find((m) => m.cue !== 'since');
  return y ? y.year : null;
}

function yearOf(s: Sentence, ctx: DocContext, previous: Sentence | null): number | null {
  const own = findDates(s.text, ctx.doc.meta.published).find((d) => !d.relative)?.date.year ?? explicitYear(s.text);
  if (own) return own;
  if (DECADE.test(s.text)) return null;
  if (previous && previous.paragraph === s.paragraph) {
    const y = explicitYear(previous.text);
    if (y) return y;
  }
  return ctx.dateline?.date?.year ?? ctx.published.year;
}
