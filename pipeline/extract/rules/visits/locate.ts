// Who goes where, in one clause: the words that introduce a place (a preposition, a place described
// before its name, a verb that takes the place directly), the travel or presence word that governs
// them, and its agent (the subject of a verb, the owner or "by" of a noun). The grammar is light:
// the nearest words in text order, within the place's clause.
import type { SecretaryRef } from '../../agents.js';
import { matchBefore, type Pattern } from '../../annotate/pattern.js';
import type { Annotated } from '../../annotate/sentence.js';
import type { Cue } from '../../annotate/vocabulary.js';
import { clauseAt, type PlaceRef, type VisitEnv } from './env.js';

// The words right before a place that make it a location or a destination.
const LOCATORS: Pattern[] = [
  // "to the port city of", "in the capital of", "in the Caribbean island of"
  [{ vocab: 'place-preposition' }, { word: 'the', opt: true }, { kind: 'word', times: [0, 2] }, { vocab: 'place-description' }, { word: ['city', 'town'], opt: true }, { word: 'of' }],
  [{ vocab: 'place-preposition' }, { word: 'the', opt: true }],
];
// "next stop is Lima": the travel noun is both the cue and the locator.
const STOP_IS: Pattern = [{ word: ['stop', 'destination', 'leg'] }, { word: ['is', 'was', 'will'] }, { word: 'be', opt: true }];
// Verbs that take the place directly: "visited Lima", "toured Bogota", "left Quito".
const DIRECT = ['visit', 'tour', 'reach', 'leave', 'depart', 'swing'];
// "flies into Bogota from Lima": leaving a place puts the traveller there first.
const FROM: Pattern = [{ word: 'from' }, { word: 'the', opt: true }];

/** Vocabularies whose words put their agent at the place they govern. */
const EVENT_VOCABS = ['travel', 'presence', 'leaving', 'copula', 'weak-presence', 'speech-event', 'taking-verb'] as const;
/** Vocabularies whose words put only an adjacent subject in an adjacent place. */
const WEAK_VOCABS = ['copula', 'weak-presence'];
/** How far before its place a travel word still governs it, in tokens (a long clause). */
const CUE_REACH = 24;
/** A copula puts only an adjacent subject in an adjacent place: "Mattis was in Bogota". */
const WEAK_REACH = 3;

export interface Located {
  /** Where the words introducing the place start. */
  locator: number;
  cue: Cue;
  agent: SecretaryRef | null;
}

function startsWithAny(norm: string, stems: string[]): boolean {
  return stems.some((s) => norm.startsWith(s));
}

/** Where the words introducing a place start, or null when nothing introduces it. */
export function locatorOf(a: Annotated, place: PlaceRef): { at: number; direct: boolean } | null {
  // "arrived here", "his visit there": the adverb is its own locator.
  if (place.referred && ['here', 'there'].includes(a.tokens[place.t0]!.norm)) return { at: place.t0, direct: false };
  for (const p of LOCATORS) {
    const at = matchBefore(a, place.t0, p);
    if (at !== null) return { at, direct: false };
  }
  const stop = matchBefore(a, place.t0, STOP_IS);
  if (stop !== null) return { at: stop, direct: true };
  const verb = a.tokens[place.t0 - 1]?.norm === 'the' ? place.t0 - 2 : place.t0 - 1;
  if (verb >= 0 && a.inVocab(verb, 'travel') && startsWithAny(a.tokens[verb]!.norm, DIRECT)) return { at: verb, direct: true };
  const from = matchBefore(a, place.t0, FROM);
  if (from !== null && a.cue('travel').some((c) => c.t1 <= from && from - c.t1 <= 6)) return { at: from, direct: false };
  return null;
}

/** The travel or presence word that governs the place's locator: the nearest before it in its clause. */
export function cueFor(a: Annotated, env: VisitEnv, locator: number, direct: boolean): Cue | null {
  const clause = clauseAt(env.clauses, locator);
  if (direct) return a.cues.find((c) => c.vocab === 'travel' && c.t0 === locator) ?? null;
  let best: Cue | null = null;
  for (const c of a.cues) {
    if (!(EVENT_VOCABS as readonly string[]).includes(c.vocab) || c.t1 > locator || c.t0 < clause.t0 || locator - c.t1 > CUE_REACH) continue;
    // The copula of "is expected to arrive": the travel word is the one that governs.
    if (!best || c.t0 > best.t0 || (c.t0 === best.t0 && c.vocab !== 'copula')) best = c;
  }
  return best;
}

/** A person right after an object verb or a preposition ("met with President Santos") is an object. */
function afterObjectWord(a: Annotated, t: number): boolean {
  let k = t - 1;
  if (['the', 'his', 'her', 'their'].includes(a.tokens[k]?.norm ?? '')) k--;
  return k >= 0 && a.inVocab(k, 'object-verb') !== undefined;
}

/**
 * Two people are joined into one subject or one object by "and" or a comma, with only capitalised
 * words of a title between ("Prime Minister Patterson and National Security Minister Phillips").
 */
function joined(a: Annotated, from: number, to: number): boolean {
  let k = from;
  let link = false;
  while (k < to && (a.tokens[k]!.text === ',' || a.tokens[k]!.norm === 'and')) {
    link = true;
    k++;
  }
  while (k < to && a.tokens[k]!.cap && a.tokens[k]!.kind === 'word') k++;
  return link && k === to;
}

interface Actor {
  t0: number;
  t1: number;
  ref: SecretaryRef | null;
  object: boolean;
}

/** People in text order, each marked an object when it follows an object word or is joined to an object ("met Prime Minister Patterson and Minister Phillips"). */
function actorsOf(a: Annotated, env: VisitEnv): Actor[] {
  const all = [...env.refs.map((r) => ({ t0: r.t0, t1: r.t1, ref: r as SecretaryRef | null })), ...env.others.map((o) => ({ t0: o.t0, t1: o.t1, ref: null }))].sort((x, y) => x.t0 - y.t0);
  const out: Actor[] = [];
  for (const x of all) {
    const previous = out.at(-1);
    const linked = previous !== undefined && (x.t0 < previous.t1 || joined(a, previous.t1, x.t0));
    out.push({ ...x, object: afterObjectWord(a, x.t0) || (linked && previous.object) });
  }
  return out;
}

/**
 * The subject of a verb at token \`at\`: the nearest person before it who is not an object. People
 * joined by "and" are one subject ("The secretary and the ambassador spent ..."): a secretary among
 * them is the agent. Undefined when nobody stands before the verb.
 */
export function subjectBefore(a: Annotated, env: VisitEnv, at: number, from = 0): SecretaryRef | null | undefined {
  // The subject of a relative clause ("sat where I am sitting") is not the main verb's.
  const relative = (x: Actor) => ['where', 'who', 'which', 'that', 'when', 'whom'].includes(a.tokens[x.t0 - 1]?.norm ?? '') && a.tokens.slice(x.t1, at).some((t) => t.text === ',');
  const actors = actorsOf(a, env).filter((x) => x.t1 <= at && x.t0 >= from && !x.object && !relative(x));
  if (actors.length === 0) return undefined;
  let j = actors.length - 1;
  while (j > 0 && joined(a, actors[j - 1]!.t1, actors[j]!.t0)) j--;
  const group = actors.slice(j);
  return group.find((g) => g.ref?.secretary)?.ref ?? group.find((g) => g.ref)?.ref ?? null;
}

/** The secretary who goes to, or is at, a place, by the words that introduce it. */
export function locate(a: Annotated, env: VisitEnv, place: PlaceRef): Located | null {
  // "Rumsfeld, here to attend the fifth Defense Ministerial": "here" set off after a secretary places him.
  if (place.referred && a.tokens[place.t0]!.norm === 'here' && a.tokens[place.t0 - 1]?.text === ',') {
    const apposed = env.refs.find((r) => r.t1 === place.t0 - 1 && r.secretary);
    if (apposed) return { locator: place.t0, cue: { vocab: 'presence', t0: place.t0, t1: place.t1 }, agent: apposed };
  }
  const loc = locatorOf(a, place);
  if (!loc) return null;
  const cue = cueFor(a, env, loc.at, loc.direct) ?? frontedCue(a, place);
  if (!cue) return null;
  return { locator: loc.at, cue, agent: agentOf(a, env, place, cue, loc.at) };
}

const TRAVEL_NOUN = /^(?:visit|trip|journey|tour|arrival|stop|stopover|swing|leg|remarks|speech|address|conference|availability)s?$/;
const OWNERS = ['his', 'her', 'my', 'our'];

/** The owner of a travel or speech noun: "Hagel's visit", "his trip", "my visit". */
export function ownerOf(a: Annotated, env: VisitEnv, noun: number): SecretaryRef | undefined {
  let k = noun - 1;
  while (k >= 0 && a.tokens[k]!.kind === 'word' && !OWNERS.includes(a.tokens[k]!.norm) && a.tokens[k]!.norm !== "'s" && noun - k <= 4 && !env.refs.some((r) => r.t1 === k + 1)) k--;
  if (a.tokens[k]?.norm === "'s") return env.refs.find((r) => r.t1 === k && r.secretary);
  return env.refs.find((r) => r.t0 === k && r.t1 === k + 1 && OWNERS.includes(a.tokens[k]!.norm) && r.secretary);
}

/** The travel noun is owned ("'s") by someone who is not a secretary: "President Preval's visit". */
function ownedByAnother(a: Annotated, env: VisitEnv, noun: number): boolean {
  let k = noun - 1;
  while (k >= 0 && a.tokens[k]!.kind === 'word' && a.tokens[k]!.norm !== "'s" && noun - k <= 4) k--;
  return a.tokens[k]?.norm === "'s" && env.others.some((o) => o.t1 === k || o.t1 === k + 1) && !env.refs.some((r) => r.t1 === k && r.secretary);
}

function agentOf(a: Annotated, env: VisitEnv, place: PlaceRef, cue: Cue, locator: number): SecretaryRef | null {
  const tokens = a.tokens;
  if (TRAVEL_NOUN.test(tokens[cue.t1 - 1]!.norm) && (cue.vocab === 'travel' || cue.vocab === 'speech-event' || cue.vocab === 'presence')) {
    const owner = ownerOf(a, env, cue.t0);
    if (owner) return owner;
    // "President Preval's visit": a noun someone else owns is theirs.
    if (ownedByAnother(a, env, cue.t0)) return null;
    // "a visit to Peru by the secretary", "the visit by Mr. Rumsfeld to Brazil", "remarks by Secretary Carter in ...".
    for (const at of [cue.t1, place.t1]) if (tokens[at]?.norm === 'by') return env.refs.find((r) => r.t0 >= at + 1 && r.t0 <= at + 4) ?? null;
    // "Participating were Secretary of Defense Donald H. Rumsfeld and ...".
    const participating = tokens.findIndex((t, i) => i > place.t1 && t.norm === 'participating');
    if (participating >= 0) return env.refs.find((r) => r.t0 > participating && r.t0 <= participating + 3) ?? null;
    // The stops of a trip someone owns in the same sentence: "Panetta's Latin America tour, which also includes stops in Brazil".
    const trip = a.cue('travel').find((c) => c.t1 <= cue.t0 && TRAVEL_NOUN.test(tokens[c.t1 - 1]!.norm) && ownerOf(a, env, c.t0));
    if (trip) return ownerOf(a, env, trip.t0)!;
  }
  // "a tour that earlier took him to Brazil": the one taken somewhere travels.
  const taken = env.refs.find((r) => r.t1 <= locator && locator - r.t1 <= 2 && a.inVocab(r.t0 - 1, 'taking-verb'));
  if (taken || cue.vocab === 'taking-verb') return taken ?? null;
  // A travel noun's subject is in its own clause ("a visit to the VRAEM ... would say more" has none).
  const noun = TRAVEL_NOUN.test(tokens[cue.t1 - 1]!.norm);
  const subject = cue.t0 > place.t0 ? frontedSubject(a, env, place) : subjectBefore(a, env, cue.t0, noun ? clauseAt(env.clauses, cue.t0).t0 : 0);
  if (subject === undefined) return frontedSubject(a, env, place) ?? speakerOf(a, env, cue);
  if (WEAK_VOCABS.includes(cue.vocab) && subject) {
    // Only an adjacent subject, and an adjacent place with nobody between: "there are 800 U.S. troops
    // in Honduras" is not the secretary's.
    const between = env.others.some((o) => o.t0 >= cue.t1 && o.t1 <= locator);
    if (between || tokens[cue.t0 - 1]?.norm === 'there' || cue.t0 - subject.t1 > WEAK_REACH || locator - cue.t1 > WEAK_REACH) return null;
  }
  return subject;
}

/** "It is an honor to be here": in a speech, a verb with no subject of its own is the speaker's. */
function speakerOf(a: Annotated, env: VisitEnv, cue: Cue): SecretaryRef | null {
  const to = a.tokens[cue.t0 - 1]?.norm === 'to' || (a.tokens[cue.t0 - 1]?.norm === 'be' && a.tokens[cue.t0 - 2]?.norm === 'to');
  return to && env.speaker ? { t0: cue.t0, t1: cue.t0, kind: 'speaker', secretary: env.speaker } : null;
}

/** The opening clause of a sentence ("In Brasilia, ...", "Arriving here after visiting Paraguay, ..."): its place, before the first comma. */
function openingClause(a: Annotated, place: PlaceRef): number | null {
  if (!a.inVocab(0, 'fronting') && !a.inVocab(1, 'fronting')) return null;
  const comma = a.tokens.findIndex((t, i) => i >= place.t1 && t.text === ',');
  return comma < 0 || a.tokens.slice(0, place.t0).some((t) => t.text === ',') ? null : comma;
}

/** In an opening clause, the subject follows it: "In Santiago, the secretary is expected to ...". */
function frontedSubject(a: Annotated, env: VisitEnv, place: PlaceRef): SecretaryRef | null {
  const comma = openingClause(a, place);
  if (comma === null) return null;
  const next = actorsOf(a, env).find((x) => x.t0 > comma);
  return next?.ref ?? null;
}

/** In an opening clause with no travel word of its own ("In Brasilia, Cohen met with ..."), the main clause's word governs. */
function frontedCue(a: Annotated, place: PlaceRef): Cue | null {
  const comma = openingClause(a, place);
  if (comma === null) return null;
  // "While in San Salvador last year, Secretary Rumsfeld praised ...": being there is the opening's own point.
  if (a.tokens[0]?.norm === 'while' && a.tokens[place.t0 - 1]?.norm === 'in') return { vocab: 'presence', t0: 0, t1: 1 };
  return a.cues.find((c) => (EVENT_VOCABS as readonly string[]).includes(c.vocab) && c.t0 > comma) ?? null;
}

/** A denial or hedge between the clause's start (or the previous place) and the place: "cancelled his trip to Brazil". */
export function denied(a: Annotated, env: VisitEnv, place: PlaceRef, from: number): boolean {
  const clause = clauseAt(env.clauses, place.t0);
  const start = Math.max(clause.t0, from);
  if (a.cue('denial').some((c) => c.t0 >= start && c.t1 <= place.t0 && !(a.tokens[c.t0]!.norm === 'not' && a.tokens[c.t0 + 1]?.norm === 'only'))) return true;
  // A modal anywhere in the clause makes it a possibility: "a visit to the VRAEM would say more".
  return a.cue('hedge').some((c) => c.t0 >= clause.t0 && c.t1 <= clause.t1);
}
