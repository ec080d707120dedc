// Equipment in a sentence, on its tokens: designations of the lexicon ("UH-60M Black Hawk") joined
// to the noun they name ("... helicopters"), model designations the lexicon does not list yet,
// recognised by their shape next to an equipment noun ("Mi-35M helicopters", "H145M helicopters"),
// and equipment nouns alone ("patrol vessels"). Each item takes the count that qualifies it: the
// nearest before it with only words of a name between ("24 Sukhoi Su-30 fighter jets", "twelve (12)
// UH-60M"), "the first six of 18" (six), "the first of two" (one), "12 of them", "three of the same
// type: the County-class boats".
import type { Annotated, Spanned } from '../../annotate/sentence.js';
import type { Count } from '../../../lib/amounts.js';
import type { Designation } from '../../../lib/reference.js';
import type { Item } from './env.js';

/** Model designations by shape: letters and digits joined by hyphens, with at least one digit ("Mi-171Sh", "AW139", "KT-1P"). */
const MODEL = /^(?=[^\d]*\d)[A-Z][A-Za-z]{0,3}-?\d{1,4}[A-Za-z0-9]*(?:-[A-Za-z0-9]+)*$/;
/** Words that end the phrase between a count and its item: verbs, prepositions other than "of", relatives. */
// ("six more aircraft" counts six: "more" right after a count is a follow-on, not a comparison.)
const BREAKS = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'to', 'will', 'would', 'has', 'have', 'had', 'who', 'that', 'which', 'with', 'for', 'in', 'at', 'on', 'from', 'by', 'and', 'or', 'but', 'than', 'fewer', 'other', 'years', 'months', 'weeks', 'days', 'percent', 'per']);
const MAX_GAP = 6;
const DEAL_VOCABS = ['deal-proposed', 'deal-approved', 'deal-ordered', 'deal-purchased', 'deal-delivered', 'deal-verb'];
const SAME = new Set(['type', 'kind', 'model', 'class', 'design']);

/** Every rule of a sentence asks for its items: read once per sentence. */
const memo = new WeakMap<Annotated, Item[]>();

export function itemsOf(a: Annotated): Item[] {
  let found = memo.get(a);
  if (!found) memo.set(a, (found = readItems(a)));
  return found;
}

function readItems(a: Annotated): Item[] {
  const items: Item[] = [];
  const nouns = a.equipmentNouns;
  const taken = (t0: number, t1: number) => items.some((i) => t0 < i.t1 && t1 > i.t0);
  // Designations: adjacent spans of one designation are one ("UH-60M" "Black Hawk"), extended to the noun they name.
  const designations = mergeDesignations(a.equipment);
  for (const d of designations) {
    let end = d.t1;
    const noun = nouns.find((n) => n.t0 >= d.t1 && n.t0 - d.t1 <= 8 && nameGap(a, d.t1, n.t0));
    if (noun) end = noun.t1;
    end = parenthesis(a, end);
    if (taken(d.t0, end)) continue;
    items.push(item(a, d.t0, end, d.entry, noun ? noun.entry.category : d.entry.category));
  }
  // A model designation by its shape, right before an equipment noun: "Mi-35M attack helicopters".
  for (const n of nouns) {
    if (taken(n.t0, n.t1)) continue;
    let start = n.t0;
    for (let k = n.t0 - 1; k >= Math.max(0, n.t0 - 4); k--) {
      const t = a.tokens[k]!;
      if (MODEL.test(t.text)) start = k;
      // "Bell 429 helicopters", "Stan Patrol 5009 vessels": a number after a name is part of the model.
      else if (t.kind === 'number' && a.tokens[k - 1]?.cap && a.tokens[k - 1]!.kind === 'word') start = k - 1;
      else if (!(t.cap && t.kind === 'word') && t.text !== '-') break;
    }
    const end = parenthesis(a, n.t1);
    items.push(item(a, start, end, null, n.entry.category));
  }
  items.sort((x, y) => x.t0 - y.t0);
  items.forEach((it, i) => count(a, it, i > 0 ? items[i - 1]!.t1 : 0, i === items.length - 1));
  // Equipment the lexicon does not know, counted in a list: "a possible sale of 2 AN/TPQ-37(V)3
  // FIREFINDER Radars, 12 M109A3 155mm Self-Propelled Howitzers, 28 Camouflage Systems".
  // A counted list segment is one item, whatever lexicon items lie inside it ("12 M109A5 155mm
  // Self-Propelled Howitzers"); it keeps the designation of the first.
  let out = items;
  for (const listed of listItems(a)) {
    const inside = out.filter((i) => i.q0 < listed.t1 && i.t1 > listed.q0);
    if (inside.some((i) => i.q0 < listed.q0 || i.t1 > listed.t1)) continue;
    const named = inside.find((i) => i.designation);
    out = out.filter((i) => !inside.includes(i));
    out.push({ ...listed, designation: named?.designation ?? null, category: listed.category === 'other' ? (inside.find((i) => i.category)?.category ?? 'other') : listed.category });
  }
  return out.sort((x, y) => x.q0 - y.q0);
}

const SEPARATORS = new Set([',', ';', ':', '.']);
const MAX_LISTED = 10;

/** Where lists of items open: after a deal word ("a possible sale of"), an including word ("Also included:"), or a colon. */
function listStarts(a: Annotated): number[] {
  const out = new Set<number>();
  for (const v of [...DEAL_VOCABS, 'deal-noun', 'including']) for (const c of a.cue(v)) out.add(a.tokens[c.t1]?.norm === 'of' ? c.t1 + 1 : c.t1);
  a.tokens.forEach((t, k) => t.text === ':' && out.add(k + 1));
  return [...out].sort((x, y) => x - y);
}

/** Another count follows a separator right after `end`: the list goes on. */
function countsAfter(counts: Spanned<Count>[], end: number): boolean {
  return counts.some((x) => x.t0 > end && x.t0 <= end + 3);
}

/**
 * Where a list's counted segment ends: at a separator, at "and" before the next count, at a verb or a
 * preposition, or at a deal word; a parenthesis ("(twelve installed, two spares)") is part of it.
 * `depth` is not 0 when the segment ran out inside a parenthesis.
 */
function segmentEnd(a: Annotated, c: Spanned<Count>, counts: Spanned<Count>[]): { end: number; depth: number } {
  let end = c.t1;
  let depth = 0;
  const countAt = (k: number) => counts.some((x) => x.t0 === k) || (a.tokens[k]?.norm === 'the' && counts.some((x) => x.t0 === k + 1));
  while (end < a.tokens.length && end - c.t1 < MAX_LISTED) {
    const t = a.tokens[end]!;
    if (t.text === '(' || t.text === ')') depth += t.text === '(' ? 1 : -1;
    else if (depth === 0 && SEPARATORS.has(t.text) && !(t.text === '.' && a.tokens[end + 1]?.kind === 'number' && a.tokens[end + 1]!.start === t.end)) break;
    // "and" before the next count, or before a new clause ("... Black Hawks and in 2015 the country ...").
    else if (depth === 0 && ['and', 'or'].includes(t.norm) && (countAt(end + 1) || BREAKS.has(a.tokens[end + 1]?.norm ?? ''))) break;
    else if (depth === 0 && BREAKS.has(t.norm) && !['and', 'or'].includes(t.norm)) break;
    // "10 Block 50 models purchased in 2003": the deal word ends the item.
    else if (depth === 0 && end > c.t1 && DEAL_VOCABS.some((v) => a.inVocab(end, v) !== undefined)) break;
    end++;
  }
  return { end, depth };
}

/** The counted segments of each list: a count, then the words up to the next comma, semicolon or "and" before a count. */
function listItems(a: Annotated): Item[] {
  // In a list a number like a year before a model is a count: ", 1968 M107 155mm Projectiles".
  const counted = (c: Spanned<Count>) => !isYear(a, c) || MODEL.test(a.tokens[c.t1]?.text ?? '');
  const counts = a.counts.filter((c) => c.value >= 1 && c.value <= 1_000_000 && counted(c));
  const out: Item[] = [];
  for (const start of listStarts(a)) {
    let p = start;
    for (;;) {
      const c = counts.find((x) => x.t0 === p);
      if (!c) break;
      const { end, depth } = segmentEnd(a, c, counts);
      const words = a.tokens.slice(c.t1, end);
      // "three or four airframes": a guess between two counts is no count.
      if (words.length === 0 && a.tokens[end]?.norm === 'or') break;
      // Equipment by its name: a capitalised word or model, or a noun of the lexicon ("120 tons of food" is none).
      const named = words.some((t) => (t.cap && t.kind === 'word') || MODEL.test(t.text)) || a.equipmentNouns.some((n) => n.t0 >= c.t1 && n.t1 <= end);
      // In a list of several counted things, a thing without a name is still equipment ("19 joint helmet-mounted cueing systems"), unless it is "of" something ("120 tons of food").
      const listed = SEPARATORS.has(a.tokens[end]?.text ?? '') || ['and', 'or'].includes(a.tokens[end]?.norm ?? '') || (p > start && end === a.tokens.length - 1);
      const thing = named || (listed && p > start && !words.some((t) => t.norm === 'of')) || (listed && !words.some((t) => t.norm === 'of') && countsAfter(counts, end));
      // A count with no words after it ("Hour: 11:59") names nothing.
      if (depth === 0 && thing && words.length > 0 && words[0]!.norm !== 'of' && words.length < MAX_LISTED && !out.some((o) => o.q0 === c.t0)) {
        const noun = a.equipmentNouns.find((n) => n.t1 === end);
        out.push({ t0: c.t1, t1: end, q0: c.t0, text: a.slice(c.t1, end), designation: null, category: noun?.entry.category ?? 'other', quantity: c.value });
      }
      // The list goes on after a separator (and an "and"), with the next count.
      let next = end;
      if (SEPARATORS.has(a.tokens[next]?.text ?? '') && a.tokens[next]!.text !== '.') next++;
      if (['and', 'or'].includes(a.tokens[next]?.norm ?? '')) next++;
      if (next === end) break;
      p = next;
    }
  }
  return out;
}

function item(a: Annotated, t0: number, t1: number, designation: Designation | null, category: string | null): Item {
  return { t0, t1, q0: t0, text: a.slice(t0, t1), designation, category, quantity: null };
}

function mergeDesignations(spans: Spanned<{ entry: Designation }>[]): { t0: number; t1: number; entry: Designation }[] {
  const out: { t0: number; t1: number; entry: Designation }[] = [];
  for (const s of [...spans].sort((x, y) => x.t0 - y.t0)) {
    const last = out.at(-1);
    if (last && s.t0 <= last.t1 && (s.entry === last.entry || s.t1 <= last.t1)) last.t1 = Math.max(last.t1, s.t1);
    else out.push({ t0: s.t0, t1: s.t1, entry: s.entry });
  }
  return out;
}

/**
 * Between a designation and its noun only more of the name (capitalised words, model numbers, a
 * parenthesis) and, right before the noun, up to two describing words: "AIM-9X Block II Sidewinder
 * tactical missiles", "UH-60M Black Hawk utility helicopters".
 */
function nameGap(a: Annotated, t0: number, t1: number): boolean {
  let depth = 0;
  let end = t1;
  while (end > t0 && end > t1 - 2 && a.tokens[end - 1]!.kind === 'word' && !a.tokens[end - 1]!.cap && !BREAKS.has(a.tokens[end - 1]!.norm)) end--;
  for (let k = t0; k < end; k++) {
    const t = a.tokens[k]!;
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    else if (!(depth > 0 || t.cap || t.kind === 'number' || t.text === '-' || t.text === '/' || MODEL.test(t.text))) return false;
  }
  return depth === 0;
}

/** "(HMMWVs)", "(MDE)" right after an item is part of its name. */
function parenthesis(a: Annotated, end: number): number {
  if (a.tokens[end]?.text !== '(') return end;
  const close = a.tokens.findIndex((t, k) => k > end && k <= end + 6 && t.text === ')');
  return close > 0 && !a.tokens.slice(end + 1, close).some((t) => t.kind === 'number') ? close + 1 : end;
}

const isYear = (a: Annotated, c: Spanned<Count>) => c.value >= 1900 && c.value <= 2100 && /^\d{4}$/.test(a.slice(c.t0, c.t1));

/** The count that qualifies an item, found before it (not before `floor`, the item before) or pointing back at it. */
function count(a: Annotated, it: Item, floor: number, last: boolean): void {
  const counts = a.counts.filter((c) => c.value >= 1 && c.value <= 1_000_000 && !isYear(a, c));
  let c = counts.filter((x) => x.t0 >= floor && x.t1 <= it.t0 && countGap(a, x.t1, it.t0)).at(-1);
  // "three of the same type in 2005: the County-class boats".
  c ??= counts.find((x) => x.t0 >= floor && x.t1 < it.t0 && a.tokens[x.t1]?.norm === 'of' && a.tokens[x.t1 + 1]?.norm === 'the' && a.tokens[x.t1 + 2]?.norm === 'same' && SAME.has(a.tokens[x.t1 + 3]?.norm ?? ''));
  // "the Kfir ...: Ecuador bought 12 of them".
  if (!c && last) c = counts.find((x) => x.t0 >= it.t1 && a.tokens[x.t1]?.norm === 'of' && ['them', 'these', 'those'].includes(a.tokens[x.t1 + 1]?.norm ?? ''));
  if (!c) {
    // "will be receiving a new Sa'ar 62-class offshore patrol vessel": one, as the object of a deal
    // word; "such an aircraft", "than a Black Hawk" count nothing.
    const at = article(a, it.t0);
    const object = DEAL_VOCABS.some((v) => a.cue(v).some((c) => c.t1 <= at && at - c.t1 <= 3));
    if (object && ['a', 'an'].includes(a.tokens[at]?.norm ?? '') && !/s$/.test(a.tokens[it.t1 - 1]!.norm)) {
      it.quantity = 1;
      it.q0 = article(a, it.t0);
    }
    return;
  }
  let value = c.value;
  let q0 = c.t0;
  // "the first six of an order for 18 K-8 jets", "the first 16 of the Mi-171 helicopters": six, 16.
  const firstOf = counts.find((x) => x.t1 < c!.t0 && a.tokens[x.t0 - 1]?.norm === 'first' && a.tokens[x.t1]?.norm === 'of' && c!.t0 - x.t1 <= 4);
  if (firstOf) {
    value = firstOf.value;
    q0 = firstOf.t0;
  } else if (a.tokens[c.t0 - 1]?.norm === 'of' && a.tokens[c.t0 - 2]?.norm === 'first') {
    // "the first of two offshore patrol vessels": one.
    value = 1;
  }
  it.quantity = value;
  // A count pointing back ("12 of them") puts the item where the count is.
  it.q0 = c.t0 > it.t0 ? c.t0 : Math.min(q0, it.t0);
  if (c.t1 < it.t0) it.text = a.slice(c.t1, it.t1).replace(/^of\s+the\s+/i, '');
}

/** Where an item's article would be: before up to two lowercase describing words ("a new", "an ocean-going"). */
function article(a: Annotated, t0: number): number {
  let k = t0 - 1;
  while (k >= t0 - 2 && a.tokens[k] && !a.tokens[k]!.cap && a.tokens[k]!.kind === 'word' && !['a', 'an'].includes(a.tokens[k]!.norm) && !BREAKS.has(a.tokens[k]!.norm)) k--;
  return k;
}

/** Between a count and its item: a few words of a name or description ("24 Sukhoi Su-30 fighter", "16 single-seat"), or "of the". */
function countGap(a: Annotated, t0: number, t1: number): boolean {
  if (t1 - t0 > MAX_GAP) return false;
  for (let k = t0; k < t1; k++) {
    const t = a.tokens[k]!;
    if (t.norm === 'of' && k === t0 && a.tokens[k + 1]?.norm === 'the') continue;
    // "two variants of the Kfir", "two batches of F-16s": the count counts something else.
    if (t.norm === 'of') return false;
    if (t.norm === 'the' && k === t0 + 1 && a.tokens[t0]!.norm === 'of') continue;
    if (t.kind === 'number' || BREAKS.has(t.norm) || (t.kind === 'punct' && t.text !== '-' && t.text !== '/')) return false;
  }
  return true;
}
