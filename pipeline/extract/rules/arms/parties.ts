// Who buys and who sells, in a deal's clause. The buyer is a government of Latin America or the
// Caribbean in a buyer's role ("the Government of Colombia", "a sale to Chile", "the Ecuadorian air
// force", "Peru's purchase"), else the one such country the clause or the sentence names that is
// not the seller, else the buyer the document was talking about. Another region's forces or
// government acting on the deal ("the Indonesian Navy, which ordered", "Israel has sought to unload")
// make it no deal of ours. The seller is the country the equipment comes from ("from Russia",
// "U.S.-made"), its maker's ("a contract to AgustaWestland", "Brazil's Embraer"), the United States
// for a Foreign Military Sale, or the maker of a designation; never the buyer.
import type { Country } from '../../../lib/reference.js';
import type { ArmsStatus } from '../../../types.js';
import type { Annotated, Spanned } from '../../annotate/sentence.js';
import type { PlaceMention } from '../../../lib/reference.js';
import type { Clause } from '../visits/env.js';
import type { ArmsEnv, Item } from './env.js';

type Place = Spanned<PlaceMention>;

const within = (c: Clause, s: { t0: number; t1: number }) => s.t0 >= c.t0 && s.t1 <= c.t1;
const FORCES = new Set(['government', 'military', 'army', 'navy', 'armed', 'forces', 'force', 'marines', 'coast', 'police', 'officials', 'ministry', 'defense', 'defence']);
/** "Air Force", "air force" but not "air control radars". */
const forceAt = (a: Annotated, k: number) => FORCES.has(a.tokens[k]?.norm ?? '') || (a.tokens[k]?.norm === 'air' && a.tokens[k + 1]?.norm === 'force');
const RELATIVES = new Set(['which', 'who', 'that']);
const PREPOSITIONS = new Set(['to', 'from', 'in', 'with', 'for', 'by', 'of', 'at', 'into', 'than', 'like']);
const ANAPHORIC_SUBJECT = new Set(['it', 'country', 'government', 'nation', 'military', 'navy', 'army', 'ministry']);

/** A place that sells or makes rather than buys: "from Russia", "U.S.-made", "Brazil's Embraer", "Russian Helicopters". */
function sellerPlace(a: Annotated, p: Place): boolean {
  const before = a.tokens[p.t0 - 1]?.norm;
  if (before === 'from' || (before === 'the' && a.tokens[p.t0 - 2]?.norm === 'from')) return true;
  if (a.tokens[p.t1]?.text === '-' && /^(?:made|built|designed|manufactured|produced)$/.test(a.tokens[p.t1 + 1]?.norm ?? '')) return true;
  const next = p.possessive && a.tokens[p.t1]?.norm === "'s" ? p.t1 + 1 : p.t1;
  if (a.makers.some((m) => m.t0 === next || (m.t0 <= p.t0 && m.t1 >= p.t1))) return true;
  // "Argentinian air control radars", "Soviet weapons": where the equipment comes from.
  return p.kind === 'demonym' && [...a.equipment, ...a.equipmentNouns].some((e) => e.t0 >= p.t1 && e.t0 - p.t1 <= 3) && !forceAt(a, p.t1);
}

/** A place in a buyer's role: "Government of Colombia", "sale to Chile", "sell ... to Peru", "the Ecuadorian air force", "Peru's purchase". */
function buyerRole(a: Annotated, p: Place): boolean {
  const b1 = a.tokens[p.t0 - 1]?.norm;
  const b2 = a.tokens[p.t0 - 2]?.norm;
  if (b1 === 'of' && (b2 === 'government' || (b2 === 'the' && a.tokens[p.t0 - 3]?.norm === 'government'))) return true;
  if (b1 === 'to' || (b1 === 'the' && b2 === 'to') || b1 === 'for') return true;
  // "signed a $200 million deal with Peru": the other party of a deal.
  if (b1 === 'with' && a.cue('deal-noun').some((c) => c.t1 <= p.t0 - 1 && p.t0 - 1 - c.t1 <= 1)) return true;
  if (b1 === 'between') return true;
  // "has sold Venezuela 24 fighters": the first object of a sale verb.
  if (/^(?:sell|sold)/.test(b1 ?? '')) return true;
  const after = p.possessive && a.tokens[p.t1]?.norm === "'s" ? p.t1 + 1 : p.t1;
  if (p.kind === 'demonym' || p.possessive) {
    return forceAt(a, after) || a.cue('deal-noun').some((c) => c.t0 === after || c.t0 === after + 1);
  }
  return false;
}

/** A buyer of the region in its role in the clause: "sold ... to Venezuela", "a sale to Chile". */
export function buyerInRole(a: Annotated, clause: Clause): boolean {
  return a.places.some((p) => within(clause, p) && p.country.region === 'lac' && p.kind !== 'region' && buyerRole(a, p));
}

/** Another region's forces or government acting on the deal: no deal of the region. */
/** Verbs whose subject is the seller: "the United States has delivered", "Russia sold". */
const SELLER_VERBS = /^(?:deliver|sell|sold|suppl|provid|ship|transfer|hand)/;

export function foreignActor(a: Annotated, clause: Clause, cue: number, status: ArmsStatus | null): boolean {
  // A buyer of the region in its role ("a deal with Peru", "a sale to Chile"): the foreign party is the seller.
  if (a.places.some((p) => within(clause, p) && p.country.region === 'lac' && buyerRole(a, p))) return false;
  // The seller's government approves and notifies; a seller delivers.
  // A contracting agent awards the maker a contract for another country ("The U.S. Air Force awarded Lockheed Martin a contract for 10 F-16s for Chile").
  if (status === 'approved' || a.inVocab(cue, 'deal-approved') || SELLER_VERBS.test(a.tokens[cue]?.norm ?? '') || /^(?:notif|award)/.test(a.tokens[cue]?.norm ?? '')) return false;
  // The subject: a place not governed by a preposition ("returned the helicopters to the United States").
  const governed = (p: Place) => PREPOSITIONS.has(a.tokens[p.t0 - 1]?.norm ?? '') || (a.tokens[p.t0 - 1]?.norm === 'the' && PREPOSITIONS.has(a.tokens[p.t0 - 2]?.norm ?? ''));
  // In a relative clause ("the Indonesian Navy, which ordered"), the actor is the noun before the comma, whatever governs it.
  const relative = RELATIVES.has(a.tokens[cue - 1]?.norm ?? '') || a.tokens.slice(clause.t0, cue).some((t, k) => RELATIVES.has(t.norm) && a.tokens[clause.t0 + k - 1]?.text === ',');
  const before = a.places.filter((p) => within(clause, p) && p.t1 <= cue && p.kind !== 'region' && !sellerPlace(a, p) && (relative || !governed(p))).at(-1);
  if (!before || before.country.region === 'lac') return false;
  // "The Indonesian Navy, which ordered", "Israel has sought to unload", "The U.S. Army is set to retire".
  const k = before.possessive && a.tokens[before.t1]?.norm === "'s" ? before.t1 + 1 : before.t1;
  const forceNext = forceAt(a, k);
  return before.kind === 'country' ? cue - before.t1 <= 4 || forceNext : forceNext;
}

export function buyerOf(a: Annotated, env: ArmsEnv, clause: Clause, cue: number): Country | null {
  const lac = (c: Clause) => a.places.filter((p) => within(c, p) && p.country.region === 'lac' && p.kind !== 'region' && !sellerPlace(a, p));
  const inClause = lac(clause);
  const role = inClause.find((p) => buyerRole(a, p));
  if (role) return role.country;
  // The subject: the country named last before the deal word.
  const subject = inClause.filter((p) => p.t1 <= cue && p.kind !== 'city').at(-1);
  if (subject) return subject.country;
  const one = (places: Place[]) => {
    const countries = [...new Set(places.filter((p) => p.kind !== 'city' || places.length === 1).map((p) => p.country))];
    return countries.length === 1 ? countries[0]! : countries.length > 1 ? null : undefined;
  };
  const named = one(inClause) ?? one(lac({ t0: 0, t1: a.tokens.length }));
  if (named !== undefined) return named;
  // "It bought ...", "The government has requested ...": the buyer of the sentence before.
  const first = a.tokens[0]?.norm === 'the' ? a.tokens[1]?.norm : a.tokens[0]?.norm;
  if (env.previous?.buyer && env.paragraph - env.previous.paragraph <= 1 && ANAPHORIC_SUBJECT.has(first ?? '')) return env.previous.buyer;
  // The buyer the document has been talking about.
  const last = env.earlier.findLast((m) => m.buyer !== null);
  return last?.buyer ?? (env.ctx.mainCountry?.region === 'lac' ? env.ctx.mainCountry : null);
}

export function sellerOf(a: Annotated, env: ArmsEnv, items: Item[], buyer: Country, proposed: boolean): Country | null {
  const ref = env.ctx.ref;
  const from = a.places.find((p) => p.country !== buyer && p.kind !== 'region' && sellerPlace(a, p));
  if (from) return from.country;
  const maker = a.makers.find((m) => m.entry.country_iso3 !== buyer.iso3);
  if (maker) return ref.country(maker.entry.country_iso3) ?? null;
  // A U.S. notification or release speaks for the sale it announces, not for every purchase it mentions.
  const usChannel = a.cue('us-sale-channel').length > 0 || (proposed && /\b(?:DSCA|Defense Security Cooperation Agency)\b/.test(env.ctx.doc.meta.publisher));
  if (usChannel) return ref.country('USA') ?? null;
  const designed = items.find((i) => i.designation)?.designation?.maker_iso3;
  return designed && designed !== buyer.iso3 ? (ref.country(designed) ?? null) : null;
}
