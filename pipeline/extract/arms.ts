// Arms purchases: a Latin American or Caribbean buyer, equipment, and a purchase, request, approval
// or delivery cue whose wording gives the status. Grants, donations and aid are not purchases.
import { findAmounts, findCounts } from '../lib/amounts.js';
import { findDates, findYears } from '../lib/dates.js';
import type { Country, Mention as LexMention, Designation, EquipmentNoun } from '../lib/reference.js';
import type { ArmsStatus } from '../types.js';
import type { DocContext, Sentence } from './context.js';
import type { ArmsFact, Mention } from './facts.js';
import { allMatches } from '../lib/text.js';

const STATUS_CUES: [ArmsStatus, RegExp][] = [
  ['proposed', /\b(?:request(?:ed|s|ing)?|seek(?:s|ing)?|sought|wants?\s+to\s+(?:buy|purchase|acquire)|possible\s+(?:Foreign\s+Military\s+)?sale|proposed\s+(?:sale|deal|purchase|acquisition|transfer)|notif(?:ied|ies|y|ication)|plans?\s+to\s+(?:buy|purchase|acquire)|(?:is|are|was)\s+considering|negotiat(?:e|es|ed|ing|ions?)|interested\s+in\s+(?:buying|purchasing|acquiring))\b/i],
  ['approved', /\b(?:approv(?:ed|es|ing|al)|authoriz(?:ed|es|ing)|green[- ]?light(?:ed|s)?)\b/i],
  ['ordered', /\b(?:ordered|orders|placed\s+an?\s+order|signed\s+(?:(?:a|an|the)\s+)?(?:(?:[^.]|\.\d){0,60}?\s)?(?:contracts?|deals?|agreements?)|signed\s+for|(?:both|were|was)\s+signed|subscrib(?:ed|es)\s+(?:(?:a|an|the)\s+)?contracts?|contracted|agreed\s+to\s+(?:buy|purchase|acquire)|will\s+(?:buy|purchase|acquire)|(?:is|are)\s+(?:also\s+|now\s+|still\s+)?(?:buying|purchasing|acquiring))\b/i],
  ['purchased', /\b(?:bought|purchased|acquired|buying\s+binge|shopping\s+spree)\b/i],
  ['delivered', /\b(?:delivered|took\s+delivery|taken\s+delivery|received|(?:reached|arrived\s+in)\s+(?=[A-Z]))/i],
];
const STAGE: Record<ArmsStatus, number> = { proposed: 1, approved: 2, ordered: 3, purchased: 4, delivered: 5 };
// A sale or purchase named as a noun: a fact only with a figure or a named designation.
const WEAK_CUE = /\b(?:sale|sales|deal|purchase|purchases|acquisition|acquire|buy|sell|sold|sells|contract|package)\b/i;
// Not purchases: free transfers, aid, construction, and money that is training or assistance.
const NOT_PURCHASE = /\b(?:grant(?:s|ed)?|donat(?:e|ed|es|ing|ion|ions)|gift(?:s|ed)?|free\s+of\s+charge|at\s+no\s+cost|excess\s+defense\s+articles|lend|lent|loan(?:s|ed)?|leas(?:e|ed|es|ing)|wall|hurricane|earthquake|disaster|humanitarian|relief|capacity[- ]building|(?:security|military|foreign|counternarcotics|counterdrug|economic)\s+assistance|Foreign\s+Military\s+Financing|FMF|appropriat(?:ed|ion|ions))\b/i;
// Not a deal being made: blocked or banned sales, smuggling, seizures, lawsuits, talk and options not
// taken up (lower case: "Block II" is a model).
const NOT_A_DEAL = /\b(?:block(?:s|ed|ing)?|bann?(?:ed|s|ing)?|embargo(?:es|ed)?|suspend(?:s|ed|ing)?|halt(?:s|ed|ing)?|den(?:y|ied|ies)|refus(?:e|ed|es)|veto(?:es|ed)?|smuggl(?:e|ed|ing)|traffick(?:ed|ing)|seiz(?:e|ed|ure|ures)|lawsuit|sued|sues|stolen|cancel(?:s|led|ed|ing)?|handed\s+over|not\s+(?:yet\s+)?(?:decided|bought|purchased|ordered|signed)|undecided|whether\s+to|postpon(?:e|ed|es|ing)|collaps(?:e|ed|es)|fell\s+through|shelved|scrapped|abandon(?:ed|s)?|stalled|rejected|fail(?:ed|s)\s+to|talk\s+(?:[^.;]{0,30}?\s)?of|rumou?r(?:s|ed)?|speculat(?:e|es|ed|ion)|wish\s+list|(?:could|might|may)\s+(?:buy|purchase|acquire|order)|(?:an?|the)\s+option\s+(?:for|on|to\s+buy))\b/;
// "its F-16 fleet", "the Air Force's F-5 fighters": equipment already owned, bought only if a past purchase says so.
const OWNED = /\b(?:its|their|his|her|our|[A-Z][\p{L}.]*['’]s)\s+(?:[\w-]+\s+){0,2}$/u;
const ANAPHORIC = /\b(?:the|these|those|this|that|such)\s+(?:\w+\s+){0,2}$/i;
const OTHER_TIME = /\b(?:existing|previous|previously|earlier|older|old|former|current)\s+(?:\w+\s+)?$/i;
const US_SALE = /\b(?:Foreign\s+Military\s+Sales?|FMS|Defense\s+Security\s+Cooperation\s+Agency|DSCA|State\s+Department|Department\s+of\s+State|Pentagon|U\.S\.\s+(?:contractors?|companies|firms|government|manufacturers?)|from\s+the\s+(?:U\.S\.|United\s+States))\b/;
const COST_SENTENCE = /\b(?:estimated\s+(?:total\s+)?(?:case\s+)?(?:cost|value)|total\s+(?:case\s+)?value|valued\s+at|worth|cost|price[ds]?\s+(?:it\s+)?at|put\s+the\s+(?:price|cost|value)\s+at)\b/i;
// The equipment just named, by number: "Peru's navy signed for the pair in November 2023".
const AGAIN = /\b(?:the\s+(pair|two|three|four|five|six|seven|eight|nine|ten)|both)\b(?!\s+(?:of|countries|governments|sides|nations|men|companies)\b)/i;
const NUMBER_WORDS: Record<string, number> = { pair: 2, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const THE_DEAL = /^\s*(?:The|This|That)\s+(?:[\w-]+\s+){0,2}(?:purchase|deal|order|contract|sale|acquisition)\b|\bthe\s+(?:whole|entire|full)\s+(?:package|deal|contract|order|purchase)\b/;
const INCLUDING = /\b(?:including|includes|include|such\s+as|among\s+them|comprising)\b|:(?=\s+\S)/i;
// Relative phrases that date a deal ("last year", "this month"); "in a year" is a duration, not a date.
const RELATIVE_TIME = /\b(?:last|this|next|ago|yesterday|today|tomorrow|earlier|later|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b/i;
const SIDE_CLAUSE = /,\s+(?:closing|ending|marking|replacing|which|when|who|after|before|since)\b|\s(?:that|which)\s+(?:began|started|ended|was|were)\b/;
const DECADE = /\b(?:1[89]|20)\d0s\b/;
// Another country's forces buying: "the Philippine Navy, which ordered six ..." (a LAC demonym is checked apart).
const FOREIGN_FORCE_BUYS = /\b([A-Z][a-z]+(?:ine|ese|ian|an|ish|i|ch))\s+(?:Navy|Army|Air\s+Force|Marines|Coast\s+Guard|Armed\s+Forces|armed\s+forces|military|government)\s*,?\s*(?:which|that)?\s*(?:has\s+|had\s+)?(?:ordered|bought|purchased|acquired|signed)\b/;
const BUYER_ROLE = /(?:Government\s+of\s+(?:the\s+)?|sale\s+to\s+(?:the\s+)?(?:Government\s+of\s+)?|sell\s+[^.]{0,60}?\bto\s+(?:the\s+)?|between\s+)$/i;

// Between a designation and its noun only more of the name: "M1152 High Mobility ... Vehicles".
const NAME_GAP = /^(?:\s+[A-Z0-9][\w-]*|\s*\([^)]*\))*\s*$/;

interface Item {
  start: number;
  end: number;
  /** Characters between the count and the item name, when a count was found. */
  lead?: number;
  text: string;
  designation: Designation | null;
  noun: EquipmentNoun | null;
  quantity: number | null;
}

export interface ArmsState {
  /** Facts found so far in the document, for follow-up sentences ("The estimated cost is $556 million."). */
  facts: ArmsFact[];
}

export function findArms(s: Sentence, ctx: DocContext, mention: Mention, state: ArmsState, previous: Sentence | null): void {
  const text = s.text;
  // Most sentences name no equipment and state no cost: they are done with two lexicon lookups.
  if (ctx.ref.findEquipment(text).length === 0 && ctx.ref.findEquipmentNouns(text).length === 0 && !COST_SENTENCE.test(text) && !AGAIN.test(text)) return;
  // Grants, blocked sales and the like void their own clause: "bought five jets from France, but
  // Britain has blocked the sale of spare parts" still states the purchase.
  const clauses = clausesOf(text).filter((c) => !NOT_PURCHASE.test(c.text) && !NOT_A_DEAL.test(c.text) && !foreignBuyer(c.text, ctx));
  if (clauses.length === 0) return;
  const open = (at: number) => clauses.some((c) => at >= c.start && at < c.end);
  const kept = clauses.map((c) => c.text).join(' ');
  let status: ArmsStatus | null = null;
  for (const [stage, cue] of STATUS_CUES) if (cue.test(kept) && (!status || STAGE[stage] > STAGE[status])) status = stage;
  const weak = WEAK_CUE.test(kept);
  const amounts = findAmounts(text).filter((a) => open(a.start));
  const bought = status !== null && STAGE[status] >= STAGE.purchased;
  const items = findItems(text, ctx, amounts).filter((i) => open(i.start) && (bought || !OWNED.test(text.slice(0, i.start))));

  // "The helicopter purchase, worth $118 million, ...", "put the whole package ... at $3.6 billion":
  // the deal already stated, named again; its figure belongs to that deal or to none.
  const again = items.length === 0 ? AGAIN.exec(kept) : null;
  if (again && status && STAGE[status] >= STAGE.ordered) return sameEquipment(s, ctx, mention, state, again, status, previous);
  if (items.length === 0 || (THE_DEAL.test(text) && amounts.length > 0)) return followUp(s, ctx, mention, state, amounts);
  if (!status && !weak) return enrich(mention, state, items);

  const buyer = findBuyer(s, ctx, previous, state);
  if (!buyer) return;
  const seller = findSeller(text, ctx, items, buyer, status);
  const year = yearOf(s, ctx, previous);
  const value = amounts[0] ?? null;
  const base = {
    table: 'arms-purchases' as const,
    rule: 'arms/deal',
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
  const kinds = new Set(items.map((i) => i.designation?.designation ?? i.noun?.category ?? i.text));
  const quantified = items.filter((i) => i.quantity !== null);
  if (value && ((listAt && listed.length >= 2 && value.start < listAt.index!) || (kinds.size >= 2 && items.filter((i) => i.designation).length >= 2))) {
    // One amount for several items: the aggregate is a row, each quantified item a row that points at it.
    const parts = listed.length >= 2 ? listed : items;
    // "for 20 aircraft: 10 KT-1P trainers and 10 KA-1P ...": the items before the list are the whole.
    const whole = listAt ? items.find((i) => i.quantity !== null && i.end <= listAt.index! && listAt.index! - i.end <= 2) : undefined;
    const aggregate: ArmsFact = {
      ...base,
      rule: 'arms/package',
      item: whole ? whole.text : text.slice(parts[0]!.start - (parts[0]!.lead ?? 0), parts.at(-1)!.end).trim(),
      designation: null,
      category: whole?.noun?.category ?? null,
      quantity: whole?.quantity ?? null,
      value_usd: value.usd,
      value_qualifier: value.qualifier,
      part_of: null,
      covers: parts.map((i) => i.designation?.designation ?? null).filter((d): d is string => d !== null),
    };
    state.facts.push(aggregate);
    for (const item of parts) if (item.quantity) state.facts.push(make(item, false, aggregate));
    return;
  }
  if (!value && quantified.length >= 2) {
    // "requested to buy twenty-four (24) AIM-120C-8 ... and twelve (12) AIM-9X ...": items of the
    // package the document announced before, or separate purchases when there is none.
    const named = quantified.map((i) => i.designation?.designation).filter((d): d is string => d !== undefined);
    let aggregate = state.facts.findLast((f) => f.buyer_iso3 === buyer.iso3 && f.covers !== undefined && f.year === year) ?? null;
    // "approving a possible sale of UH-60M helicopters ... for $374 million", then "six (6) UH-60M
    // ... and fourteen (14) T700 engines": the priced deal was the whole package.
    const priced = aggregate ? null : state.facts.findLast((f) => f.buyer_iso3 === buyer.iso3 && f.year === year && f.value_usd !== null && f.part_of === null && f.designation !== null && named.includes(f.designation));
    if (priced) {
      priced.covers = named;
      priced.designation = null;
      priced.category = null;
      aggregate = priced;
    }
    for (const item of quantified) state.facts.push(make(item, false, aggregate));
    return;
  }
  const principal = quantified[0] ?? items[0]!;
  const before = text.slice(0, principal.start);
  const figureless = principal.quantity === null && !value;
  if (figureless && !principal.designation && !(status && STAGE[status] >= STAGE.purchased)) return;
  if (figureless && ANAPHORIC.test(before) && !OTHER_TIME.test(before)) {
    // "the proposed sale of the torpedoes": another mention of a fact already found.
    const named = principal.designation?.designation;
    const earlier = state.facts.findLast((f) => f.buyer_iso3 === buyer.iso3 && (!named || f.designation === named || f.covers?.includes(named))) ?? state.facts.findLast((f) => f.buyer_iso3 === buyer.iso3);
    if (earlier) state.facts.push({ ...earlier, rule: 'arms/restated', mention, derived: true, origin: earlier.origin ?? earlier });
    return;
  }
  const fact = make(principal, true, null);
  if (OTHER_TIME.test(before) || DECADE.test(text)) fact.year = explicitYear(text);
  state.facts.push(fact);
}

/** The clause has another region's forces or government buying (a Latin American or Caribbean one is ours). */
function foreignBuyer(text: string, ctx: DocContext): boolean {
  const m = FOREIGN_FORCE_BUYS.exec(text);
  return m !== null && ctx.ref.placeNamed(m[1]!)?.country.region !== 'lac';
}

interface Clause {
  start: number;
  end: number;
  text: string;
}

const CLAUSE_BREAK = /;\s+|,\s+(?=(?:but|while|although|though|whereas|even\s+though)\s)/g;

function clausesOf(text: string): Clause[] {
  const out: Clause[] = [];
  let start = 0;
  for (const m of allMatches(text, CLAUSE_BREAK)) {
    out.push({ start, end: m.index!, text: text.slice(start, m.index!) });
    start = m.index! + m[0].length;
  }
  out.push({ start, end: text.length, text: text.slice(start) });
  return out;
}

/** "Major Defense Equipment (MDE): Twelve (12) MK 54 ...": a quantity for equipment the document is about. */
function enrich(mention: Mention, state: ArmsState, items: Item[]): void {
  for (const item of items) {
    if (item.quantity === null || !item.designation) continue;
    const known = state.facts.findLast((f) => f.designation === item.designation!.designation && (f.quantity === null || f.quantity === item.quantity));
    if (known) {
      state.facts.push({ ...known, rule: 'arms/item-line', mention, item: item.text, quantity: item.quantity, derived: false, listed: true, origin: known.origin ?? known });
      continue;
    }
    // An item line of a package announced before: "Eight (8) UH-60M Black Hawk helicopters".
    const aggregate = state.facts.findLast((f) => f.covers?.includes(item.designation!.designation));
    const priced = aggregate ? undefined : state.facts.findLast((f) => f.listed && f.origin?.value_usd !== null && f.origin?.part_of === null)?.origin;
    if (priced) {
      // A second item line after one that matched the priced deal: the package has several items.
      state.facts.push({ ...priced, rule: 'arms/item-line', mention, item: item.text, designation: item.designation.designation, category: item.designation.category, quantity: item.quantity, derived: false, listed: true, origin: priced });
      continue;
    }
    // A line under a priced deal the document named only in general ("rotary-wing aircraft, engines
    // and support ... $360 million"): that deal is the package, and the line one of its items.
    const whole = aggregate ?? state.facts.findLast((f) => f.value_usd !== null && f.designation === null && f.part_of === null && !f.derived && !f.listed);
    if (whole) {
      whole.covers = [...new Set([...(whole.covers ?? []), item.designation.designation])];
      state.facts.push({ ...whole, rule: 'arms/item-line', mention, item: item.text, designation: item.designation.designation, category: item.designation.category, quantity: item.quantity, value_usd: null, value_qualifier: null, part_of: whole, covers: undefined, derived: false });
    }
  }
}

/**
 * The document's facts once every sentence is read. A mention without figures ("agreed to buy F-16
 * fighter jets") is the same deal as a mention with figures of that equipment in the same document.
 */
export function resolveArms(state: ArmsState): ArmsFact[] {
  promoteListedPackages(state.facts);
  const resolved = state.facts.map((f) => {
    if (f.derived) return f;
    if (f.listed) return f;
    if (!f.designation && f.quantity !== null && f.covers === undefined) {
      // "The four delivered aircraft" after "its first four KT-1P basic trainers": the same items.
      const named = state.facts.find((g) => g !== f && g.designation && g.buyer_iso3 === f.buyer_iso3 && g.year === f.year && g.quantity === f.quantity && g.category === f.category && g.status === f.status);
      return named ? { ...named, mention: f.mention, derived: true } : f;
    }
    if (f.quantity !== null || f.value_usd !== null || !f.designation) return f;
    const same = state.facts.find((g) => g !== f && g.buyer_iso3 === f.buyer_iso3 && (g.quantity !== null || g.value_usd !== null) && (g.designation === f.designation || g.covers?.includes(f.designation!)));
    if (!same) return f;
    const target = same.part_of ?? same;
    return { ...target, mention: f.mention, derived: true };
  });
  // A mention taken from a deal that turned out to be a package states the package.
  return resolved.map((f) => (f.derived && f.origin?.covers ? { ...f.origin, mention: f.mention, derived: true, origin: undefined } : f));
}

/**
 * "approving ... UH-60M Black Hawk helicopters ... for $374 million", then the item lines "Eight (8)
 * UH-60M Black Hawk helicopters" and "Eighteen (18) T700 engines": the priced deal was the package,
 * and each line an item of it.
 */
function promoteListedPackages(facts: ArmsFact[]): void {
  const listed = facts.filter((f) => f.listed && f.designation);
  const groups = new Map<string, ArmsFact[]>();
  for (const f of listed) groups.set(`${f.buyer_iso3}|${f.year}`, [...(groups.get(`${f.buyer_iso3}|${f.year}`) ?? []), f]);
  for (const items of groups.values()) {
    const designations = [...new Set(items.map((f) => f.designation!))];
    if (designations.length < 2) continue;
    const priced = items.map((f) => f.origin).find((o) => o && o.value_usd !== null && o.part_of === null && o.covers === undefined);
    if (!priced) continue;
    priced.covers = designations;
    priced.designation = null;
    priced.category = null;
    priced.quantity = null;
    for (const f of items) {
      f.part_of = priced;
      f.value_usd = null;
      f.value_qualifier = null;
      f.origin = undefined;
    }
  }
}

/** "signed for the pair in November 2023": a deal of its own for the equipment of the document's last deal. */
function sameEquipment(s: Sentence, ctx: DocContext, mention: Mention, state: ArmsState, again: RegExpExecArray, status: ArmsStatus, previous: Sentence | null): void {
  const last = state.facts.findLast((f) => f.part_of === null && !f.covers && (f.designation !== null || f.category !== null));
  if (!last) return;
  if (ctx.ref.findPlaces(s.text).some((p) => p.country.region === 'lac' && p.country.iso3 !== last.buyer_iso3)) return;
  const quantity = again[1] ? NUMBER_WORDS[again[1].toLowerCase()]! : 2;
  state.facts.push({ ...last, rule: 'arms/same-equipment', mention, quantity, status, year: yearOf(s, ctx, previous), value_usd: null, value_qualifier: null, derived: false, origin: undefined, listed: undefined });
}

/** "The estimated cost is $556 million.": a figure for the fact just stated in the same paragraph. */
function followUp(s: Sentence, ctx: DocContext, mention: Mention, state: ArmsState, amounts: ReturnType<typeof findAmounts>): void {
  const last = state.facts.findLast((f) => f.part_of === null);
  if (!last || amounts.length !== 1 || !COST_SENTENCE.test(s.text)) return;
  const lastSentence = ctx.sentences.find((x) => x.start === last.mention.start);
  if (!lastSentence || s.paragraph - lastSentence.paragraph > FOLLOW_UP_PARAGRAPHS) return;
  if (ctx.ref.findPlaces(s.text).some((p) => p.country.region === 'lac' && p.country.iso3 !== last.buyer_iso3)) return;
  const amount = amounts[0]!;
  // The deal just stated named several items ("three radars and twenty-four armored vehicles"): a
  // figure for "both contracts" is their sum, a row of its own over them; any other is no one item's.
  const siblings = state.facts.filter((f) => f.mention.start === last.mention.start && f.part_of === null && !f.derived);
  if (siblings.length >= 2) {
    if (!TOGETHER.test(s.text) || siblings.some((f) => f.value_usd !== null)) return;
    const aggregate: ArmsFact = { ...last, rule: 'arms/package-cost', mention, item: siblings.map((f) => f.item).join(' and '), designation: null, category: null, quantity: null, value_usd: amount.usd, value_qualifier: amount.qualifier, part_of: null, covers: siblings.map((f) => f.designation).filter((d): d is string => d !== null) };
    state.facts.push(aggregate);
    for (const f of siblings) f.part_of = aggregate;
    return;
  }
  if (last.value_usd !== null && Math.abs(last.value_usd - amount.usd) > last.value_usd * 0.01) return;
  state.facts.push({ ...last, rule: 'arms/cost-follow-up', mention, value_usd: amount.usd, value_qualifier: last.value_qualifier ?? amount.qualifier, derived: true, origin: last.origin ?? last });
}

/** A figure for several deals together: "the total value of both contracts". */
const TOGETHER = /\b(?:both|all|the\s+(?:two|three|four)\s+(?:contracts|deals|purchases|orders)|combined|together)\b/i;

/** How many paragraphs after a deal its cost may follow (notifications put "The total estimated cost" on a line of its own). */
const FOLLOW_UP_PARAGRAPHS = 2;

function findItems(text: string, ctx: DocContext, amounts: { start: number; end: number }[]): Item[] {
  const designations = ctx.ref.findEquipment(text);
  const nouns = ctx.ref.findEquipmentNouns(text);
  const counts = findCounts(text, amounts).filter((c) => c.value >= 1 && c.value < 1_000_000 && !(c.value >= 1900 && c.value <= 2100 && /^\d{4}$/.test(text.slice(c.start, c.end).trim())));
  const items: Item[] = [];
  const used = new Set<LexMention<EquipmentNoun>>();
  // Designations inside an earlier item's name; the mentions themselves are shared lookups, never changed.
  const inside = new Set<LexMention<Designation>>();
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
    for (const later of designations) if (later.start >= d.end && later.end <= end) inside.add(later);
    if (inside.has(d)) continue;
    items.push({ start: d.start, end, text: text.slice(d.start, end), designation: d.entry, noun: noun?.entry ?? null, quantity: null });
  }
  for (const n of nouns) {
    if (used.has(n) || items.some((i) => n.start < i.end && n.end > i.start)) continue;
    items.push({ start: n.start, end: n.end, text: n.text, designation: null, noun: n.entry, quantity: null });
  }
  items.sort((a, b) => a.start - b.start);
  for (const [index, item] of items.entries()) {
    const floor = index > 0 ? items[index - 1]!.end : 0;
    let count = counts.filter((c) => c.start >= floor && c.end <= item.start && QUANTITY_GAP.test(text.slice(c.end, item.start))).at(-1);
    // "bought three of the same type from Damen in 2005: the County-class boats": a count for the item named next.
    count ??= counts.filter((c) => c.start >= floor && c.end <= item.start && /^\s+of\s+the\s+same\s+(?:type|kind|model|class|design)\b/.test(text.slice(c.end))).at(-1);
    // "the Kfir ...: Colombia bought 24 of them": a count pointing back at this item.
    count ??= index === items.length - 1 ? counts.find((c) => c.start >= item.end && /^\s+of\s+(?:them|these|those)\b/.test(text.slice(c.end))) : undefined;
    if (!count) continue;
    // "received the first two of six K-8 jets": what this sentence states arrived is two.
    const firstOf = counts.find((c) => c.end <= count!.start && /^\s+of\s+$/.test(text.slice(c.end, count!.start)) && /\bfirst\s+$/i.test(text.slice(Math.max(0, c.start - 8), c.start)));
    if (firstOf) count = { ...firstOf, end: count.end };
    // "delivered the first of two patrol vessels": what this sentence states is one of them.
    else if (/\bfirst\s+of\s+$/i.test(text.slice(Math.max(0, count.start - 12), count.start))) count = { ...count, value: 1 };
    item.quantity = count.value;
    const lead = text.slice(count.end, item.start);
    item.lead = lead.length;
    item.text = (lead.trim() ? `${lead.trim().replace(/^of\s+the\s+/i, '')} ` : '') + item.text;
  }
  return items.filter((i) => i.designation || i.noun);
}

// Between a count and its item: names and model words, a few lower-case words, or "of the":
// "21 Black Hawk", "16 single-seat F-16AM", "five Super Etendard Modernisé attack", "24 of the U.S.-made".
const QUANTITY_GAP = /^\s*(?:of\s+the\s+)?(?:(?:[A-Z0-9][\p{L}\p{N}./-]*|[\p{Ll}-]+)\s+){0,6}$/u;

function findBuyer(s: Sentence, ctx: DocContext, previous: Sentence | null, state: ArmsState): Country | null {
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
  // "The $300 million package includes ...", "the previous government bought ...": the buyer the
  // document has been talking about.
  const last = state.facts.at(-1);
  if (last) return ctx.ref.country(last.buyer_iso3) ?? null;
  return ctx.mainCountry;
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
  // The deal's own clause: "... that began when the air force retired its last Mirage jets in 2015"
  // dates something else.
  const main = s.text.slice(0, s.text.search(SIDE_CLAUSE) >= 0 ? s.text.search(SIDE_CLAUSE) : s.text.length);
  const own = explicitYear(main) ?? findDates(main, ctx.doc.meta.published).find((d) => RELATIVE_TIME.test(main.slice(d.start, d.end)))?.date.year;
  if (own) return own;
  if (DECADE.test(s.text)) return null;
  if (previous && previous.paragraph === s.paragraph) {
    const y = explicitYear(previous.text);
    if (y) return y;
  }
  return ctx.dateline?.date?.year ?? ctx.published.year;
}
