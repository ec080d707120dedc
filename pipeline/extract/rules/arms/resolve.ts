// Arms mentions to facts, once the whole document is read. Each link is a named rule of its own:
//   arms/link-item-line:   item lines under a priced deal that name two or more kinds of equipment make
//                     that deal a package and each line an item of it; a line naming the deal's own
//                     equipment restates it with its count; lines under a deal named only in general
//                     ("rotary-wing aircraft, engines and support") are its items.
//   arms/link-cost:       a cost stated apart prices the deal just stated; a figure for "both
//                     contracts" is an aggregate over the items that deal named; a figure that does
//                     not say it covers several items is given to none.
//   arms/link-same-deal:   a mention of a deal without figures is the deal with figures of the same
//                     buyer and equipment in the document; "the four delivered aircraft" after "its
//                     first four KT-1P trainers" is those trainers.
//   arms/link-notification: see underNotices below.
// Mentions are never changed; the facts are built here.
import type { ArmsFact } from '../../facts.js';
import { FIRST_YEAR, LAST_YEAR } from '../../../lib/dates.js';
import { STAGE, type ArmsMention, type Item } from './env.js';

function fact(m: ArmsMention, item: Item | null, withValue: boolean, part_of: ArmsFact | null): ArmsFact {
  return {
    table: 'arms-purchases',
    rule: m.rule,
    mention: m.mention,
    buyer_iso3: m.buyer!.iso3,
    buyer: m.buyer!.name,
    seller_iso3: m.seller?.iso3 ?? null,
    seller: m.seller?.name ?? null,
    item: item?.text ?? '',
    designation: item?.designation?.designation ?? null,
    category: item?.category ?? null,
    quantity: item?.quantity ?? null,
    value_usd: withValue && m.value ? m.value.usd : null,
    value_qualifier: withValue && m.value ? m.value.qualifier : null,
    year: m.year,
    status: m.status,
    part_of,
  };
}

interface Built {
  mention: ArmsMention;
  facts: ArmsFact[];
  /** The aggregate when the mention became a package. */
  aggregate: ArmsFact | null;
}

function aggregateOf(m: ArmsMention, items: Item[], rule: string): ArmsFact {
  const whole = m.whole;
  const text = whole?.text ?? items.map((i) => (i.quantity !== null ? `${i.quantity} ${i.text}` : i.text)).join(', ');
  return { ...fact(m, whole ?? null, true, null), rule, item: text, designation: null, category: whole?.category ?? null, quantity: whole?.quantity ?? null };
}

const notice = (m: ArmsMention) => m.kind === 'deal' && m.status !== null && STAGE[m.status] <= STAGE.approved;

/**
 * arms/link-notification: a notification prices a sale of equipment named in general ("approving a
 * possible sale of MH-60R helicopters ... The deal is valued at $1.2 billion"), then lists what was
 * requested ("requested the purchase of eight MH-60R ...", "Moreover, Mexico requested 10 AGM-114
 * ..."): those counted requests are the items of the priced sale, not deals of their own.
 */
function underNotices(mentions: ArmsMention[]): ArmsMention[] {
  let sale: ArmsMention | null = null;
  return mentions.map((m, i) => {
    if (notice(m) && (m.items[0]?.quantity ?? null) === null) {
      const priced = m.value !== null || mentions.slice(i + 1).some((c) => c.kind === 'cost' && c.items.length === 0 && c.buyer === m.buyer);
      sale = priced ? m : null;
      return m;
    }
    if (sale && notice(m) && m.buyer === sale.buyer && m.value === null && (m.items[0]?.quantity ?? null) !== null) return { ...m, kind: 'item-line', status: sale.status, year: sale.year };
    return m;
  });
}

/** A deal of a year the datasets do not cover ("1,000 muskets bought in 1811") is outside their scope: no fact. */
const inScope = (m: ArmsMention) => m.year === null || (m.year >= FIRST_YEAR && m.year <= LAST_YEAR);

export function resolveArms(found: ArmsMention[]): ArmsFact[] {
  const mentions = underNotices(found.filter(inScope));
  const out: ArmsFact[] = [];
  const built: Built[] = [];
  const lastBuilt = () => built.findLast((b) => b.mention.kind === 'deal' || b.mention.kind === 'package' || b.mention.kind === 'same-equipment');
  for (const m of mentions) {
    if (!m.buyer) continue;
    if (m.kind === 'deal' || m.kind === 'same-equipment') {
      const f = fact(m, m.items[0] ?? null, true, null);
      out.push(f);
      built.push({ mention: m, facts: [f], aggregate: null });
    } else if (m.kind === 'package') {
      const aggregate = aggregateOf(m, m.items, m.rule);
      const parts = m.items.filter((i) => i.quantity !== null).map((i) => fact(m, i, false, aggregate));
      out.push(aggregate, ...parts);
      built.push({ mention: m, facts: [aggregate, ...parts], aggregate });
    } else if (m.kind === 'restated') {
      const target = lastBuilt();
      const head = target ? (target.aggregate ?? target.facts[0]!) : null;
      // "The order covers 17 aircraft": the deal's count, when it had none.
      const count = m.items[0]?.quantity ?? null;
      if (head && head.quantity === null && count !== null && !target!.aggregate) head.quantity = count;
      if (head) out.push({ ...head, rule: m.rule, mention: m.mention, derived: true, origin: head });
    } else if (m.kind === 'cost') {
      linkCost(m, lastBuilt(), out);
    } else if (m.kind === 'item-line') {
      linkItemLine(m, lastBuilt(), out);
    }
  }
  return sameDeal(out);
}

/** arms/link-cost */
function linkCost(m: ArmsMention, target: Built | undefined, out: ArmsFact[]): void {
  if (!target) return;
  const counted = m.items[0];
  if (counted) {
    // "The four DA40 CS airplanes cost US$1.58 M": the price of that item of the deal.
    const same = out.findLast((f) => !f.derived && f.buyer_iso3 === m.buyer!.iso3 && f.quantity === counted.quantity && (f.designation ?? f.category) === (counted.designation?.designation ?? counted.category));
    if (same && same.value_usd === null) {
      same.value_usd = m.value!.usd;
      same.value_qualifier = m.value!.qualifier;
      out.push({ ...same, rule: 'arms/link-cost', mention: m.mention, derived: true });
    }
    return;
  }
  const own = target.facts.filter((f) => f.part_of === null && !f.derived);
  const siblings = out.filter((f) => f.mention === target.mention.mention && f.part_of === null && !f.derived);
  if (siblings.length >= 2 && !target.aggregate) {
    // "three radars and twenty armored vehicles ... The total value of both contracts is ...".
    if (!m.together || siblings.some((f) => f.value_usd !== null)) return;
    const aggregate: ArmsFact = { ...siblings[0]!, rule: 'arms/link-cost', mention: m.mention, item: siblings.map((f) => f.item).join(' and '), designation: null, category: null, quantity: null, value_usd: m.value!.usd, value_qualifier: m.value!.qualifier, part_of: null };
    out.push(aggregate);
    for (const f of siblings) f.part_of = aggregate;
    target.aggregate = aggregate;
    return;
  }
  const head = target.aggregate ?? own[0];
  if (!head || (head.value_usd !== null && Math.abs(head.value_usd - m.value!.usd) > head.value_usd * 0.01)) return;
  out.push({ ...head, rule: 'arms/link-cost', mention: m.mention, value_usd: m.value!.usd, value_qualifier: head.value_qualifier ?? m.value!.qualifier, derived: true, origin: head });
  if (head.value_usd === null) {
    head.value_usd = m.value!.usd;
    head.value_qualifier = m.value!.qualifier;
  }
}

/** arms/link-item-line */
function linkItemLine(m: ArmsMention, target: Built | undefined, out: ArmsFact[]): void {
  if (!target) return;
  const item = m.items[0]!;
  const head = target.aggregate ?? target.facts[0]!;
  const sameThing = !target.aggregate && head.designation !== null && head.designation === item.designation?.designation;
  const lines = out.some((f) => f.rule === m.rule && f.part_of === head);
  if (sameThing && !lines && (head.quantity === null || head.quantity === item.quantity)) {
    // The deal's own equipment, counted: the same fact.
    out.push({ ...head, rule: 'arms/link-item-line', mention: m.mention, item: item.text, quantity: item.quantity, derived: true });
    if (head.quantity === null) head.quantity = item.quantity;
    return;
  }
  if (head.value_usd === null && !target.aggregate) return;
  // A priced deal stated with its count ("the $950 million sale of twelve UH-60M helicopters") keeps
  // its count and price; the other lines are items that go with it.
  if (!target.aggregate && (target.mention.items[0]?.quantity ?? null) !== null) {
    if (item.category === head.category && item.designation === null && item.quantity === head.quantity) return;
    out.push(fact(m, item, false, head));
    return;
  }
  // Lines of two kinds (or a deal named only in general): the deal is the package, each line an item of it.
  if (!target.aggregate) {
    const restated = out.filter((f) => f.derived && f.rule === 'arms/link-item-line' && f.designation === head.designation);
    head.designation = null;
    head.category = null;
    head.quantity = null;
    target.aggregate = head;
    // Its other mentions (a cost stated apart, the deal named again) now state the package.
    for (const f of out) {
      if (f.origin !== head || f.rule === 'arms/link-item-line') continue;
      f.designation = null;
      f.category = null;
      f.quantity = null;
    }
    for (const r of restated) {
      r.derived = false;
      r.value_usd = null;
      r.value_qualifier = null;
      r.part_of = head;
    }
  }
  out.push(fact(m, item, false, target.aggregate));
}

/** arms/link-same-deal */
function sameDeal(facts: ArmsFact[]): ArmsFact[] {
  return facts.map((f) => {
    if (f.derived || f.part_of !== null || f.value_usd !== null) return f;
    if (f.designation === null && f.quantity !== null) {
      // "The four delivered aircraft" after "its first four KT-1P basic trainers".
      const named = facts.find((g) => g !== f && g.designation && g.buyer_iso3 === f.buyer_iso3 && g.year === f.year && g.quantity === f.quantity && g.category === f.category && g.status === f.status);
      return named ? { ...named, rule: 'arms/link-same-deal', mention: f.mention, derived: true } : f;
    }
    if (f.quantity !== null || !f.designation) return f;
    const same = facts.find((g) => g !== f && !g.derived && g.buyer_iso3 === f.buyer_iso3 && (g.quantity !== null || g.value_usd !== null) && g.designation === f.designation);
    if (!same) return f;
    return { ...(same.part_of ?? same), rule: 'arms/link-same-deal', mention: f.mention, derived: true };
  });
}
