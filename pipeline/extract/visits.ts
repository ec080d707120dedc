// Visits by a U.S. Secretary of Defense: a secretary (named, described or by pronoun) acting on a
// travel or presence cue whose destination is a Latin American or Caribbean place.
import type { Country, PlaceMention, Reference, Secretary } from '../lib/reference.js';
import { findDates, findYears, formatDate, type CalendarDate } from '../lib/dates.js';
import type { DocContext, Sentence } from './context.js';
import type { Mention, VisitFact } from './facts.js';
import type { SecretaryRef } from './people.js';
import { allMatches } from '../lib/text.js';

export interface Claim {
  kind: 'first-since' | 'nth-ever' | 'first-ever';
  country_iso3: string;
  country: string;
  /** "since 2005": the year of the previous visit the claim implies. */
  since: number | null;
  /** "the third to visit Mexico ever": 3. */
  ordinal: number | null;
  /** Who the claim is about, and when. */
  secretary: string | null;
  year: number | null;
  mention: Mention;
}

interface Place {
  start: number;
  end: number;
  country: Country;
  city: string | null;
}

// Words that put the agent in a place: travel, presence and activity there.
const CUE = /\b(?:said|says|told|held|holds|holding|spent|spends|spending|visit(?:s|ed|ing)?|travel(?:s|ed|led|ing|ling)?|trip|journey|tour(?:s|ed|ing)?|arriv(?:e|es|ed|ing|al)|stop(?:s|ped|ping)?|stopover|flew|fly(?:ing)?|flies|land(?:s|ed|ing)?|head(?:s|ed|ing)?|went|goes|going|came|come|comes|return(?:s|ed|ing)|met|meet(?:s|ings?)?|talks|swing|sits?\s+down|sat|joined|joins|attend(?:s|ed|ing)?|spoke|speak(?:s|ing)?|address(?:ed|es|ing)?|stay(?:s|ed|ing)?|was|is|were|are|be|been|while|during|remarks|wrapp?(?:ed|ing)?\s+up|conclud(?:ed|es|ing)|toured|reach(?:es|ed)?|left|leaves|leaving|depart(?:s|ed|ing)?)\b/gi;
// The last words before a destination: a preposition of place or a verb that takes the place directly.
// A place may be described first: "in the capital", "to the city of", "in the Caribbean port of".
const BEFORE_PLACE = /(?:\b(?:in|to|into|at|through|(?:stop|destination)\s+(?:is|was|will\s+be)|visit(?:s|ed|ing)?|tour(?:s|ed|ing)?|reach(?:es|ed)?|left|leaves|leaving|departed|departs)\s+(?:the\s+)?(?:capital\s+(?:city\s+)?(?:of\s+)?|(?:[\w-]+\s+){0,2}(?:port|city|town|village|resort|capital|province|state|region)\s+(?:city\s+|town\s+)?of\s+)?)$/i;
// Travelling on from a place puts the traveller there first: "flies into Bogotá from Lima".
const FROM_PLACE = /\b(?:fl(?:y|ies|ew|ying)|arriv(?:e|es|ed|ing)|came|comes|coming|travel(?:s|ed|led|ing|ling)?|return(?:s|ed|ing)?|head(?:s|ed|ing)|drove|drives)\b[^.;]{0,40}?\bfrom\s+(?:the\s+)?$/i;
const NEGATION = /\b(?:not|never|n't|may|might|could|would\s+consider|considering|cancel(?:s|ed|led|ing)?|cancellation|postpon(?:e|ed|es|ing)|call(?:ed)?\s+off|scrapp?(?:ed)?|declin(?:e|ed|es)|without|instead\s+of|rather\s+than|would\s+like\s+to|hopes?\s+to|looks?\s+forward\s+to|looking\s+forward\s+to|invit(?:e|ed|ation))\b/i;
const WEAK_CUE = /^(?:was|is|were|are|be|been|said|says|told)$/i;
/** Characters between a subject and its copula: "Carter, who was in", "Mattis was in". */
const WEAK_CUE_REACH = 12;
/** How far before a place a denial still reaches, in characters (about a dozen words). */
const NEGATION_REACH = 80;
const COORDINATED = /^\s*(?:,\s*(?:and\s+|then\s+)?|and\s+(?:then\s+)?|or\s+|then\s+(?:to\s+)?|before\s+(?:heading\s+to\s+|going\s+to\s+)?)(?:the\s+)?$/i;
// A person right after one of these is an object, not the one who travels.
const OBJECT_BEFORE = /\b(?:to|with|by|for|of|from|at|on|about|met|meet|meets|meeting|thanked|thanks|praised|told|tells|briefed|greeted|hosted|hosts|accompanied|joined|called|invited|urged|asked|whom|who\s+met)\s+(?:the\s+|his\s+|her\s+)?$/i;
const CONJOINED = /^\s*(?:,\s*|\s+)?(?:and\s+)?(?:[\p{Lu}][\p{L}.]*\s+){0,4}$/u;
const TAKEN = /\b(?:took|takes|take|taking|brought|brings|bring|bringing)\s+$/i;
// What a secretary did at an event: "when Chuck Hagel led the U.S. delegation".
const WHEN_PRESENT = /\b(?:led|attended|visited|was\s+there|traveled|travelled|came|went|spoke|addressed|opened|toured)\b/i;
const FRONTED = /^(?:After|While|During|Before|Upon|On\s+(?:his|the)|In|From|\p{Lu}\p{Ll}+ing)\b/u;
const SPEECH = /\b(?:remarks|speech|address|keynote|news conference|press conference|as\s+(?:delivered|prepared)\s+by)\b/i;

/** LAC places of a sentence, "Buenos Aires, Argentina" joined into one; "here" is the dateline city. */
function placesOf(s: Sentence, ctx: DocContext): Place[] {
  // Only Latin American and Caribbean places can be visits; "U.S." in "a U.S. defense secretary" is no destination.
  const all = ctx.ref.findPlaces(s.text).filter((p) => !p.possessive && p.country.region === 'lac');
  // "the Brazilian capital" is Brasilia.
  const capitals = all.filter((p) => p.kind === 'demonym' && /^\s+capital\b/.test(s.text.slice(p.end))).map((p) => ({ ...p, end: p.end + s.text.slice(p.end).indexOf('capital') + 7, kind: 'city' as const, city: p.country.capital }));
  const raw = [...all.filter((p) => p.kind !== 'demonym'), ...capitals].sort((a, b) => a.start - b.start);
  const out: Place[] = [];
  for (let i = 0; i < raw.length; i++) {
    const p = raw[i]!;
    const next: PlaceMention | undefined = raw[i + 1];
    if (next && next.country === p.country && p.kind === 'city' && next.kind === 'country' && /^,\s*$/.test(s.text.slice(p.end, next.start))) {
      out.push({ start: p.start, end: next.end, country: p.country, city: p.city });
      i++;
      continue;
    }
    out.push({ start: p.start, end: p.end, country: p.country, city: p.city });
  }
  if (ctx.here) {
    for (const m of allMatches(s.text, /\bhere\b/gi)) out.push({ start: m.index!, end: m.index! + 4, country: ctx.here.country, city: ctx.here.city });
  }
  return out.sort((a, b) => a.start - b.start);
}

interface Actor {
  start: number;
  end: number;
  ref: SecretaryRef | null;
}

export interface VisitFinding {
  visits: VisitFact[];
  claims: Claim[];
}

export function findVisits(
  s: Sentence,
  ctx: DocContext,
  refs: SecretaryRef[],
  others: { start: number; end: number }[],
  mention: Mention,
): VisitFinding {
  const out: VisitFinding = { visits: [], claims: [] };
  if (refs.length === 0) return out;
  const places = placesOf(s, ctx);
  if (places.length === 0) return out;
  const actors: Actor[] = [...refs.map((r) => ({ start: r.start, end: r.end, ref: r })), ...others.map((o) => ({ ...o, ref: null }))].sort((a, b) => a.start - b.start);
  const text = s.text;
  const speech = SPEECH.test(text);
  let previousAccepted: Place | null = null;
  let lastAgent: SecretaryRef | null = null;

  for (const place of places) {
    const before = text.slice(0, place.start);
    const coordinated = previousAccepted !== null && COORDINATED.test(text.slice(previousAccepted.end, place.start));
    const isHere = /^here$/i.test(text.slice(place.start, place.end));
    let agent: SecretaryRef | null = null;
    if (coordinated) {
      agent = lastAgent;
    } else {
      const directlyPlaced = BEFORE_PLACE.test(before) || FROM_PLACE.test(before) || (isHere && /\b\w+\s+$/.test(before));
      // "Rumsfeld in Peru": a headline or aside that puts the secretary in the place.
      const refBefore = refs.filter((r) => r.end <= place.start).at(-1);
      const headline = refBefore !== undefined && /^\s*,?\s*in\s+$/i.test(text.slice(refBefore.end, place.start));
      const speechPlace = speech && /,\s*$/.test(before) && refs.some((r) => r.kind === 'name' && r.start < place.start);
      if (!directlyPlaced && !headline && !speechPlace) continue;
      agent = findAgent(text, place, actors, refs, headline || speechPlace);
      if (!agent) continue;
      // "cancelled his trip to Brazil", "has never been to Cuba": nothing from the clause start on may deny it.
      if (NEGATION.test(text.slice(Math.max(previousAccepted?.end ?? 0, place.start - NEGATION_REACH), place.start))) continue;
    }
    if (!agent) continue;
    lastAgent = agent;
    // The story's first place, made more precise by a city in the same country ("Cohen in Jamaica", then "in Kingston").
    const sharper = ctx.here && !ctx.dateline && !ctx.here.city && place.city && ctx.here.country === place.country;
    if ((!ctx.here || sharper) && agent.secretary && agent.secretary === ctx.storySecretary && !/^here$/i.test(text.slice(place.start, place.end))) ctx.here = { country: place.country, city: place.city };
    const clause = { start: previousAccepted?.end ?? 0, end: places.find((p) => p.start >= place.end)?.start ?? text.length };
    previousAccepted = place;
    emitVisits(s, ctx, place, clause, agent, refs, mention, out);
  }
  return out;
}

/** The secretary who acts on the cue before a place, or null when someone else does (or nobody). */
function findAgent(text: string, place: Place, actors: Actor[], refs: SecretaryRef[], adjacent: boolean): SecretaryRef | null {
  if (adjacent) return refs.filter((r) => r.end <= place.start).at(-1) ?? null;
  // What the rules read around the place: a few words each side (enough for every pattern below).
  const after = text.slice(place.end, place.end + 120);
  // "a visit to Argentina by a U.S. defense secretary": the agent follows.
  // Not after a passive verb: "he was received in Lima by the president" puts "he" in Lima.
  const passive = /\b(?:was|were|is|are|been|being)\s+\w+(?:ed|en)\s+(?:in|at|to|into)\s+(?:the\s+)?$/i.test(text.slice(Math.max(0, place.start - 80), place.start));
  const by = passive ? null : /^\s*(?:[,;]?\s*(?:the\s+)?(?:first|last|second|third)?\s*)?by\s+/.exec(after);
  if (by) {
    const next = actors.find((a) => a.start >= place.end + by[0].length - 1 && a.start <= place.end + by[0].length + 12);
    return next?.ref ?? null;
  }
  // "was held in Arequipa, Peru, in October 2014, when Carter's predecessor, Chuck Hagel, led the
  // delegation": the event's place, and the secretary who was there.
  const when = /^[^;]{0,40}?,\s*when\s+/.exec(after);
  if (when) {
    const from = place.end + when[0].length;
    const verb = WHEN_PRESENT.exec(text.slice(from, from + 80));
    const doer = verb ? actors.filter((a) => a.start >= from && a.end <= from + verb.index && !/^['’]s\b/.test(text.slice(a.end))).at(-1) : undefined;
    if (doer?.ref) return doer.ref;
  }
  const before = text.slice(0, place.start);
  // "a tour that earlier took him to Brazil": the one taken somewhere travels.
  const taken = actors.filter((a) => a.end <= place.start && TAKEN.test(text.slice(Math.max(0, a.start - 30), a.start)) && /^\s+(?:\w+\s+){0,2}to\s+$/.test(text.slice(a.end, place.start))).at(-1);
  if (taken?.ref) return taken.ref;
  let cue: RegExpMatchArray | null = null;
  for (const m of allMatches(before, CUE)) cue = m;
  if (!cue) return fronted(text, place, actors);
  const cueAt = cue.index!;
  // The subject: the nearest person before the cue who is not the object of a verb or preposition
  // ("to speak to students", "met with President Santos").
  const prior = subjects(text, actors).filter((a) => a.end <= cueAt + 1).at(-1);
  // "there are 800 U.S. troops in Honduras": a copula or "said" puts only its own subject in the
  // place, when that subject stands right before it and the place right after it.
  if (prior && WEAK_CUE.test(cue[0])) {
    const between = actors.some((a) => a.start > cueAt && a.end <= place.start);
    // Up to the preposition: "was in the Caribbean port of Cartagena" is as close as "was in Cartagena".
    const lead = BEFORE_PLACE.exec(before)?.index ?? place.start;
    if (between || cueAt - prior.end > WEAK_CUE_REACH || lead - (cueAt + cue[0].length) > WEAK_CUE_REACH + 6) return null;
  }
  if (prior) return prior.ref;
  return fronted(text, place, actors);
}

/** Actors that are not objects: "meeting Prime Minister Patterson and Minister Phillips before flying on" is the secretary flying. */
function subjects(text: string, actors: Actor[]): Actor[] {
  const out: Actor[] = [];
  let previous: Actor | null = null;
  let previousWasObject = false;
  for (const a of actors) {
    const before = text.slice(Math.max(0, a.start - 20), a.start);
    // Joined to an object by "and" or a comma, or overlapping it, with only title words between: an object too.
    const joined = previous !== null && (a.start < previous.end || CONJOINED.test(text.slice(previous.end, a.start)));
    const isObject: boolean = OBJECT_BEFORE.test(before) || (previousWasObject && joined);
    if (!isObject) out.push(a);
    previous = a;
    previousWasObject = isObject;
  }
  return out;
}

/** "In Santiago, the secretary is expected to ...", "Arriving here after visiting Paraguay, the secretary ...": the subject follows. */
function fronted(text: string, place: Place, actors: Actor[]): SecretaryRef | null {
  if (!FRONTED.test(text)) return null;
  const next = actors.find((a) => a.start >= place.end);
  return next?.ref ?? null;
}

function emitVisits(s: Sentence, ctx: DocContext, place: Place, clause: { start: number; end: number }, agent: SecretaryRef, refs: SecretaryRef[], mention: Mention, out: VisitFinding): void {
  const text = s.text;
  // The clause of this place: from the place before it to the place after it. "to visit Guatemala
  // since 2005, and only the third to visit Mexico ever, preceded by William Perry in 1995": the
  // "since" belongs to Guatemala, the names and years to Mexico.
  const lead = text.slice(clause.start, place.start);
  const tail = text.slice(place.end, clause.end);
  const since = /^[^;]{0,60}?\bsince\s+((?:1[89]|20)\d\d)\b/.exec(tail);
  // "the first ... to visit Guatemala since 2005", and "No U.S. defense secretary has been to Uruguay since 2012".
  const first = /\bfirst\b/i.test(lead) || /^[^;]{0,40}\bfirst\b/i.test(tail) || (agent.kind === 'title' && !agent.secretary && /\bno\s+$/i.test(text.slice(Math.max(0, agent.start - 4), agent.start)));
  const historicalYears = new Set<number>();

  // "the first ... to visit Guatemala since 2005": a visit in 2005 by whoever was in office.
  if (since && first) {
    const year = Number(since[1]);
    historicalYears.add(year);
    out.visits.push(visit(ctx, mention, place, null, { year }, true, 'visits/first-since'));
    out.claims.push({ kind: 'first-since', country_iso3: place.country.iso3, country: place.country.name, since: year, ordinal: null, secretary: agent.secretary?.name ?? null, year: currentYear(ctx, text, historicalYears), mention });
  }
  // "the first time a defense secretary had come through Palmerola since William Cohen toured the
  // relief effort in early 1999": the named secretary's visit, in the year the clause gives.
  const sinceNamed = first && !since ? refs.find((r) => r.kind === 'name' && r.start >= place.end && r.start < clause.end && /\bsince\s+$/.test(text.slice(Math.max(0, r.start - 8), r.start))) : undefined;
  const sinceYear = sinceNamed ? findYears(text.slice(sinceNamed.end, Math.min(clause.end, sinceNamed.end + 80)))[0] : undefined;
  if (sinceNamed?.secretary && sinceYear && ctx.ref.inOffice(sinceNamed.secretary, sinceYear.year)) {
    historicalYears.add(sinceYear.year);
    out.visits.push(visit(ctx, mention, place, sinceNamed.secretary, { year: sinceYear.year }, true, 'visits/since-named'));
  }
  // "the last defense secretary to come here was Dick Cheney, in 1990", and "the last time a U.S.
  // defense secretary came to Buenos Aires, in August 2018, Jim Mattis left ...": the one named.
  const lastOne = agent.kind === 'title' && !agent.secretary && /\blast\b/i.test(text.slice(Math.max(0, agent.start - 20), agent.end + 10));
  const named = lastOne ? refs.find((r) => r.kind === 'name' && r.start >= place.end && r.start - place.end <= 45) : undefined;
  if (named?.secretary) {
    const between = text.slice(place.end, named.start);
    const was = /^[^;]{0,30}?\bwas\s+$/.test(between) ? /^\s*,?\s*(?:in|during)\s+((?:1[89]|20)\d\d)\b/.exec(text.slice(named.end)) : null;
    const aside = /^\s*,\s*(?:in|during)\s+[^,;]{3,30},\s*$/.test(between) ? findDates(between, ctx.doc.meta.published).find((d) => !d.relative) : undefined;
    const date: CalendarDate | null = was ? { year: Number(was[1]) } : (aside?.date ?? null);
    if (date && ctx.ref.inOffice(named.secretary, date.year)) {
      historicalYears.add(date.year);
      out.visits.push(visit(ctx, mention, place, named.secretary, date, true, 'visits/last-was'));
    }
  }
  // "preceded by William Perry in 1995 and Robert Gates in 2010": named visits in the past.
  for (const r of refs) {
    if (r.kind !== 'name' || r.start < place.end || r.start >= clause.end) continue;
    const y = /^\s*(?:,\s*)?(?:in|during)\s+((?:1[89]|20)\d\d)\b/.exec(text.slice(r.end));
    if (!y) continue;
    const year = Number(y[1]);
    historicalYears.add(year);
    if (r.secretary && ctx.ref.inOffice(r.secretary, year)) out.visits.push(visit(ctx, mention, place, r.secretary, { year }, false, 'visits/preceded-by'));
  }
  const ordinal = /\b(?:only\s+)?the\s+(second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b[^;]{0,60}?$/i.exec(lead);
  if (ordinal && /^[^;]{0,20}\bever\b/i.test(tail)) {
    out.claims.push({ kind: 'nth-ever', country_iso3: place.country.iso3, country: place.country.name, since: null, ordinal: ORDINALS[ordinal[1]!.toLowerCase()]!, secretary: agent.secretary?.name ?? null, year: currentYear(ctx, text, historicalYears), mention });
  } else if (first && !since && /\b(?:ever|to do so)\b/i.test(tail)) {
    out.claims.push({ kind: 'first-ever', country_iso3: place.country.iso3, country: place.country.name, since: null, ordinal: 1, secretary: agent.secretary?.name ?? null, year: currentYear(ctx, text, historicalYears), mention });
  }
  // The visit the sentence reports, by its agent; a described, unnamed secretary with no year is no fact.
  if (agent.kind === 'title' && !agent.secretary) return;
  // The date of this visit: not a date that belongs to a past visit named in the same sentence
  // ("since Donald H. Rumsfeld came here in August 2005").
  const sinceAt = tail.search(/\bsince\b/);
  const own = sinceAt < 0 ? text : text.slice(0, place.end + sinceAt);
  // A year right after the place belongs to it ("came to Brasília in 2005"), before any earlier in the sentence.
  const inYear = (y: { year: number; cue: string }) => !historicalYears.has(y.year) && (y.cue === 'in' || y.cue === 'during');
  const ownYear = findYears(tail).find(inYear) ?? findYears(own).find(inYear);
  // "last year's agreement" dates the agreement, not the visit.
  const dates = findDates(own, ctx.doc.meta.published).filter((d) => (!historicalYears.has(d.date.year) || d.date.month !== undefined) && !/^['’]s\b/.test(own.slice(d.end)));
  let date: CalendarDate | null = dates.find((d) => !d.relative)?.date ?? (ownYear ? { year: ownYear.year } : null) ?? dates[0]?.date ?? null;
  // The dateline dates what its own story's secretary does there, not a predecessor mentioned in passing.
  // So does the document's date for a speaker's own "we land in Lima": they speak at the time of writing.
  const storySecretary = agent.secretary !== null && (agent.secretary === ctx.storySecretary || agent.kind === 'speaker');
  if (!date && ctx.dateline?.date && ctx.dateline.country === place.country && storySecretary) date = ctx.dateline.date;
  const year = date?.year ?? (storySecretary || !agent.secretary ? (ctx.dateline?.date?.year ?? ctx.published.year) : null);
  // A secretary visits only while in office: a year outside the term is a misreading.
  if (agent.secretary && (year === null || !ctx.ref.inOffice(agent.secretary, year))) return;
  out.visits.push(visit(ctx, mention, place, agent.secretary, date ?? (year ? null : null), false, 'visits/travel'));
}



const ORDINALS: Record<string, number> = { second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10 };

function currentYear(ctx: DocContext, text: string, historical: Set<number>): number {
  const d = findDates(text, ctx.doc.meta.published).find((x) => !historical.has(x.date.year));
  return d?.date.year ?? ctx.dateline?.date?.year ?? ctx.published.year;
}

function visit(ctx: DocContext, mention: Mention, place: Place, secretary: Secretary | null, date: CalendarDate | null, historical: boolean, rule: string): VisitFact {
  const year = date?.year ?? ctx.dateline?.date?.year ?? ctx.published.year;
  let inferred = false;
  let name = secretary?.name ?? null;
  if (!name) {
    const inOffice = ctx.ref.secretariesInOffice(year);
    if (inOffice.length === 1) {
      name = inOffice[0]!.name;
      inferred = true;
    }
  }
  return {
    table: 'secdef-visits',
    rule,
    mention,
    secretary: name,
    secretary_inferred: inferred,
    country_iso3: place.country.iso3,
    country: place.country.name,
    city: historical ? null : place.city,
    date: date ? formatDate(date) : null,
    year,
  };
}

export type { Reference };
